import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import request from 'supertest';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
interface Unit {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  headcount: number;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'units');

describe('units of a contest', () => {
  let t: TestApp;
  let admin: Agent;
  let contestId: string;
  let phoneCounter = 0;

  const api = () => request(t.baseUrl);
  const units = async (contest = contestId): Promise<Unit[]> => {
    const res = await api().get(`/api/contests/${contest}/units`);
    expect(res.status).toBe(200);
    return res.body.items as Unit[];
  };
  const byCode = async (code: string, contest = contestId) => {
    const unit = (await units(contest)).find((u) => u.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit;
  };
  const newContest = async (name: string): Promise<string> => {
    const res = await admin.post('/api/contests').send({ name });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const upload = (contest: string, file: string, dryRun?: boolean) =>
    admin
      .post(
        `/api/contests/${contest}/units/import${dryRun === undefined ? '' : `?dryRun=${String(dryRun)}`}`,
      )
      .attach('file', readFileSync(join(FIXTURES, file)), file.split('/').at(-1));
  const register = (contest: string, overrides: object = {}) =>
    api()
      .post(`/api/contests/${contest}/participants`)
      .send({
        fullName: 'Trần Thị Bình',
        birthYear: 1985,
        gender: 'female',
        phone: `0905${String(100_000 + phoneCounter++).slice(0, 6)}`,
        participantGroup: 'civil_servant',
        password: 'mat-khau-du-thi',
        consent: true,
        ...overrides,
      });

  async function dbQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000', API_RATE_LIMIT: '100000' });
    admin = await signedInAgent(t.baseUrl);
    contestId = await newContest('Hội thi CCHC có đơn vị');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets organizers build a two-level tree that anyone can read, in tree order', async () => {
    expect(await units()).toEqual([]);
    const block = await admin
      .post(`/api/contests/${contestId}/units`)
      .send({ code: 'k-cq', name: '  Khối  cơ quan ', kind: 'block', headcount: 0 });
    expect(block.status).toBe(201);
    expect(block.body).toMatchObject({ code: 'K-CQ', name: 'Khối cơ quan', parentId: null });
    const tdp = await admin
      .post(`/api/contests/${contestId}/units`)
      .send({ code: 'TDP1', name: 'Tổ dân phố 1', kind: 'residential_group', headcount: 300 });
    expect(tdp.status).toBe(201);
    const vp = await admin.post(`/api/contests/${contestId}/units`).send({
      code: 'VP',
      name: 'Văn phòng',
      kind: 'unit',
      parentId: block.body.id,
      headcount: 12,
    });
    expect(vp.status).toBe(201);

    expect((await units()).map((u) => [u.code, u.parentId === null ? null : 'K-CQ'])).toEqual([
      ['K-CQ', null],
      ['VP', 'K-CQ'],
      ['TDP1', null],
    ]);
    expect(Object.keys((await units())[0]).sort()).toEqual(
      ['code', 'headcount', 'id', 'kind', 'name', 'parentId'].sort(),
    );
    const audit = await dbQuery<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'unit' ORDER BY at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['unit.created', 'unit.created', 'unit.created']);
  });

  it('refuses a third level, a block with a parent, a taken code and a stranger', async () => {
    const vp = await byCode('VP');
    const block = await byCode('K-CQ');
    const under = await admin.post(`/api/contests/${contestId}/units`).send({
      code: 'TO-1',
      name: 'Tổ thuộc văn phòng',
      kind: 'unit',
      parentId: vp.id,
      headcount: 1,
    });
    expect(under.status).toBe(422);
    expect(under.body.details).toEqual([
      {
        field: 'parentId',
        message: '"Văn phòng" là đơn vị, không phải khối: chỉ khối mới có đơn vị trực thuộc.',
      },
    ]);
    const blockInBlock = await admin.post(`/api/contests/${contestId}/units`).send({
      code: 'K2',
      name: 'Khối 2',
      kind: 'block',
      parentId: block.id,
      headcount: 0,
    });
    expect(blockInBlock.status).toBe(422);
    expect(blockInBlock.body.details[0].field).toBe('parentId');
    const taken = await admin
      .post(`/api/contests/${contestId}/units`)
      .send({ code: 'vp', name: 'Trùng', kind: 'unit', headcount: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('UNIT_CODE_TAKEN');
    const badCode = await admin
      .post(`/api/contests/${contestId}/units`)
      .send({ code: 'Tổ 1', name: 'Tổ', kind: 'unit', headcount: 1 });
    expect(badCode.status).toBe(400);
    const otherContest = await newContest('Hội thi khác');
    const foreignParent = await admin.post(`/api/contests/${otherContest}/units`).send({
      code: 'X',
      name: 'Đơn vị',
      kind: 'unit',
      parentId: block.id,
      headcount: 1,
    });
    expect(foreignParent.status).toBe(422);
    expect(
      (
        await api()
          .post(`/api/contests/${contestId}/units`)
          .send({ code: 'A', name: 'A', kind: 'unit', headcount: 1 })
      ).status,
    ).toBe(401);
    expect((await api().patch(`/api/units/${vp.id}`).send({ headcount: 1 })).status).toBe(401);
    expect((await api().delete(`/api/units/${vp.id}`)).status).toBe(401);
  });

  it('edits a unit, refusing to make a block with units an ordinary unit', async () => {
    const vp = await byCode('VP');
    const edited = await admin
      .patch(`/api/units/${vp.id}`)
      .send({ name: 'Văn phòng HĐND và UBND', headcount: 14 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Văn phòng HĐND và UBND',
      headcount: 14,
      code: 'VP',
    });
    const block = await byCode('K-CQ');
    const demote = await admin.patch(`/api/units/${block.id}`).send({ kind: 'unit' });
    expect(demote.status).toBe(422);
    expect(demote.body.details).toEqual([
      {
        field: 'kind',
        message: 'Khối "Khối cơ quan" đang có 1 đơn vị trực thuộc nên không thể đổi loại.',
      },
    ]);
    const move = await admin.patch(`/api/units/${vp.id}`).send({ parentId: null });
    expect(move.status).toBe(200);
    expect(move.body.parentId).toBeNull();
    expect((await admin.patch(`/api/units/${vp.id}`).send({ parentId: block.id })).status).toBe(
      200,
    );
    expect((await admin.patch(`/api/units/${vp.id}`).send({ code: 'TDP1' })).status).toBe(409);
    expect(
      (await admin.patch('/api/units/00000000-0000-4000-8000-000000000000').send({ headcount: 1 }))
        .status,
    ).toBe(404);
  });

  it('refuses to delete a block that still has units, deletes an empty one', async () => {
    const block = await byCode('K-CQ');
    const refused = await admin.delete(`/api/units/${block.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('còn 1 đơn vị trực thuộc');
    const spare = await admin
      .post(`/api/contests/${contestId}/units`)
      .send({ code: 'TAM', name: 'Tạm', kind: 'unit', headcount: 0 });
    expect((await admin.delete(`/api/units/${spare.body.id}`)).status).toBe(204);
    expect((await units()).map((u) => u.code)).not.toContain('TAM');
  });

  it('previews an import without writing, then imports it: upsert by code', async () => {
    const before = await units();
    const preview = await upload(contestId, 'ok/don-vi-phuong.xlsx', true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'xlsx',
      dryRun: true,
      written: false,
      rows: 6,
      created: 3,
      updated: 2,
      unchanged: 1,
      kept: 0,
      problems: [],
    });
    expect(
      preview.body.preview.map((p: { code: string; action: string }) => `${p.code}:${p.action}`),
    ).toEqual([
      'K-CQ:unchanged',
      'VP:update',
      'KT:create',
      'K-DC:create',
      'TDP1:update',
      'TDP2:create',
    ]);
    expect(preview.body.summary).toContain('Chưa ghi gì');
    expect(await units()).toEqual(before);

    const done = await upload(contestId, 'ok/don-vi-phuong.xlsx');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ written: true, created: 3, updated: 2, unchanged: 1 });
    const after = await units();
    const ids = new Map(after.map((u) => [u.id, u.code]));
    expect(
      after.map((u) => [u.code, u.parentId === null ? null : ids.get(u.parentId), u.headcount]),
    ).toEqual([
      ['K-CQ', null, 0],
      ['VP', 'K-CQ', 12],
      ['KT', 'K-CQ', 8],
      ['K-DC', null, 0],
      // TDP1 existed at the top level: the file moves it into K-DC.
      ['TDP1', 'K-DC', 1250],
      ['TDP2', 'K-DC', 980],
    ]);
    // VP keeps its id (an update, not a new unit).
    expect(after.find((u) => u.code === 'VP')?.id).toBe(before.find((u) => u.code === 'VP')?.id);

    const again = await upload(contestId, 'ok/don-vi-phuong.xlsx');
    expect(again.body).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 6 });
    const audit = await dbQuery<{ after: { created: number } }>(
      `SELECT after FROM audit_log WHERE action = 'units.imported' AND entity_id = $1 ORDER BY at`,
      [contestId],
    );
    expect(audit.map((a) => a.after.created)).toEqual([3, 0]);
  });

  it('imports nothing from a file with a bad row, and lists every problem', async () => {
    const before = await units();
    for (const dryRun of [true, false]) {
      const res = await upload(contestId, 'not-ok/nhieu-dong-loi.xlsx', dryRun);
      expect(res.status).toBe(200);
      expect(res.body.written).toBe(false);
      expect(res.body.problems).toHaveLength(13);
      expect(res.body.problems[0]).toEqual({
        sheet: 'Đơn vị',
        row: 3,
        column: 'Mã khối/đơn vị',
        message: 'Thiếu mã đơn vị.',
      });
      expect(res.body.summary).toContain('chưa nhập đơn vị nào');
    }
    for (const file of [
      'not-ok/khong-co-tieu-de.csv',
      'not-ok/thieu-cot-so-nguoi.xlsx',
      'not-ok/excel-cu.xls',
    ]) {
      const res = await upload(contestId, file);
      expect(res.status).toBe(200);
      expect(res.body.written).toBe(false);
      expect(res.body.problems.length).toBeGreaterThan(0);
    }
    expect(await units()).toEqual(before);
    const noFile = await admin.post(`/api/contests/${contestId}/units/import`);
    expect(noFile.status).toBe(400);
    expect(noFile.body.details[0].field).toBe('file');
  });

  it('refuses a file that would take units away from a block', async () => {
    const before = await units();
    const res = await admin
      .post(`/api/contests/${contestId}/units/import`)
      .attach('file', Buffer.from('Mã,Tên,Loại,Số người\nK-DC,Khối dân cư,Đơn vị,5\n'), 'x.csv');
    expect(res.body.written).toBe(false);
    expect(res.body.problems).toEqual([
      {
        sheet: null,
        row: 2,
        column: 'Loại',
        message:
          '"K-DC" đang có đơn vị trực thuộc không có trong tệp (TDP1, TDP2) nên phải là Khối.',
      },
    ]);
    expect(await units()).toEqual(before);
  });

  it('keeps the units a file does not mention', async () => {
    const res = await admin
      .post(`/api/contests/${contestId}/units/import`)
      .attach(
        'file',
        Buffer.from('Mã;Tên;Loại;Thuộc;Số người\nCA;Công an phường;Đơn vị;;25\n'),
        'x.csv',
      );
    expect(res.body).toMatchObject({ written: true, created: 1, kept: 6, problems: [] });
    // Not every unit is in the file: the order stays, the new unit comes last.
    expect((await units()).map((u) => u.code)).toEqual([
      'K-CQ',
      'VP',
      'KT',
      'K-DC',
      'TDP1',
      'TDP2',
      'CA',
    ]);
  });

  it('serves a template that imports as it is', async () => {
    const res = await admin
      .get(`/api/contests/${contestId}/units/template.xlsx`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã khối/đơn vị',
      'Tên',
      'Loại',
      'Thuộc (mã đơn vị cha)',
      'Số người',
    ]);
    const fresh = await newContest('Hội thi dùng tệp mẫu');
    const imported = await admin
      .post(`/api/contests/${fresh}/units/import`)
      .attach('file', res.body as Buffer, 'mau.xlsx');
    expect(imported.body).toMatchObject({ written: true, created: 7, problems: [], notices: [] });
    expect((await api().get(`/api/contests/${fresh}/units/template.xlsx`)).status).toBe(401);
  });

  it('requires a unit (not a block) of the contest at registration, and records it', async () => {
    const missing = await register(contestId);
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      { field: 'unitId', message: 'Vui lòng chọn đơn vị hoặc tổ dân phố của bạn.' },
    ]);
    const block = await register(contestId, { unitId: (await byCode('K-DC')).id });
    expect(block.body.details[0]).toEqual({
      field: 'unitId',
      message: 'Hãy chọn một đơn vị hoặc tổ dân phố cụ thể trong khối, không chọn cả khối.',
    });
    const other = await newContest('Hội thi thứ ba');
    const foreign = await register(other, { unitId: (await byCode('TDP1')).id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].message).toBe(
      'Hội thi này không có danh sách đơn vị: hãy ghi tên đơn vị.',
    );
    const otherUnit = await admin
      .post(`/api/contests/${other}/units`)
      .send({ code: 'X', name: 'X', kind: 'unit', headcount: 1 });
    const wrongContest = await register(contestId, { unitId: otherUnit.body.id });
    expect(wrongContest.body.details[0].message).toBe('Đơn vị đã chọn không thuộc hội thi này.');
    expect((await register(contestId, { unitId: 'not-a-uuid' })).status).toBe(400);

    const tdp1 = await byCode('TDP1');
    const ok = await register(contestId, { unitId: tdp1.id, unit: 'bị bỏ qua' });
    expect(ok.status).toBe(201);
    const [row] = await dbQuery<{ unit_id: string; unit: string }>(
      `SELECT unit_id, unit FROM participants WHERE id = $1`,
      [ok.body.participant.id],
    );
    expect(row).toEqual({ unit_id: tdp1.id, unit: 'Tổ dân phố 1' });

    // A renamed unit renames its participants' free-text unit (exports keep working).
    await admin.patch(`/api/units/${tdp1.id}`).send({ name: 'Tổ dân phố số 1' });
    const [renamed] = await dbQuery<{ unit: string }>(
      `SELECT unit FROM participants WHERE id = $1`,
      [ok.body.participant.id],
    );
    expect(renamed.unit).toBe('Tổ dân phố số 1');

    const inUse = await admin.delete(`/api/units/${tdp1.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain('đã có 1 người dự thi đăng ký');
    const toBlock = await admin
      .patch(`/api/units/${tdp1.id}`)
      .send({ kind: 'block', parentId: null });
    expect(toBlock.status).toBe(422);
    expect(toBlock.body.details[0].field).toBe('kind');
  });

  it('keeps the free-text unit for a contest without units', async () => {
    const plain = await newContest('Hội thi không chia đơn vị');
    const res = await register(plain, { unit: ' Tổ dân phố 5 ' });
    expect(res.status).toBe(201);
    const [row] = await dbQuery<{ unit_id: string | null; unit: string }>(
      `SELECT unit_id, unit FROM participants WHERE id = $1`,
      [res.body.participant.id],
    );
    expect(row).toEqual({ unit_id: null, unit: 'Tổ dân phố 5' });
  });

  it('answers 404 for the units of a contest that does not exist', async () => {
    expect(
      (await api().get('/api/contests/00000000-0000-4000-8000-000000000000/units')).status,
    ).toBe(404);
  });
});
