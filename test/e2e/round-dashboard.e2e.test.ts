import ExcelJS from 'exceljs';
import { Client } from 'pg';
import request from 'supertest';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

const TOKEN = 'x-participant-token';
const BLUEPRINT = [
  { topicCode: 'the-che', count: 2 },
  { topicCode: 'thu-tuc-hanh-chinh', count: 2 },
  { topicCode: 'chinh-phu-dien-tu', count: 2 },
];
const UNITS_CSV = [
  'Mã;Tên;Loại;Thuộc;Số người',
  'K1;Khối cơ quan;Khối;;0',
  'VP;Văn phòng;Đơn vị;K1;10',
  'KT;Phòng Kinh tế;Đơn vị;K1;4',
  'K2;Khối dân cư;Khối;;0',
  'T1;Tổ dân phố 1;Tổ dân phố;K2;100',
  'T2;Tổ dân phố 2;Tổ dân phố;K2;0',
].join('\n');

/** One scripted counted attempt: unit code (null: no unit), score out of 6, seconds taken. */
interface Scripted {
  unit: string | null;
  group: 'civil_servant' | 'citizen';
  score: number;
  seconds: number;
  status?: 'submitted' | 'auto_submitted';
}
const SCRIPT: Scripted[] = [
  { unit: 'VP', group: 'civil_servant', score: 6, seconds: 60 },
  { unit: 'VP', group: 'civil_servant', score: 6, seconds: 120 },
  { unit: 'VP', group: 'civil_servant', score: 4, seconds: 200 },
  { unit: 'VP', group: 'civil_servant', score: 3, seconds: 600, status: 'auto_submitted' },
  { unit: 'KT', group: 'civil_servant', score: 5, seconds: 300 },
  { unit: 'KT', group: 'civil_servant', score: 5, seconds: 310 },
  { unit: 'T1', group: 'citizen', score: 2, seconds: 100 },
  { unit: 'T1', group: 'citizen', score: 6, seconds: 90 },
  { unit: null, group: 'citizen', score: 1, seconds: 30 },
];

