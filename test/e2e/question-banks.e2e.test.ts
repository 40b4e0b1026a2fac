import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'question-banks');
const fixtures = (kind: 'ok' | 'not-ok') =>
  readdirSync(join(FIXTURES, kind))
    .filter((f) => !f.endsWith('.expected.json'))
    .map((name) => ({
      name,
      buffer: readFileSync(join(FIXTURES, kind, name)),
      expected: JSON.parse(readFileSync(join(FIXTURES, kind, `${name}.expected.json`), 'utf8')) as {
        format: string;
        questions: number;
        problems: ExpectedProblem[];
        notices?: string[];
      },
    }));

interface ExpectedProblem {
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  /** A part of the Vietnamese message (the full text may add the value and advice). */
  message: string;
}

/** Every reported problem, in order, at the expected place, with a message containing the expected words. */
function expectProblems(
  actual: { sheet: string | null; row: number | null; column: string | null; message: string }[],
  expected: ExpectedProblem[],
): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const { message, ...place } = e;
    expect(actual[i]).toMatchObject(place);
    expect(actual[i].message).toContain(message);
  });
}

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('question banks over HTTP', () => {
  let t: TestApp;
  let admin: Agent;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }[]>(sql, params))[0].n);
  const newBank = async (name: string): Promise<string> => {
    const res = await admin.post('/api/banks').send({ name });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const upload = (
    bankId: string,
    name: string,
    buffer: Buffer,
    fields: Record<string, string> = {},
  ) => {
    let req = admin.post(`/api/banks/${bankId}/import`).attach('file', buffer, name);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  };

  it('loads the sample CCHC bank on first start: ≥ 150 questions over seven topics, each with explanation and source', async () => {
    const banks = (await admin.get('/api/banks')).body.items;
    expect(banks).toHaveLength(1);
    expect(banks[0]).toMatchObject({
      isSample: true,
      contentCheckedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const stats = (await admin.get('/api/banks/stats')).body;
    expect(stats.total).toBeGreaterThanOrEqual(150);
    expect(Object.keys(stats.byTopic)).toHaveLength(7);
    expect(stats.withExplanation).toBe(stats.total);
    expect(stats.withSource).toBe(stats.total);
    expect(await count('SELECT count(*) AS n FROM question_versions')).toBe(stats.total);
  });

  it('searches without accents: "thu tuc" finds "thủ tục"', async () => {
    const bankId = (await admin.get('/api/banks')).body.items[0].id;
    const res = await admin
      .get(`/api/banks/${bankId}/questions`)
      .query({ q: 'thu tuc hanh chinh', pageSize: 50 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const q of res.body.items) {
      const haystack = [q.text, ...q.options, q.explanation, q.source.document]
        .join(' ')
        .toLowerCase();
      expect(haystack).toMatch(/thủ tục/);
      expect(haystack).toMatch(/hành chính/);
    }
    const filtered = await admin
      .get(`/api/banks/${bankId}/questions`)
      .query({ difficulty: 'hard', type: 'multiple' });
    expect(
      filtered.body.items.every(
        (q: { difficulty: string; type: string }) =>
          q.difficulty === 'hard' && q.type === 'multiple',
      ),
    ).toBe(true);
  });

  describe.each(fixtures('ok'))('a good $name', ({ name, buffer, expected }) => {
    it('previews without writing, then imports every question in one go', async () => {
      const bankId = await newBank(`Nhập ${name}`);
      const preview = await upload(bankId, name, buffer);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        format: expected.format,
        questions: expected.questions,
        imported: 0,
        errors: [],
        dryRun: true,
        willWrite: true,
      });
      expect(preview.body.preview).toHaveLength(expected.questions);
      expect(preview.body.preview[0]).not.toHaveProperty('explanationHidden');
      expect(await count('SELECT count(*) AS n FROM questions WHERE bank_id = $1', [bankId])).toBe(
        0,
      );

      const done = await upload(bankId, name, buffer, { dryRun: 'false' });
      expect(done.status).toBe(200);
      expect(done.body.imported).toBe(expected.questions);
      expect(await count('SELECT count(*) AS n FROM questions WHERE bank_id = $1', [bankId])).toBe(
        expected.questions,
      );
      expect(
        await count(
          'SELECT count(*) AS n FROM question_versions v JOIN questions q ON q.id = v.question_id WHERE q.bank_id = $1',
          [bankId],
        ),
      ).toBe(expected.questions);

      const again = await upload(bankId, name, buffer, { dryRun: 'false' });
      expect(again.body).toMatchObject({ imported: 0, skipped: expected.questions });
    });
  });

  const refused = fixtures('not-ok').filter((f) => f.expected.problems.length > 0);
  const accepted = fixtures('not-ok').filter((f) => f.expected.problems.length === 0);

  describe.each(accepted)('a mislabelled $name', ({ name, buffer, expected }) => {
    it('is read by its content, with a notice', async () => {
      const bankId = await newBank(`Đổi tên ${name}`);
      const res = await upload(bankId, name, buffer);
      expect(res.body).toMatchObject({
        format: expected.format,
        questions: expected.questions,
        errors: [],
      });
      expect(res.body.notices).toHaveLength(expected.notices?.length ?? 0);
      (expected.notices ?? []).forEach((n, i) => {
        expect(res.body.notices[i]).toContain(n);
      });
    });
  });

  describe.each(refused)('a bad $name', ({ name, buffer, expected }) => {
    it('is refused with every problem listed, and nothing is written', async () => {
      const bankId = await newBank(`Lỗi ${name}`);
      const before = await count('SELECT count(*) AS n FROM questions');
      const topicsBefore = await count('SELECT count(*) AS n FROM topics');
      const res = await upload(bankId, name, buffer, { dryRun: 'false' });
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(0);
      expect(res.body.willWrite).toBe(false);
      expectProblems(res.body.errors, expected.problems);
      expect(res.body.summary).toMatch(/chưa nhập câu hỏi nào/);
      expect(await count('SELECT count(*) AS n FROM questions')).toBe(before);
      expect(await count('SELECT count(*) AS n FROM topics')).toBe(topicsBefore);
    });
  });

  it('imports only the valid rows when the organizer chooses so, still reporting the rest', async () => {
    const bad = fixtures('not-ok').find(
      (f) => f.expected.questions > 0 && f.expected.problems.length > 0,
    );
    expect(bad).toBeDefined();
    const bankId = await newBank('Chỉ nhập câu hợp lệ');
    const res = await upload(bankId, bad!.name, bad!.buffer, {
      dryRun: 'false',
      onlyValid: 'true',
    });
    expect(res.body.imported).toBe(bad!.expected.questions);
    expectProblems(res.body.errors, bad!.expected.problems);
    expect(await count('SELECT count(*) AS n FROM questions WHERE bank_id = $1', [bankId])).toBe(
      bad!.expected.questions,
    );
  });

  it('refuses random bytes and truncated files with a 200 report, never a 500, and writes nothing', async () => {
    const bankId = await newBank('Fuzz');
    const good = fixtures('ok');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 24; i++) {
      const source = good[i % good.length];
      const mutated = Buffer.from(source.buffer);
      if (i % 3 === 0) {
        for (let k = 0; k < 20; k++)
          mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      }
      const cut =
        i % 3 === 1 ? mutated.subarray(0, Math.floor(mutated.length * random())) : mutated;
      const bytes =
        i % 3 === 2
          ? Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256)))
          : cut;
      const res = await upload(bankId, source.name, bytes);
      expect([200]).toContain(res.status);
      expect(res.body.imported).toBe(0);
    }
    expect(await count('SELECT count(*) AS n FROM questions WHERE bank_id = $1', [bankId])).toBe(0);
  });

  it('round-trips: an exported xlsx, json or GIFT imports back as the same questions', async () => {
    const sampleId = (await admin.get('/api/banks')).body.items.find(
      (b: { isSample: boolean }) => b.isSample,
    ).id;
    const total = (await admin.get(`/api/banks/${sampleId}`)).body.questions as number;
    for (const format of ['xlsx', 'json', 'gift'] as const) {
      const exported = await admin
        .get(`/api/banks/${sampleId}/export`)
        .query({ format })
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            cb(null, Buffer.concat(chunks));
          });
        });
      expect(exported.status).toBe(200);
      expect(exported.headers['content-disposition']).toMatch(/attachment/);
      const again = await upload(
        sampleId,
        `export.${format === 'gift' ? 'gift' : format}`,
        exported.body as Buffer,
      );
      expect(again.body.errors).toEqual([]);
      expect(again.body.questions).toBe(total);
      expect(again.body.duplicates).toHaveLength(total); // the same texts, all recognised as already there
    }
  });

  it('keeps every version of an edited question and reports editor mistakes by field', async () => {
    const bankId = await newBank('Soạn câu hỏi');
    const topic = (
      await admin.post(`/api/banks/${bankId}/topics`).send({ name: 'Cải cách thủ tục hành chính' })
    ).body;
    expect(topic.code).toBe('cai-cach-thu-tuc-hanh-chinh');
    const twin = await admin
      .post(`/api/banks/${bankId}/topics`)
      .send({ name: 'cai cach THU TUC hanh chinh' });
    expect(twin.status).toBe(409);
    expect(twin.body.code).toBe('TOPIC_NAME_TAKEN');
    const base = {
      topicId: topic.id,
      code: 'TTHC-1',
      type: 'single',
      text: 'Bộ phận Một cửa cấp xã có nhiệm vụ gì?',
      options: ['Tiếp nhận hồ sơ và trả kết quả', 'Xét xử vi phạm'],
      correct: [0],
      difficulty: 'easy',
      explanation: 'Bộ phận Một cửa tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính.',
      source: { document: 'Nghị định số 118/2025/NĐ-CP', article: null },
      tags: [],
      audience: 'all',
      image: null,
      status: 'published',
      practice: true,
    };
    const invalid = await admin
      .post(`/api/banks/${bankId}/questions`)
      .send({ ...base, type: 'multiple', options: ['A', 'A', ''] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('INVALID_QUESTION');
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['options', 'options.2', 'correct']),
    );

    const created = await admin.post(`/api/banks/${bankId}/questions`).send(base);
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const dup = await admin
      .post(`/api/banks/${bankId}/questions`)
      .send({ ...base, code: 'TTHC-2', text: 'bộ phận MỘT CỬA cấp xã có nhiệm vụ gì?' });
    expect(dup.status).toBe(409);

    const edited = await admin
      .put(`/api/questions/${created.body.id}`)
      .send({ ...base, options: ['Tiếp nhận hồ sơ và trả kết quả', 'Xét xử vi phạm', 'Thu thuế'] });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const detail = (await admin.get(`/api/questions/${created.body.id}`)).body;
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await db.query<{ content: { options: string[] } }[]>(
      'SELECT content FROM question_versions WHERE question_id = $1 AND version = 1',
      [created.body.id],
    );
    expect(v1[0].content.options).toEqual(base.options);

    const audit = (await admin.get('/api/audit-log').query({ action: 'question.updated' })).body
      .items;
    expect(audit[0].before.options).toHaveLength(2);
    expect(audit[0].after.options).toHaveLength(3);
  });

  it('is for organizers and admins only', async () => {
    await admin
      .post('/api/accounts')
      .send({ username: 'mc-bank', displayName: 'MC', role: 'host', password: 'mat-khau-mc-1234' });
    const host = request.agent(t.baseUrl);
    await host.post('/api/auth/login').send({ username: 'mc-bank', password: 'mat-khau-mc-1234' });
    await host
      .post('/api/auth/change-password')
      .send({ currentPassword: 'mat-khau-mc-1234', newPassword: 'mat-khau-mc-5678' });
    expect((await host.get('/api/banks')).status).toBe(403);
    expect((await request(t.baseUrl).get('/api/banks')).status).toBe(401);
  });

  it('serves the Excel template', async () => {
    const res = await admin.get('/api/banks/template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
