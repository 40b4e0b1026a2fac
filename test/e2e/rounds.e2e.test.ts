import { Client } from 'pg';
import request from 'supertest';
import { PARTICIPANT_WRITES_PER_MINUTE } from '../../src/common/http/throttling';
import { LATE_ANSWER_REASON } from '../../src/rounds/domain/deadline';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
interface BankQuestion {
  id: string;
  text: string;
  options: string[];
  correct: number[];
}
interface ShownQuestion {
  position: number;
  text: string;
  options: string[];
  type: string;
}

const TOKEN = 'x-participant-token';
/** Any trace of an answer key in a payload shown during an attempt. */
const KEY_TRACE = /correct|explanation|"source"/i;
/** In a result: the count of right answers is fine, the key itself is not. */
const KEY_IN_RESULT = /"correct(Options)?"\s*:|explanation|"source"/;

const BLUEPRINT = [
  { topicCode: 'the-che', count: 2 },
  { topicCode: 'thu-tuc-hanh-chinh', count: 2 },
  { topicCode: 'chinh-phu-dien-tu', count: 2 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timed online rounds', () => {
  let t: TestApp;
  let admin: Agent;
  let bankId: string;
  let byText: Map<string, BankQuestion>;
  let contestId: string;
  let roundId: string;
  let phoneCounter = 0;

  const api = () => request(t.baseUrl);
  const nextPhone = () =>
    `091${String(1_000_000 + phoneCounter++)
      .slice(1)
      .padStart(7, '0')}`;

  const register = (overrides: object = {}, contest = contestId) =>
    api()
      .post(`/api/contests/${contest}/participants`)
      .send({
        fullName: 'Nguyễn Văn An',
        birthYear: 1990,
        gender: 'male',
        phone: nextPhone(),
        participantGroup: 'civil_servant',
        password: 'mat-khau-du-thi',
        consent: true,
        ...overrides,
      });

  async function participantToken(): Promise<string> {
    const res = await register();
    expect(res.status).toBe(201);
    return res.body.token as string;
  }

  async function createRound(body: object): Promise<string> {
    const now = Date.now();
    const created = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Tuần thi',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: BLUEPRINT,
      ...body,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await admin.post(`/api/rounds/${id}/publish`)).status).toBe(200);
    expect((await admin.post(`/api/rounds/${id}/open`)).status).toBe(200);
    return id;
  }

  /** Display indexes of the right options, worked out from the bank listing by option text. */
  function rightChoices(q: ShownQuestion): number[] {
    const bank = byText.get(q.text);
    if (!bank) throw new Error(`question not in the bank: ${q.text}`);
    return bank.correct.map((original) => q.options.indexOf(bank.options[original])).sort();
  }
  function wrongChoice(q: ShownQuestion): number[] {
    const right = rightChoices(q);
    return [q.options.findIndex((_, i) => !right.includes(i))];
  }

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
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id;
    const questions = (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 }))
      .body.items as BankQuestion[];
    byText = new Map(questions.map((q) => [q.text, q]));
    const contest = await admin
      .post('/api/contests')
      .send({ name: 'Hội thi tìm hiểu về cải cách hành chính 2026' });
    expect(contest.status).toBe(201);
    contestId = contest.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an organizer create a round from the sample bank, refusing a blueprint the bank cannot fill', async () => {
    const tooMany = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Tuần 0',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: [{ topicCode: 'the-che', difficulty: 'hard', count: 150 }],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('INVALID_BLUEPRINT');
    expect(tooMany.body.message).toContain('Chủ đề "the-che", mức Khó: cần 150 câu');

    roundId = await createRound({ name: 'Tuần 1', graceMs: 2000 });
    const rounds = await admin.get(`/api/contests/${contestId}/rounds`);
    expect(rounds.body.items).toEqual([
      expect.objectContaining({ id: roundId, status: 'open', questionCount: 6 }),
    ]);
    const publicView = await api().get(`/api/contests/${contestId}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.rounds[0]).not.toHaveProperty('blueprint');

    const closeEarly = await admin.post(`/api/rounds/${roundId}/close`);
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.message).toBe('Chưa đến giờ đóng vòng thi.');
  });

  it('registers participants with one identity per phone and refuses a bad phone or missing consent', async () => {
    const badPhone = await register({ phone: '0123' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.details).toEqual([
      { field: 'phone', message: expect.stringContaining('Số điện thoại không hợp lệ') },
    ]);
    expect((await register({ consent: false })).status).toBe(400);
    expect((await register({ password: 'ngan' })).status).toBe(400);

    const first = await register({ phone: '0987 654 321' });
    expect(first.status).toBe(201);
    expect(first.body.participant.phone).toBe('09xx xxx 321');
    const again = await register({ phone: '+84987654321' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PHONE_TAKEN');
    expect(again.body.message).toContain('Số điện thoại này đã được đăng ký');

    const rows = await dbQuery<{ phone: string; password_hash: string }>(
      `SELECT phone, password_hash FROM participants WHERE contest_id = $1 AND phone = '0987654321'`,
      [contestId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].password_hash).not.toContain('mat-khau');

    const wrong = await api()
      .post(`/api/contests/${contestId}/sessions`)
      .send({ phone: '0987654321', password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    const signedIn = await api()
      .post(`/api/contests/${contestId}/sessions`)
      .send({ phone: '+84 987 654 321', password: 'mat-khau-du-thi' });
    expect(signedIn.status).toBe(201);
    expect(signedIn.body.token).toEqual(expect.any(String));
    // Signing out revokes the token on the server, not only on the device.
    const token = signedIn.body.token as string;
    expect((await api().delete('/api/participant-session').set(TOKEN, token)).status).toBe(204);
    const after = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, token);
    expect(after.status).toBe(401);
  });

  it('refuses a CCCD already registered in a contest that asks for it', async () => {
    const contest = await admin
      .post('/api/contests')
      .send({ name: 'Hội thi có CCCD', requiresCccd: true });
    const id = contest.body.id as string;
    expect((await register({}, id)).status).toBe(400);
    expect((await register({ cccd: '001090001234' }, id)).status).toBe(201);
    const twice = await register({ cccd: '001 090 001 234' }, id);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CCCD_TAKEN');
  });

  it('runs a whole attempt: no key in any payload, autosave, resume, submit with prediction, graded like an independent count', async () => {
    const token = await participantToken();
    const payloads: string[] = [];
    const started = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, token);
    expect(started.status).toBe(201);
    payloads.push(started.text);
    const attempt = started.body;
    const questions = attempt.questions as ShownQuestion[];
    expect(questions).toHaveLength(6);
    expect(attempt.remainingMs).toBeGreaterThan(590_000);
    expect(Date.parse(attempt.deadline) - Date.parse(attempt.startedAt)).toBe(600_000);
    expect(attempt.prediction).toMatchObject({ kind: 'perfect_count', value: null });
    expect(new Set(questions.map((q) => q.text)).size).toBe(6);

    // The plan: right on positions 0-3, wrong on 4, nothing on 5.
    const plan = new Map<number, number[]>();
    for (const q of questions.slice(0, 4)) plan.set(q.position, rightChoices(q));
    plan.set(4, wrongChoice(questions[4]));
    // First a wrong answer on position 0, then changed: the last save counts.
    const save = (position: number, chosen: number[]) =>
      api()
        .put(`/api/attempts/${attempt.id}/answers/${position}`)
        .set(TOKEN, token)
        .send({ chosen });
    const changed = await save(0, wrongChoice(questions[0]));
    expect(changed.status).toBe(200);
    payloads.push(changed.text);
    for (const [position, chosen] of plan) {
      const res = await save(position, chosen);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ position, chosen });
      payloads.push(res.text);
    }
    expect((await save(6, [0])).status).toBe(400);
    expect((await save(-1, [0])).status).toBe(400);
    expect((await save(0, [0])).status).toBe(200);
    expect((await save(0, plan.get(0)!)).status).toBe(200);

    // Stored in original option indexes.
    const stored = await dbQuery<{ position: number; chosen: number[] }>(
      `SELECT position, chosen FROM attempt_answers WHERE attempt_id = $1 ORDER BY position`,
      [attempt.id],
    );
    expect(stored).toEqual(
      [...plan].map(([position, chosen]) => {
        const q = questions[position];
        const bank = byText.get(q.text)!;
        return {
          position,
          chosen: chosen.map((c) => bank.options.indexOf(q.options[c])).sort(),
        };
      }),
    );

    const resumed = await api().get(`/api/attempts/${attempt.id}`).set(TOKEN, token);
    expect(resumed.status).toBe(200);
    payloads.push(resumed.text);
    expect(resumed.body.questions).toEqual(questions);
    expect(resumed.body.answers).toEqual(
      [...plan].map(([position, chosen]) => ({ position, chosen })),
    );
    expect(resumed.body.remainingMs).toBeLessThanOrEqual(attempt.remainingMs);
    expect(resumed.body.deadline).toBe(attempt.deadline);

    for (const payload of payloads) expect(payload).not.toMatch(KEY_TRACE);

    const submitted = await api()
      .post(`/api/attempts/${attempt.id}/submit`)
      .set(TOKEN, token)
      .send({ prediction: 3 });
    expect(submitted.status).toBe(200);
    expect(submitted.text).not.toMatch(KEY_IN_RESULT);
    const expectedRight = [...plan].filter(([position, chosen]) => {
      const right = rightChoices(questions[position]);
      return JSON.stringify(right) === JSON.stringify([...chosen].sort());
    }).length;
    expect(expectedRight).toBe(4);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      score: expectedRight,
      maxScore: 6,
      correctCount: expectedRight,
      questionCount: 6,
      perfect: false,
      prediction: 3,
      rank: 1,
      provisional: true,
      counted: true,
    });
    expect(submitted.body.durationMs).toBeGreaterThan(0);

    const result = await api().get(`/api/attempts/${attempt.id}/result`).set(TOKEN, token);
    expect(result.body).toEqual(submitted.body);
    const late = await save(5, [0]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ATTEMPT_SUBMITTED');

    const secondStart = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, token);
    expect(secondStart.status).toBe(409);
    expect(secondStart.body.code).toBe('NO_ATTEMPTS_LEFT');
    expect(secondStart.body.message).toBe('Bạn đã dùng hết 1 lượt thi của vòng này.');
  });

  it('keeps attempts private: no token, another participant’s token, a forged token', async () => {
    const owner = await participantToken();
    const other = await participantToken();
    const started = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, owner);
    expect((await api().get(`/api/attempts/${started.body.id}`)).status).toBe(401);
    expect((await api().get(`/api/attempts/${started.body.id}`).set(TOKEN, other)).status).toBe(
      404,
    );
    expect((await api().get(`/api/attempts/${started.body.id}`).set(TOKEN, 'gia-mao')).status).toBe(
      401,
    );
    const foreignSave = await api()
      .put(`/api/attempts/${started.body.id}/answers/0`)
      .set(TOKEN, other)
      .send({ chosen: [0] });
    expect(foreignSave.status).toBe(404);
  });

  it('starts exactly one attempt from 5 parallel requests and grades a double submit once', async () => {
    const round = await createRound({ name: 'Tuần 2', attemptsAllowed: 3 });
    const token = await participantToken();
    const starts = await Promise.all(
      Array.from({ length: 5 }, () =>
        api().post(`/api/rounds/${round}/attempts`).set(TOKEN, token),
      ),
    );
    expect(starts.map((s) => s.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(starts.map((s) => s.body.id as string)).size).toBe(1);
    const rows = await dbQuery<{ n: string }>(
      `SELECT count(*) AS n FROM attempts WHERE round_id = $1`,
      [round],
    );
    expect(rows[0].n).toBe('1');

    const id = starts[0].body.id as string;
    const submits = await Promise.all(
      [1, 2, 3].map((prediction) =>
        api().post(`/api/attempts/${id}/submit`).set(TOKEN, token).send({ prediction }),
      ),
    );
    expect(submits.map((s) => s.status)).toEqual([200, 200, 200]);
    // One claim: every reply reports the same submission, with the prediction of the winner.
    expect(new Set(submits.map((s) => JSON.stringify(s.body))).size).toBe(1);
    expect([1, 2, 3]).toContain(submits[0].body.prediction);
    const graded = await dbQuery<{ status: string; prediction: string }>(
      `SELECT status, prediction FROM attempts WHERE round_id = $1`,
      [round],
    );
    expect(graded).toEqual([
      { status: 'submitted', prediction: String(submits[0].body.prediction) },
    ]);

    // The next start is a new attempt, number 2.
    const next = await api().post(`/api/rounds/${round}/attempts`).set(TOKEN, token);
    expect(next.status).toBe(201);
    expect(next.body.number).toBe(2);
    expect(next.body.id).not.toBe(id);
  });

  it('refuses an answer after the deadline and auto-submits the attempt at its deadline', async () => {
    const round = await createRound({ name: 'Tuần nhanh', timeLimitSeconds: 2, graceMs: 0 });
    const token = await participantToken();
    const started = await api().post(`/api/rounds/${round}/attempts`).set(TOKEN, token);
    expect(started.status).toBe(201);
    const questions = started.body.questions as ShownQuestion[];
    const id = started.body.id as string;
    const inTime = await api()
      .put(`/api/attempts/${id}/answers/0`)
      .set(TOKEN, token)
      .send({ chosen: rightChoices(questions[0]) });
    expect(inTime.status).toBe(200);

    await sleep(Date.parse(started.body.deadline) - Date.now() + 300);
    const late = await api()
      .put(`/api/attempts/${id}/answers/1`)
      .set(TOKEN, token)
      .send({ chosen: rightChoices(questions[1]) });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ATTEMPT_TIME_UP', message: LATE_ANSWER_REASON });

    // The participant never comes back: the sweeper (every second) grades the attempt.
    let result = await api().get(`/api/attempts/${id}/result`).set(TOKEN, token);
    for (let i = 0; i < 30 && result.status !== 200; i++) {
      await sleep(200);
      result = await api().get(`/api/attempts/${id}/result`).set(TOKEN, token);
    }
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: 'auto_submitted',
      submittedAt: started.body.deadline,
      durationMs: 2000,
      score: 1,
      correctCount: 1,
      prediction: null,
    });
    const stored = await dbQuery<{ position: number }>(
      `SELECT position FROM attempt_answers WHERE attempt_id = $1`,
      [id],
    );
    expect(stored).toEqual([{ position: 0 }]);
  });

  it('draws a group’s attempts from its own blueprint and refuses one the bank cannot fill', async () => {
    const citizensOnly = [{ topicCode: 'cchc-o-phuong', difficulty: 'easy', count: 4 }];
    const refused = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Tuần riêng',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: BLUEPRINT,
      groupDraws: { citizen: { bankId, blueprint: [{ topicCode: 'the-che', count: 90 }] } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('Đối tượng "Người dân"');

    const id = await createRound({
      name: 'Tuần riêng',
      groupDraws: { citizen: { bankId, blueprint: citizensOnly } },
    });
    const round = (await admin.get(`/api/rounds/${id}`)).body as {
      groupDraws: Record<string, unknown>;
    };
    expect(round.groupDraws).toEqual({ citizen: { bankId, blueprint: citizensOnly } });
    // Participants read each group's number of questions before they start.
    const listed = (await api().get(`/api/contests/${contestId}`)).body.rounds as {
      id: string;
      questionCount: number;
      questionCounts: Record<string, number>;
    }[];
    expect(listed.find((r) => r.id === id)).toMatchObject({
      questionCount: 6,
      questionCounts: { citizen: 4, civil_servant: 6 },
    });

    const citizen = await register({ participantGroup: 'citizen' });
    const servant = await register({ participantGroup: 'civil_servant' });
    const citizenAttempt = await api()
      .post(`/api/rounds/${id}/attempts`)
      .set(TOKEN, citizen.body.token as string);
    const servantAttempt = await api()
      .post(`/api/rounds/${id}/attempts`)
      .set(TOKEN, servant.body.token as string);
    expect(citizenAttempt.status).toBe(201);
    expect(servantAttempt.status).toBe(201);
    expect(citizenAttempt.body.questions).toHaveLength(4);
    expect(
      new Set((citizenAttempt.body.questions as { topic: string }[]).map((q) => q.topic)).size,
    ).toBe(1);
    expect(servantAttempt.body.questions).toHaveLength(6);

    // Once someone has started, the per-group draw is locked like the rest of the rules.
    const locked = await admin.patch(`/api/rounds/${id}`).send({ groupDraws: {} });
    expect(locked.status).toBe(409);
  });

  it('limits one participant’s answer saves per minute, whatever their address shares', async () => {
    const id = await createRound({ name: 'Tuần giới hạn' });
    const token = await participantToken();
    const other = await participantToken();
    const started = await api().post(`/api/rounds/${id}/attempts`).set(TOKEN, token);
    const saves: number[] = [];
    for (let i = 0; i < PARTICIPANT_WRITES_PER_MINUTE; i++) {
      const res = await api()
        .put(`/api/attempts/${started.body.id as string}/answers/0`)
        .set(TOKEN, token)
        .send({ chosen: [i % 2] });
      saves.push(res.status);
    }
    // Each route counts on its own: every save of the minute's allowance is accepted, the next
    // one is refused, in Vietnamese.
    expect(saves.filter((s) => s === 200)).toHaveLength(PARTICIPANT_WRITES_PER_MINUTE);
    const refused = await api()
      .put(`/api/attempts/${started.body.id as string}/answers/0`)
      .set(TOKEN, token)
      .send({ chosen: [0] });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/thử lại/);
    // Another participant from the same address is not affected.
    const theirs = await api().post(`/api/rounds/${id}/attempts`).set(TOKEN, other);
    expect(theirs.status).toBe(201);
  });
});