describe('round dashboard', () => {
  let t: TestApp;
  let admin: Agent;
  let contestId: string;
  let roundId: string;
  let unitIds: Map<string, string>;
  /** Whether submitting through the API wrote the participant's standing (the lead's work). */
  let realStandingWritten: boolean;
  let phoneCounter = 0;

  const api = () => request(t.baseUrl);

  async function dbQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async function register(unit: string, group: string): Promise<{ id: string; token: string }> {
    const res = await api()
      .post(`/api/contests/${contestId}/participants`)
      .send({
        fullName: 'Lê Văn Cường',
        birthYear: 1980,
        gender: 'male',
        phone: `0916${String(100_000 + phoneCounter++).slice(0, 6)}`,
        participantGroup: group,
        password: 'mat-khau-du-thi',
        consent: true,
        unitId: unitIds.get(unit),
      });
    expect(res.status).toBe(201);
    return { id: res.body.participant.id as string, token: res.body.token as string };
  }

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
    const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    contestId = (await admin.post('/api/contests').send({ name: 'Hội thi có bảng theo dõi' })).body
      .id as string;
    const imported = await admin
      .post(`/api/contests/${contestId}/units/import`)
      .attach('file', Buffer.from(UNITS_CSV), 'don-vi.csv');
    expect(imported.body).toMatchObject({ written: true, created: 6 });
    const units = (await api().get(`/api/contests/${contestId}/units`)).body.items as {
      id: string;
      code: string;
    }[];
    unitIds = new Map(units.map((u) => [u.code, u.id]));

    const now = Date.now();
    const round = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Tuần 1',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: BLUEPRINT,
    });
    expect(round.status).toBe(201);
    roundId = round.body.id as string;
    expect((await admin.post(`/api/rounds/${roundId}/publish`)).status).toBe(200);
    expect((await admin.post(`/api/rounds/${roundId}/open`)).status).toBe(200);

    // A real attempt through the API, submitted without answers (score 0), in VP…
    const real = await register('VP', 'civil_servant');
    const started = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, real.token);
    expect(started.status).toBe(201);
    const submitted = await api()
      .post(`/api/attempts/${started.body.id as string}/submit`)
      .set(TOKEN, real.token)
      .send({});
    expect([200, 201]).toContain(submitted.status);
    realStandingWritten =
      (
        await dbQuery(`SELECT 1 FROM round_standings WHERE round_id = $1 AND participant_id = $2`, [
          roundId,
          real.id,
        ])
      ).length > 0;
    // …and one still in progress, in KT.
    const busy = await register('KT', 'civil_servant');
    expect(
      (await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, busy.token)).status,
    ).toBe(201);

    // The scripted counted attempts, written directly (attempt + standing).
    const base = Date.now() - 3_600_000;
    for (const [i, s] of SCRIPT.entries()) {
      const person = await register(s.unit ?? 'T1', s.group);
      if (s.unit === null)
        await dbQuery(`UPDATE participants SET unit_id = NULL WHERE id = $1`, [person.id]);
      const startedAt = new Date(base + i * 1000);
      const submittedAt = new Date(startedAt.getTime() + s.seconds * 1000);
      const [attempt] = await dbQuery<{ id: string }>(
        `INSERT INTO attempts (round_id, participant_id, number, seed, items, started_at, deadline,
                               submitted_at, status, score, max_score, correct_count, perfect, duration_ms)
         VALUES ($1, $2, 1, 1, '[]', $3, $4, $5, $6, $7::numeric, 6, $7::int, $8, $9) RETURNING id`,
        [
          roundId,
          person.id,
          startedAt,
          new Date(startedAt.getTime() + 600_000),
          submittedAt,
          s.status ?? 'submitted',
          s.score,
          s.score === 6,
          s.seconds * 1000,
        ],
      );
      await dbQuery(
        `INSERT INTO round_standings (round_id, participant_id, participant_group, attempt_id, score,
                                      max_score, perfect, duration_ms, started_at, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 6, $6, $7, $8, $9)
         ON CONFLICT (round_id, participant_id) DO NOTHING`,
        [
          roundId,
          person.id,
          s.group,
          attempt.id,
          s.score,
          s.score === 6,
          s.seconds * 1000,
          startedAt,
          submittedAt,
        ],
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the attempt submitted through the API: the submission wrote its standing', () => {
    expect(realStandingWritten).toBe(true);
  });

  it('counts attempts, people, perfect scores and averages from one snapshot', async () => {
    const res = await admin.get(`/api/rounds/${roundId}/dashboard`);
    expect(res.status).toBe(200);
    const d = res.body;
    const real = realStandingWritten ? 1 : 0;
    expect(d).toMatchObject({
      roundId,
      roundName: 'Tuần 1',
      contestId,
      status: 'open',
      timeLimitSeconds: 600,
      attempts: { started: 11, inProgress: 1, submitted: 9, autoSubmitted: 1 },
      participants: { registered: 11, started: 11, submitted: 9 + real, perfect: 3 },
    });
    expect(d.averageScore).toBeCloseTo(38 / (9 + real), 2);
    expect(Date.parse(d.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('gives the score histogram per point of the round and the durations in tenths of the limit', async () => {
    const d = (await admin.get(`/api/rounds/${roundId}/dashboard`)).body;
    const real = realStandingWritten ? 1 : 0;
    expect(d.scores.kind).toBe('points');
    expect(d.scores.maxScore).toBe(6);
    expect(d.scores.buckets.map((b: { from: number; count: number }) => [b.from, b.count])).toEqual(
      [
        [0, real],
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 2],
        [6, 3],
      ],
    );
    const durations = d.durations.buckets.map((b: { count: number }) => b.count);
    expect(durations).toHaveLength(10);
    // 30 s | 60, 90, 100 s | 120 s | 200 s | — | 300, 310 s | … | 600 s (the limit, last bucket)
    expect(durations.slice(1)).toEqual([3, 1, 1, 0, 2, 0, 0, 0, 1]);
    expect(durations[0]).toBe(1 + real);
  });

  it('splits by participant group', async () => {
    const d = (await admin.get(`/api/rounds/${roundId}/dashboard`)).body;
    const real = realStandingWritten ? 1 : 0;
    expect(d.groups).toEqual([
      {
        group: 'civil_servant',
        registered: 8,
        started: 8,
        submitted: 6 + real,
        averageScore: Math.round((29 / (6 + real)) * 100) / 100,
      },
      { group: 'citizen', registered: 3, started: 3, submitted: 3, averageScore: 3 },
    ]);
  });

  it('gives participation per unit, rolled up, and the collective ranking', async () => {
    const d = (await admin.get(`/api/rounds/${roundId}/dashboard`)).body;
    const real = realStandingWritten ? 1 : 0;
    const row = (code: string) =>
      d.units.rows.find((r: { code: string }) => r.code === code) as Record<string, unknown>;
    expect(d.units.enabled).toBe(true);
    expect(d.units.rankBy).toEqual(['rate', 'averageScore']);
    expect(d.units.rows.map((r: { code: string; depth: number }) => [r.code, r.depth])).toEqual([
      ['K1', 0],
      ['VP', 1],
      ['KT', 1],
      ['K2', 0],
      ['T1', 1],
      ['T2', 1],
    ]);
    expect(row('VP')).toMatchObject({
      kind: 'unit',
      headcount: 10,
      participants: 4 + real,
      rate: (4 + real) / 10,
      averageScore: Math.round((19 / (4 + real)) * 100) / 100,
    });
    expect(row('KT')).toMatchObject({
      headcount: 4,
      participants: 2,
      rate: 0.5,
      averageScore: 5,
      rank: 1,
    });
    expect(row('T1')).toMatchObject({
      headcount: 100,
      participants: 2,
      rate: 0.02,
      averageScore: 4,
      rank: 3,
    });
    expect(row('T2')).toMatchObject({
      headcount: 0,
      participants: 0,
      rate: null,
      averageScore: null,
      rank: 4,
    });
    expect(row('K1')).toMatchObject({
      kind: 'block',
      headcount: 14,
      participants: 6 + real,
      rank: 1,
    });
    expect(row('K2')).toMatchObject({ headcount: 100, participants: 2, rate: 0.02, rank: 2 });
    // KT and VP tie on the rate (50 % or 40 %) in either case; KT's average is higher.
    expect(d.units.ranking.map((r: { code: string }) => r.code)).toEqual(['KT', 'VP', 'T1', 'T2']);
    expect(d.units.blockRanking.map((r: { code: string }) => r.code)).toEqual(['K1', 'K2']);
    expect(d.units.total).toMatchObject({ headcount: 114, participants: 8 + real });
    expect(d.units.withoutUnit).toBe(1);
  });

  it('ranks units by the keys asked for, and refuses unknown ones', async () => {
    const byScore = await admin.get(`/api/rounds/${roundId}/dashboard?unitRank=averageScore,rate`);
    expect(byScore.status).toBe(200);
    expect(byScore.body.units.rankBy).toEqual(['averageScore', 'rate']);
    // VP's average is 19 / 4 = 4.75, or 19 / 5 = 3.8 with the real attempt's 0; T1's is 4.
    expect(byScore.body.units.ranking.map((r: { code: string }) => r.code)).toEqual(
      realStandingWritten ? ['KT', 'T1', 'VP', 'T2'] : ['KT', 'VP', 'T1', 'T2'],
    );
    const bad = await admin.get(`/api/rounds/${roundId}/dashboard?unitRank=score`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_UNIT_RANK');
    expect(bad.body.message).toContain('Tiêu chí xếp hạng không hợp lệ');
  });

  it('is for organizers only, and 404 for an unknown round', async () => {
    expect((await api().get(`/api/rounds/${roundId}/dashboard`)).status).toBe(401);
    expect((await api().get(`/api/rounds/${roundId}/exports/participation.xlsx`)).status).toBe(401);
    expect(
      (await admin.get('/api/rounds/00000000-0000-4000-8000-000000000000/dashboard')).status,
    ).toBe(404);
  });

  it('exports participation by unit as a formatted workbook named after the round', async () => {
    const res = await admin
      .get(`/api/rounds/${roundId}/exports/participation.xlsx`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="ty-le-tham-gia-tuan-1.xlsx"');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Tỷ lệ tham gia - Tuần 1.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('Theo đơn vị');
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Khối',
      'Đơn vị',
      'Số người',
      'Số người dự thi',
      'Tỷ lệ (%)',
      'Điểm trung bình',
      'Xếp hạng',
    ]);
    expect(sheet.getRow(5).font?.bold).toBe(true);
    expect(sheet.getColumn(6).numFmt).toBe('0.0%');
    const kt = (sheet.getRow(7).values as unknown[]).slice(1);
    expect(kt).toEqual([2, 'Khối cơ quan', 'Phòng Kinh tế', 4, 2, 0.5, 5, 1]);
    expect(sheet.getCell('A3').text).toMatch(/Số liệu lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Theo đơn vị',
      'Xếp hạng tập thể',
      'Xếp hạng khối',
    ]);
  });

  it('shows a contest without units as such', async () => {
    const plain = (await admin.post('/api/contests').send({ name: 'Không có đơn vị' })).body
      .id as string;
    const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    const round = await admin.post(`/api/contests/${plain}/rounds`).send({
      name: 'Tuần 1',
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      timeLimitSeconds: 900,
      bankId,
      blueprint: BLUEPRINT,
    });
    const d = (await admin.get(`/api/rounds/${round.body.id as string}/dashboard`)).body;
    expect(d).toMatchObject({
      status: 'draft',
      attempts: { started: 0, inProgress: 0, submitted: 0, autoSubmitted: 0 },
      participants: { registered: 0, started: 0, submitted: 0, perfect: 0 },
      averageScore: null,
      units: { enabled: false, rows: [], ranking: [], blockRanking: [], withoutUnit: 0 },
    });
    expect(d.scores.buckets).toHaveLength(7);
    expect(d.durations.buckets[9]).toEqual({ fromMs: 810_000, toMs: 900_000, count: 0 });
  });
});
