import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { HostView } from '../../src/shared/live/events';
import { callLive, connectLive, okLive, type LiveSocket, viewWhere } from '../support/live-socket';
import {
  LIVE_TEST_ENV,
  sessionCookie,
  signedInAgent,
  startTestApp,
  type TestApp,
} from '../support/test-app';

/** The live final with a contestant list: import, creation, joining by number, reconnecting. */
describe('live final with a contestant roster', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAgent>>;
  let cookie: string;
  let bankId: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(LIVE_TEST_ENV);
    admin = await signedInAgent(t.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    cookie = await sessionCookie(t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t?.close();
  });

  async function connect(withCookie = false): Promise<LiveSocket> {
    const socket = await connectLive(t.baseUrl, withCookie ? cookie : undefined);
    sockets.push(socket);
    return socket;
  }

  async function xlsx(sheets: Record<string, (string | number | null)[][]>): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = wb.addWorksheet(name);
      for (const row of rows) sheet.addRow(row);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('serves the template: Vietnamese headers, two example rows, that parse as they are', async () => {
    const res = await admin
      .get('/api/live/rosters/template')
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
    expect(res.headers['content-disposition']).toContain('mau-danh-sach-thi-sinh.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Số báo danh',
      'Họ và tên',
      'Đơn vị',
    ]);
    expect(sheet.actualRowCount).toBe(3);

    const parsed = await admin
      .post('/api/live/rosters/parse')
      .attach('file', res.body as Buffer, 'mau.xlsx');
    expect(parsed.status).toBe(200);
    expect(parsed.body.rows).toHaveLength(2);

    expect((await request(t.baseUrl).get('/api/live/rosters/template')).status).toBe(401);
  });

  it('parses a good xlsx into rows', async () => {
    const file = await xlsx({
      'Danh sách': [
        ['DANH SÁCH THÍ SINH CHUNG KẾT'],
        [],
        ['STT', 'SBD', 'Họ và tên', 'Đơn vị'],
        [1, 'TS001', 'Nguyễn Văn An', 'Phòng Kinh tế'],
        [2, 'TS002', 'Trần Thị Bình', 'Tổ dân phố 1'],
        [3, 'TS003', '  Lê   Văn Cường ', null],
      ],
    });
    const res = await admin.post('/api/live/rosters/parse').attach('file', file, 'danh-sach.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      rows: [
        { number: 'TS001', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' },
        { number: 'TS002', name: 'Trần Thị Bình', team: 'Tổ dân phố 1' },
        { number: 'TS003', name: 'Lê Văn Cường', team: null },
      ],
    });
  });

  it('refuses a bad xlsx with 422 listing every bad row, and nothing else', async () => {
    const file = await xlsx({
      'Thí sinh': [
        ['Số báo danh', 'Họ và tên', 'Đơn vị'],
        ['A01', 'Nguyễn An', 'Phòng A'],
        [null, 'Không có số', 'Phòng A'],
        ['A03', null, null],
        ['a01', 'Trùng số', null],
        ['A05', 'Tên rất dài '.repeat(5), null],
        ['A06', 'Đơn vị dài', 'x'.repeat(61)],
        ['A07', 'Hợp lệ', null],
      ],
    });
    const res = await admin.post('/api/live/rosters/parse').attach('file', file, 'loi.xlsx');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      statusCode: 422,
      code: 'LIVE_ROSTER_FILE_INVALID',
      message: 'Tệp danh sách thí sinh có 5 lỗi; hãy sửa rồi tải lên lại.',
      details: [
        { sheet: 'Thí sinh', row: 3, column: 'Số báo danh', message: 'Thiếu số báo danh.' },
        { sheet: 'Thí sinh', row: 4, column: 'Họ và tên', message: 'Thiếu họ và tên.' },
        {
          sheet: 'Thí sinh',
          row: 5,
          column: 'Số báo danh',
          message: 'Số báo danh "a01" trùng với dòng 2.',
        },
        {
          sheet: 'Thí sinh',
          row: 6,
          column: 'Họ và tên',
          message: 'Họ và tên dài 59 ký tự, vượt quá giới hạn 40 ký tự.',
        },
        {
          sheet: 'Thí sinh',
          row: 7,
          column: 'Đơn vị',
          message: 'Tên đơn vị dài 61 ký tự, vượt quá giới hạn 60 ký tự.',
        },
      ],
    });

    const notExcel = await admin
      .post('/api/live/rosters/parse')
      .attach('file', Buffer.from('not a zip'), 'ds.xlsx');
    expect(notExcel.status).toBe(422);
    expect(notExcel.body.details).toEqual([
      { sheet: null, row: null, column: null, message: expect.stringContaining('.xlsx') },
    ]);
    const none = await admin.post('/api/live/rosters/parse').field('x', '1');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('VALIDATION_FAILED');
  });

  it('creates a game with a roster; players join by number under the roster name and unit', async () => {
    const roster = [
      { number: 'TS001', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' },
      { number: 'TS002', name: 'Trần Thị Bình', team: 'Tổ dân phố 1' },
      { number: 'TS003', name: 'Lê Văn Cường', team: null },
    ];
    const bad = await admin.post('/api/live/games').send({
      bankId,
      format: 'classic',
      count: 2,
      roster: [...roster, { number: 'ts001', name: 'Trùng' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('LIVE_INVALID_ROSTER');
    const tooMany = await admin.post('/api/live/games').send({
      bankId,
      format: 'classic',
      count: 2,
      roster: Array.from({ length: 5001 }, (_, i) => ({ number: String(i), name: 'A' })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');

    const created = await admin
      .post('/api/live/games')
      .send({ bankId, format: 'classic', count: 2, settings: { readTimeMs: 0 }, roster });
    expect(created.status).toBe(201);
    const game = created.body as { id: string; code: string };
    const open = await admin.post('/api/live/games').send({ bankId, format: 'classic', count: 1 });
    expect(open.status).toBe(201);
    const openGame = open.body as { id: string; code: string };
    // As if stored before rosters existed: a state without the key is read as "no roster".
    await t.app
      .get(DataSource)
      .query(`UPDATE live_games SET state = (state::jsonb - 'roster')::json WHERE id = $1`, [
        openGame.id,
      ]);

    // Public: what the join form must ask.
    const anonymous = request(t.baseUrl);
    expect((await anonymous.get(`/api/live/games/by-code/${game.code}`)).body).toEqual({
      rosterRequired: true,
    });
    expect((await anonymous.get(`/api/live/games/by-code/${openGame.code}`)).body).toEqual({
      rosterRequired: false,
    });
    const typed = await okLive(await connect(), 'live:join', {
      code: openGame.code,
      name: 'Khách tự do',
      number: 'TS001',
    });
    expect(typed.view.me).toMatchObject({ name: 'Khách tự do', number: 'TS001' });
    const unknown = await anonymous.get('/api/live/games/by-code/abc');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('LIVE_GAME_NOT_FOUND');

    const host = await connect(true);
    const hosted = await okLive(host, 'live:host', { gameId: game.id });
    expect(hosted.view.rosterSize).toBe(3);

    // Join by number: the roster's name and unit, whatever was typed.
    const phone1 = await connect();
    const seen = viewWhere(host, (v) => v.audience === 'host' && v.players.length === 1);
    const first = await okLive(phone1, 'live:join', {
      code: game.code,
      name: 'Tên gõ tay',
      number: ' ts001 ',
      team: 'Đội khác',
    });
    expect(first.view.me).toMatchObject({
      name: 'Nguyễn Văn An',
      number: 'TS001',
      team: 'Phòng Kinh tế',
    });
    expect(((await seen) as HostView).players).toEqual([
      expect.objectContaining({ number: 'TS001', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' }),
    ]);

    // Refusals.
    const stranger = await connect();
    expect(await callLive(stranger, 'live:join', { code: game.code, name: 'Ai đó' })).toMatchObject(
      { ok: false, error: { code: 'LIVE_NUMBER_REQUIRED', statusCode: 400 } },
    );
    const unknownNumber = await callLive(stranger, 'live:join', {
      code: game.code,
      name: '',
      number: 'TS999',
    });
    expect(unknownNumber).toMatchObject({
      ok: false,
      error: {
        code: 'LIVE_NOT_IN_ROSTER',
        statusCode: 404,
        message: expect.stringContaining('Số báo danh TS999 không có trong danh sách'),
      },
    });
    const taken = await callLive(stranger, 'live:join', {
      code: game.code,
      name: 'Nguyễn Văn An',
      number: 'TS001',
    });
    expect(taken).toMatchObject({
      ok: false,
      error: {
        code: 'LIVE_NUMBER_TAKEN',
        statusCode: 409,
        message: expect.stringContaining('Số báo danh TS001 đã được dùng'),
      },
    });

    const phone2 = await connect();
    const second = await okLive(phone2, 'live:join', {
      code: game.code,
      name: '',
      number: 'TS003',
    });
    expect(second.view.me).toMatchObject({ name: 'Lê Văn Cường', number: 'TS003', team: null });

    // The game starts; the first player's phone drops and comes back with its token.
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    phone1.disconnect();
    const back = await connect();
    const rejoined = await okLive(back, 'live:join', {
      code: game.code,
      name: '',
      reconnectToken: first.reconnectToken,
    });
    expect(rejoined.playerId).toBe(first.playerId);
    expect(rejoined.view.me).toMatchObject({ name: 'Nguyễn Văn An', number: 'TS001' });
    expect(rejoined.view.phase).not.toBe('lobby');

    // A second device with the same token replaces the first; a newcomer is refused after the start.
    const replaced = new Promise<unknown>((resolve) => back.once('live:closed', resolve));
    const again = await connect();
    expect(
      (
        await okLive(again, 'live:join', {
          code: game.code,
          name: 'x',
          reconnectToken: first.reconnectToken,
        })
      ).playerId,
    ).toBe(first.playerId);
    expect(await replaced).toMatchObject({ reason: 'replaced' });
    expect(
      await callLive(stranger, 'live:join', { code: game.code, name: '', number: 'TS002' }),
    ).toMatchObject({ ok: false, error: { code: 'LIVE_LATE_JOIN_CLOSED' } });
  });
});
