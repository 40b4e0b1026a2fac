import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashSessionToken } from '../../src/auth/passwords';
import { LATE_ANSWER_REASON } from '../../src/rounds/domain/deadline';
import { AttemptsService } from '../../src/rounds/attempts.service';
import { RoundsRepository } from '../../src/rounds/rounds.repository';
import type { AttemptResult, AttemptView } from '../../src/shared/rounds';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

/**
 * The autosave is one statement that checks everything (session, owner, status, deadline +
 * grace, position, choices; saves arriving together share one statement) and the submit claims with the session, owner and prediction
 * checked inside the claim; a refusal is explained by a second query. These tests pin the
 * refusals (status, code, Vietnamese message) on a real database, and that an answer the
 * server acknowledged is graded even when it raced the submit.
 */

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
interface BankQuestion {
  text: string;
  type: 'single' | 'multiple' | 'true_false';
  options: string[];
  correct: number[];
}
type ShownQuestion = AttemptView['questions'][number];

const TOKEN = 'x-participant-token';
/** Every civil-servant question of the topic (5 of them multiple choice), so one is multiple. */
const BLUEPRINT = [{ topicCode: 'cchc-o-phuong', count: 22 }];
const INVALID_CHOICE = 'Phương án đã chọn không hợp lệ.';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('autosave and submit: one statement each, refusals explained', () => {
  let t: TestApp;
  let admin: Agent;
  let bankId: string;
  let byText: Map<string, BankQuestion>;
  let contestId: string;
  let roundId: string;
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

  /** A round of the contest, open for a day from a minute ago, with a 10-minute limit. */
  async function openRound(name: string, attemptsAllowed: number): Promise<string> {
    const created = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: BLUEPRINT,
      attemptsAllowed,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await admin.post(`/api/rounds/${id}/publish`)).status).toBe(200);
    expect((await admin.post(`/api/rounds/${id}/open`)).status).toBe(200);
    return id;
  }

  async function register(): Promise<{ token: string; phone: string }> {
    const phone = `0936${String(phoneCounter++).padStart(6, '0')}`;
    const res = await api().post(`/api/contests/${contestId}/participants`).send({
      fullName: 'Trần Thị Bình',
      birthYear: 1988,
      gender: 'female',
      phone,
      participantGroup: 'civil_servant',
      password: 'mat-khau-du-thi',
      consent: true,
    });
    expect(res.status).toBe(201);
    return { token: res.body.token as string, phone };
  }

  async function start(token: string): Promise<AttemptView> {
    const res = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, token);
    expect(res.status).toBe(201);
    return res.body as AttemptView;
  }

  const save = (id: string, token: string | null, position: number, chosen: unknown) => {
    const req = api().put(`/api/attempts/${id}/answers/${position}`);
    return (token === null ? req : req.set(TOKEN, token)).send({ chosen });
  };
  const submit = (id: string, token: string | null, body: object = {}) => {
    const req = api().post(`/api/attempts/${id}/submit`);
    return (token === null ? req : req.set(TOKEN, token)).send(body);
  };

  function bankOf(q: ShownQuestion): BankQuestion {
    const bank = byText.get(q.text);
    if (!bank) throw new Error(`question not in the bank: ${q.text}`);
    return bank;
  }
  /** Displayed choices → original indexes, ascending: what the database must hold. */
  const toOriginal = (q: ShownQuestion, chosen: number[]) =>
    chosen.map((c) => bankOf(q).options.indexOf(q.options[c])).sort((a, b) => a - b);
  const isRight = (q: ShownQuestion, original: number[]) =>
    JSON.stringify(original) === JSON.stringify([...bankOf(q).correct].sort((a, b) => a - b));

  const stored = (attemptId: string) =>
    dbQuery<{ position: number; chosen: number[] }>(
      `SELECT position, chosen FROM attempt_answers WHERE attempt_id = $1 ORDER BY position`,
      [attemptId],
    );

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
    contestId = (await admin.post('/api/contests').send({ name: 'Hội thi lưu câu trả lời' })).body
      .id as string;
    roundId = await openRound('Tuần lưu bài', 3);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('saves what fits the question, in original indexes, and refuses what does not with the usual messages', async () => {
    const { token } = await register();
    const attempt = await start(token);
    const single = attempt.questions.find((q) => q.type === 'single');
    const multiple = attempt.questions.find((q) => q.type === 'multiple');
    if (!single || !multiple) throw new Error('the draw holds a single and a multiple question');

    // Two choices on a single-answer question, an index past the options, a negative one.
    // (and indexes beyond PostgreSQL's int, which must not reach the statement as such).
    for (const chosen of [
      [0, 1],
      [single.options.length],
      [-1],
      [2 ** 31],
      [Number.MAX_SAFE_INTEGER],
    ]) {
      const res = await save(attempt.id, token, single.position, chosen);
      expect([res.status, res.body.code, res.body.message]).toEqual([
        400,
        'INVALID_CHOICE',
        INVALID_CHOICE,
      ]);
    }
    expect(await stored(attempt.id)).toEqual([]);

    // A repeated index is one choice.
    const once = await save(attempt.id, token, single.position, [1, 1]);
    expect(once.status).toBe(200);
    expect(once.body).toMatchObject({ position: single.position, chosen: [1] });
    expect(once.body.remainingMs).toBeGreaterThan(500_000);
    expect(once.body.savedAt).toBe(once.body.serverNow);

    // Several choices on a multiple-choice question, stored as original indexes, ascending.
    const several = await save(attempt.id, token, multiple.position, [2, 0]);
    expect(several.status).toBe(200);
    expect(several.body.chosen).toEqual([0, 2]);
    expect(await stored(attempt.id)).toEqual(
      [
        { position: single.position, chosen: toOriginal(single, [1]) },
        { position: multiple.position, chosen: toOriginal(multiple, [0, 2]) },
      ].sort((a, b) => a.position - b.position),
    );
    // An empty list clears the answer (the row stays, empty).
    const cleared = await save(attempt.id, token, multiple.position, []);
    expect([cleared.status, cleared.body.chosen]).toEqual([200, []]);
    expect((await stored(attempt.id)).find((a) => a.position === multiple.position)).toEqual({
      position: multiple.position,
      chosen: [],
    });

    // A position with no question, also one beyond PostgreSQL's int.
    for (const position of [attempt.questions.length, 2 ** 31]) {
      const outside = await save(attempt.id, token, position, [0]);
      expect([outside.status, outside.body.code, outside.body.message]).toEqual([
        400,
        'INVALID_POSITION',
        'Câu hỏi không thuộc bài thi này.',
      ]);
    }
  });

  it('refuses strangers: no token or an expired session 401, another participant or an unknown attempt 404', async () => {
    const owner = await register();
    const other = await register();
    const attempt = await start(owner.token);
    const signedIn = await api()
      .post(`/api/contests/${contestId}/sessions`)
      .send({ phone: owner.phone, password: 'mat-khau-du-thi' });
    expect(signedIn.status).toBe(201);
    const expired = signedIn.body.token as string;
    await dbQuery(
      `UPDATE participant_sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [hashSessionToken(expired)],
    );

    for (const token of [null, 'gia-mao', expired]) {
      const saved = await save(attempt.id, token, 0, [0]);
      expect([saved.status, saved.body.code]).toEqual([401, 'PARTICIPANT_UNAUTHENTICATED']);
      const submitted = await submit(attempt.id, token);
      expect([submitted.status, submitted.body.code]).toEqual([401, 'PARTICIPANT_UNAUTHENTICATED']);
    }
    for (const [id, token] of [
      [attempt.id, other.token],
      [randomUUID(), owner.token],
    ]) {
      const saved = await save(id, token, 0, [0]);
      expect([saved.status, saved.body.code, saved.body.message]).toEqual([
        404,
        'ATTEMPT_NOT_FOUND',
        'Không tìm thấy bài thi này.',
      ]);
      const submitted = await submit(id, token, { prediction: 1 });
      expect([submitted.status, submitted.body.code]).toEqual([404, 'ATTEMPT_NOT_FOUND']);
    }
    // None of it touched the attempt: the owner's first session still saves and submits.
    expect(await stored(attempt.id)).toEqual([]);
    expect((await save(attempt.id, owner.token, 0, [0])).status).toBe(200);
    const [row] = await dbQuery<{ status: string }>(`SELECT status FROM attempts WHERE id = $1`, [
      attempt.id,
    ]);
    expect(row.status).toBe('in_progress');
  });

  it('refuses a prediction the round does not accept and leaves the attempt in progress', async () => {
    const { token } = await register();
    const attempt = await start(token);
    const refused = await submit(attempt.id, token, { prediction: 2.5 });
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([
      400,
      'INVALID_PREDICTION',
      'Số người dự đoán phải là số nguyên không âm.',
    ]);
    expect((await save(attempt.id, token, 0, [0])).status).toBe(200);
    const accepted = await submit(attempt.id, token, { prediction: 2 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'submitted', prediction: 2, counted: true });
    // After the submission the prediction is not checked any more: the stored result comes back.
    const again = await submit(attempt.id, token, { prediction: 2.5 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(accepted.body);
    const finished = await save(attempt.id, token, 1, [0]);
    expect([finished.status, finished.body.code, finished.body.message]).toEqual([
      409,
      'ATTEMPT_SUBMITTED',
      'Bài thi đã được nộp: không thể thay đổi câu trả lời.',
    ]);
  });

  it('past deadline + grace: answers refused as late (also once submitted), the submission counted at the deadline', async () => {
    const { token } = await register();
    const attempt = await start(token);
    expect((await save(attempt.id, token, 0, [0])).status).toBe(200);
    // The deadline has passed (the sweeper may not have run yet).
    const [moved] = await dbQuery<{ deadline: Date }>(
      `UPDATE attempts SET deadline = now() - interval '1 minute' WHERE id = $1 RETURNING deadline`,
      [attempt.id],
    );
    const late = await save(attempt.id, token, 1, [0]);
    expect([late.status, late.body.code, late.body.message]).toEqual([
      409,
      'ATTEMPT_TIME_UP',
      LATE_ANSWER_REASON,
    ]);
    expect((await stored(attempt.id)).map((a) => a.position)).toEqual([0]);

    const submitted = await submit(attempt.id, token, { prediction: 4 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'auto_submitted',
      prediction: null,
      submittedAt: moved.deadline.toISOString(),
    });
    // Late comes before finished, as it always did.
    const after = await save(attempt.id, token, 1, [0]);
    expect([after.status, after.body.code]).toEqual([409, 'ATTEMPT_TIME_UP']);
  });

  it('grades every answer it acknowledged, even one racing the submit', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => register()));
    const attempts = await Promise.all(people.map((p) => start(p.token)));
    const outcomes = await Promise.all(
      attempts.map(async (attempt, i) => {
        const token = people[i].token;
        // One save per position (right on every other one), sent 3 ms apart; the submit leaves
        // in the middle, so some saves land before the claim, some race it, some come after.
        const saves = attempt.questions.map(async (q, k) => {
          const shown =
            (q.position + i) % 2 === 0
              ? bankOf(q).correct.map((original) => q.options.indexOf(bankOf(q).options[original]))
              : [0];
          await sleep(k * 3);
          const res = await save(attempt.id, token, q.position, shown);
          return { q, shown, status: res.status, code: res.body.code as string | undefined };
        });
        const submitted = sleep(attempt.questions.length * 1.5).then(() =>
          submit(attempt.id, token, { prediction: i }),
        );
        const [result, ...acks] = await Promise.all([submitted, ...saves]);
        return { attempt, token, acks, result };
      }),
    );
    for (const { attempt, token, acks, result } of outcomes) {
      expect(result.status).toBe(200);
      const rows = await stored(attempt.id);
      const byPosition = new Map(rows.map((r) => [r.position, r.chosen]));
      for (const ack of acks) {
        if (ack.status === 200)
          expect(byPosition.get(ack.q.position)).toEqual(toOriginal(ack.q, ack.shown));
        else {
          expect([ack.status, ack.code]).toEqual([409, 'ATTEMPT_SUBMITTED']);
          expect(byPosition.has(ack.q.position)).toBe(false);
        }
      }
      // The grade is the stored answers' grade: every acknowledged answer is in it.
      const right = attempt.questions.filter((q) => {
        const chosen = byPosition.get(q.position);
        return chosen !== undefined && chosen.length > 0 && isRight(q, chosen);
      }).length;
      const reply = result.body as AttemptResult;
      expect(reply.correctCount).toBe(right);
      const [graded] = await dbQuery<{ correct_count: number }>(
        `SELECT correct_count FROM attempts WHERE id = $1`,
        [attempt.id],
      );
      expect(graded.correct_count).toBe(right);
      // Read back: the same reply, but for the rank (the others' grades landed meanwhile).
      const read = await api().get(`/api/attempts/${attempt.id}/result`).set(TOKEN, token);
      const withoutRank = (r: AttemptResult) => ({ ...r, rank: 0, rankedParticipants: 0 });
      expect(withoutRank(read.body as AttemptResult)).toEqual(withoutRank(reply));
    }
  });

  it('judges each save of a shared statement on its own (group commit)', async () => {
    const [a, b] = await Promise.all([register(), register()]);
    const [ours, theirs] = await Promise.all([start(a.token), start(b.token)]);
    const single = ours.questions.find((q) => q.type === 'single');
    const multiple = ours.questions.find((q) => q.type === 'multiple');
    if (!single || !multiple) throw new Error('the draw holds a single and a multiple question');
    const now = new Date();
    const row = (attemptId: string, token: string, position: number, chosen: number[]) => ({
      attemptId,
      tokenHash: hashSessionToken(token),
      position,
      chosen,
      now,
    });
    // One statement, as a batch of the group commit: good saves between refused ones.
    const repo = t.app.get(RoundsRepository);
    const results = await repo.saveParticipantAnswers([
      row(ours.id, a.token, single.position, [1]), // saved
      row(ours.id, b.token, single.position + 1, [0]), // someone else's attempt
      row(ours.id, a.token, multiple.position, [2, 0]), // saved, two choices
      row(theirs.id, b.token, 0, [0]), // saved
      row(ours.id, a.token, ours.questions.length, [0]), // no question there
      row(theirs.id, b.token, 1, [theirs.questions[1].options.length]), // past the options
      row(randomUUID(), a.token, 0, [0]), // no such attempt
      row(theirs.id, b.token, 2, []), // saved, empty
      { ...row(theirs.id, b.token, 3, [0]), now: new Date(now.getTime() + 3_600_000) }, // late
    ]);
    expect(results.map((r) => r !== null)).toEqual([
      true,
      false,
      true,
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(results[0]?.deadline.toISOString()).toBe(ours.deadline);
    expect(results[3]?.deadline.toISOString()).toBe(theirs.deadline);
    expect(await stored(ours.id)).toEqual(
      [
        { position: single.position, chosen: toOriginal(single, [1]) },
        { position: multiple.position, chosen: toOriginal(multiple, [0, 2]) },
      ].sort((x, y) => x.position - y.position),
    );
    expect(await stored(theirs.id)).toEqual([
      { position: 0, chosen: toOriginal(theirs.questions[0], [0]) },
      { position: 2, chosen: [] },
    ]);

    // Through the API, many at once (they share statements): each gets its own answer, and
    // what is stored is what was acknowledged.
    const sent = ours.questions.flatMap((q) => [
      { token: a.token, q, chosen: [0] },
      { token: b.token, q, chosen: [1] }, // not b's attempt: 404 each
    ]);
    const replies = await Promise.all(
      sent.map((s) => save(ours.id, s.token, s.q.position, s.chosen)),
    );
    expect(replies.map((r) => r.status)).toEqual(
      sent.map((s) => (s.token === a.token ? 200 : 404)),
    );
    expect(await stored(ours.id)).toEqual(
      ours.questions.map((q) => ({ position: q.position, chosen: toOriginal(q, [0]) })),
    );
  });

  it('holds the close while an attempt is claimed but not graded (a crash between the two), until the sweeper grades it', async () => {
    const repo = t.app.get(RoundsRepository);
    const ownRound = await openRound('Tuần chấm bù', 1);
    const later = new Date(Date.now() + 2 * 86_400_000); // past its closing time
    const unfinished = () => repo.countUnfinishedAttempts(ownRound, t.app.get(DataSource).manager);
    expect(await repo.findRoundsDueForClose(later)).toContain(ownRound);

    const { token } = await register();
    const started = await api().post(`/api/rounds/${ownRound}/attempts`).set(TOKEN, token);
    expect(started.status).toBe(201);
    const attempt = started.body as AttemptView;
    expect((await save(attempt.id, token, 0, [0])).status).toBe(200);
    // In progress: not due for the close.
    expect(await repo.findRoundsDueForClose(later)).not.toContain(ownRound);
    expect(await unfinished()).toBe(1);
    // The claim committed, the grade did not (the process died in between).
    await dbQuery(`UPDATE attempts SET status = 'submitted', submitted_at = now() WHERE id = $1`, [
      attempt.id,
    ]);
    expect((await repo.findUngraded(10, attempt.id)).map((a) => a.id)).toEqual([attempt.id]);
    expect((await repo.findUngraded(200)).map((a) => a.id)).toContain(attempt.id);
    expect(await repo.findRoundsDueForClose(later)).not.toContain(ownRound);
    expect(await unfinished()).toBe(1);

    await t.app.get(AttemptsService).sweepOverdue();
    expect(await repo.findUngraded(10, attempt.id)).toEqual([]);
    expect(await unfinished()).toBe(0);
    expect(await repo.findRoundsDueForClose(later)).toContain(ownRound);
    const result = await api().get(`/api/attempts/${attempt.id}/result`).set(TOKEN, token);
    expect(result.status).toBe(200);
    expect(result.body.score).toEqual(expect.any(Number));
  });
});
