import ExcelJS from 'exceljs';
import request from 'supertest';
import { PURGED_NAME } from '../../src/rounds/participants-admin.service';
import type { LeaderboardView, RankingView } from '../../src/shared/rounds';
import { call, connectSocket, TestSocket } from '../support/socket-client';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
interface BankQuestion {
  text: string;
  options: string[];
  correct: number[];
}
interface ShownQuestion {
  position: number;
  text: string;
  options: string[];
}
interface Person {
  key: string;
  token: string;
  phone: string;
  cccd: string;
  group: 'civil_servant' | 'citizen';
}

const TOKEN = 'x-participant-token';
const BLUEPRINT = [
  { topicCode: 'the-che', count: 1 },
  { topicCode: 'thu-tuc-hanh-chinh', count: 1 },
  { topicCode: 'chinh-phu-dien-tu', count: 1 },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rows of a sheet below the title lines, header row first, as plain values. */
async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n >= 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => {
    done(null, Buffer.concat(chunks));
  });
};

/**
 * The end of a round: live leaderboard (HTTP and socket), rules locked once started, automatic
 * close with the prediction's true value, final ranks that re-order a provisional tie by the
 * prediction, prizes per group, exports, publication, review after close, erasure of personal
 * data and deletion of the sample contest.
 */
describe('results of a timed round', () => {
  let t: TestApp;
  let admin: Agent;
  let bankId: string;
  let byText: Map<string, BankQuestion>;
  let contestId: string;
  let roundId: string;
  let closesAt: number;
  const people = new Map<string, Person>();
  const attemptOf = new Map<string, string>();
  let socket: TestSocket;
  const updates: { at: number; view: LeaderboardView }[] = [];
  let phoneCounter = 0;

  const api = () => request(t.baseUrl);

  function rightChoices(q: ShownQuestion): number[] {
    const bank = byText.get(q.text);
    if (!bank) throw new Error(`question not in the bank: ${q.text}`);
    return bank.correct.map((original) => q.options.indexOf(bank.options[original])).sort();
  }
  function wrongChoice(q: ShownQuestion): number[] {
    const right = rightChoices(q);
    return [q.options.findIndex((_, i) => !right.includes(i))];
  }

  async function join(key: string, group: Person['group']): Promise<Person> {
    phoneCounter++;
    const phone = `098${String(phoneCounter).padStart(7, '0')}`;
    const cccd = `0010900${String(phoneCounter).padStart(5, '0')}`;
    const res = await api()
      .post(`/api/contests/${contestId}/participants`)
      .send({
        fullName: `Người dự thi ${key}`,
        birthYear: 1985,
        gender: 'female',
        phone,
        cccd,
        unit: 'Tổ dân phố 3',
        participantGroup: group,
        password: 'mat-khau-du-thi',
        consent: true,
      });
    expect(res.status).toBe(201);
    const person = { key, token: res.body.token as string, phone, cccd, group };
    people.set(key, person);
    return person;
  }

  /** Starts an attempt, answers `right` questions correctly and the rest wrongly. */
  async function answer(person: Person, right: number): Promise<string> {
    const started = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, person.token);
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    for (const q of started.body.questions as ShownQuestion[]) {
      const chosen = q.position < right ? rightChoices(q) : wrongChoice(q);
      const saved = await api()
        .put(`/api/attempts/${id}/answers/${q.position}`)
        .set(TOKEN, person.token)
        .send({ chosen });
      expect(saved.status).toBe(200);
    }
    attemptOf.set(person.key, id);
    return id;
  }

  async function submit(person: Person, id: string, prediction: number) {
    const res = await api()
      .post(`/api/attempts/${id}/submit`)
      .set(TOKEN, person.token)
      .send({ prediction });
    expect(res.status).toBe(200);
    return res.body as { score: number; rank: number; provisional: boolean; counted: boolean };
  }

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
    const banks = (await admin.get('/api/banks')).body.items as { id: string }[];
    bankId = banks[0].id;
    const questions = (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 }))
      .body.items as BankQuestion[];
    byText = new Map(questions.map((q) => [q.text, q]));
    contestId = (
      await admin.post('/api/contests').send({ name: 'Hội thi tuần', requiresCccd: true })
    ).body.id as string;
  });
  afterAll(async () => {
    socket?.disconnect();
    await t?.close();
  });

  it('creates the sample contest on the first start, with one round open for a week', async () => {
    const res = await api().get('/api/public/contests');
    expect(res.status).toBe(200);
    const sample = (
      res.body.items as { isSample: boolean; name: string; rounds: unknown[] }[]
    ).find((c) => c.isSample);
    expect(sample).toMatchObject({ name: 'Hội thi tìm hiểu về cải cách hành chính (mẫu)' });
    expect(sample?.rounds).toEqual([
      expect.objectContaining({ status: 'published', questionCount: 10, attemptsAllowed: 3 }),
    ]);
    const round = sample?.rounds[0] as { opensAt: string; closesAt: string };
    const week = Date.parse(round.closesAt) - Date.parse(round.opensAt);
    expect(week).toBe(7 * 86_400_000);
    expect(Math.abs(Date.parse(round.opensAt) - Date.now())).toBeLessThan(120_000);
  });

  it('runs a round: live leaderboard over HTTP and socket, rules locked once started', async () => {
    closesAt = Date.now() + 25_000;
    const created = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Tuần 1',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      timeLimitSeconds: 600,
      attemptsAllowed: 2,
      countedPolicy: 'best',
      graceMs: 500,
      bankId,
      blueprint: BLUEPRINT,
      reviewPolicy: 'after_close',
      leaderboardVisibility: 'public',
    });
    expect(created.status).toBe(201);
    roundId = created.body.id as string;
    expect(created.body).toMatchObject({
      reviewPolicy: 'after_close',
      tieBreakChain: ['score', 'prediction', 'duration', 'submittedAt'],
      eligibleGroups: ['civil_servant', 'citizen'],
    });
    expect((await admin.post(`/api/rounds/${roundId}/publish`)).status).toBe(200);
    const quotas = await admin.put(`/api/rounds/${roundId}/prize-quotas`).send({
      civil_servant: { first: 1, second: 1, third: 0, consolation: 1 },
      citizen: { first: 1, second: 0, third: 0, consolation: 0 },
    });
    expect(quotas.status).toBe(200);
    const badQuota = await admin
      .put(`/api/rounds/${roundId}/prize-quotas`)
      .send({ citizen: { first: -1, second: 0, third: 0, consolation: 0 } });
    expect(badQuota.status).toBe(400);

    socket = await connectSocket(t.baseUrl);
    socket.on('leaderboard:update', (view) => {
      updates.push({ at: Date.now(), view });
    });
    const watched = await call(socket, 'leaderboard:watch', { roundId });
    expect(watched).toMatchObject({ ok: true, data: { total: 0, rows: [], provisional: true } });
    const bad = await call(socket, 'leaderboard:watch', { roundId: 'not-a-uuid' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const a = await join('A', 'civil_servant');
    const b = await join('B', 'civil_servant');
    const c = await join('C', 'civil_servant');
    const d = await join('D', 'citizen');
    const e = await join('E', 'citizen');
    const f = await join('F', 'civil_servant');

    // A: perfect and quick, predicts 1; B: perfect but slower, predicts exactly 3.
    const resultA = await submit(a, await answer(a, 3), 1);
    expect(resultA).toMatchObject({ score: 3, rank: 1, provisional: true, counted: true });
    const attemptB = await answer(b, 3);
    await sleep(1200);
    expect(await submit(b, attemptB, 3)).toMatchObject({ rank: 2, provisional: true });
    await submit(c, await answer(c, 2), 5);
    // D improves on a second attempt: the best one counts.
    await submit(d, await answer(d, 1), 2);
    const second = await submit(d, await answer(d, 3), 2);
    expect(second.counted).toBe(true);
    await submit(e, await answer(e, 0), 10);
    // F answers one question and never submits: graded at the close.
    const started = await api().post(`/api/rounds/${roundId}/attempts`).set(TOKEN, f.token);
    const q0 = (started.body.questions as ShownQuestion[])[0];
    await api()
      .put(`/api/attempts/${started.body.id as string}/answers/0`)
      .set(TOKEN, f.token)
      .send({ chosen: rightChoices(q0) });

    const locked = await admin.patch(`/api/rounds/${roundId}`).send({ timeLimitSeconds: 60 });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('ROUND_RULES_LOCKED');
    const renamed = await admin.patch(`/api/rounds/${roundId}`).send({ name: 'Tuần 1 (tháng 12)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Tuần 1 (tháng 12)');

    const board = await api()
      .get(`/api/rounds/${roundId}/leaderboard`)
      .set(TOKEN, c.token)
      .query({ limit: 10 });
    expect(board.status).toBe(200);
    const view = board.body as LeaderboardView;
    expect(view.provisional).toBe(true);
    expect(view.total).toBe(5);
    // Provisional: score, then duration (no prediction yet). D's best attempt was quick.
    expect(view.rows.map((r) => r.score)).toEqual([3, 3, 3, 2, 0]);
    expect(view.rows.slice(3).map((r) => r.rank)).toEqual([4, 5]);
    expect(view.me).toMatchObject({ rank: 4, score: 2, fullName: 'Người dự thi C' });

    // Who may watch (the round and the session are read together): on a public board an
    // unknown token is a guest; participants-only wants a valid session; hidden shows nobody.
    const board10 = (token?: string) => {
      const req = api().get(`/api/rounds/${roundId}/leaderboard`).query({ limit: 10 });
      return token === undefined ? req : req.set(TOKEN, token);
    };
    const guest = await board10('khong-phai-phien-dang-nhap');
    expect(guest.status).toBe(200);
    expect(guest.body).toMatchObject({ total: 5, me: null });
    const visibility = (leaderboardVisibility: string) =>
      admin.patch(`/api/rounds/${roundId}`).send({ leaderboardVisibility });
    expect((await visibility('participants')).status).toBe(200);
    const anonymous = await board10();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('LEADERBOARD_PARTICIPANTS_ONLY');
    const unknown = await board10('khong-phai-phien-dang-nhap');
    expect(unknown.status).toBe(401);
    const member = await board10(c.token);
    expect(member.status).toBe(200);
    expect(member.body.me).toMatchObject({ rank: 4, fullName: 'Người dự thi C' });
    expect((await visibility('hidden')).status).toBe(200);
    const hidden = await board10(c.token);
    expect(hidden.status).toBe(403);
    expect(hidden.body.code).toBe('LEADERBOARD_HIDDEN');
    expect((await visibility('public')).status).toBe(200);
    for (const row of view.rows) expect(row.phone).toMatch(/^09xx xxx \d{3}$/);
    const text = JSON.stringify(view);
    for (const p of people.values()) {
      expect(text).not.toContain(p.phone);
      expect(text).not.toContain(p.cccd);
    }
    const citizens = await api()
      .get(`/api/rounds/${roundId}/leaderboard`)
      .query({ group: 'citizen' });
    expect((citizens.body as LeaderboardView).rows.map((r) => r.fullName)).toEqual([
      'Người dự thi D',
      'Người dự thi E',
    ]);
    // The organizer's ranking past what the database can count: a refusal, not a 500.
    const absurd = await admin
      .get(`/api/rounds/${roundId}/ranking`)
      .query({ offset: '99999999999999999999' });
    expect([absurd.status, absurd.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    // The socket got the changes, at most once a second.
    await sleep(1500);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.at(-1)?.view.total).toBe(5);
    for (let i = 1; i < updates.length; i++)
      expect(updates[i].at - updates[i - 1].at).toBeGreaterThanOrEqual(900);

    const review = await api()
      .get(`/api/attempts/${attemptOf.get('A') ?? ''}/review`)
      .set(TOKEN, a.token);
    expect(review.status).toBe(403);
    expect(review.body.message).toBe('Đáp án sẽ được công bố sau khi vòng thi kết thúc.');
    const early = await admin.post(`/api/rounds/${roundId}/close`);
    expect(early.status).toBe(409);
    const results = await api().get(`/api/rounds/${roundId}/results`);
    expect(results.status).toBe(404);
  });

  it('closes by itself after the closing time: true value, final ranks by prediction, prizes', async () => {
    await sleep(Math.max(0, closesAt + 500 - Date.now()));
    let status = '';
    for (let i = 0; i < 40 && status !== 'closed'; i++) {
      await sleep(500);
      status = (await admin.get(`/api/rounds/${roundId}`)).body.status as string;
    }
    expect(status).toBe('closed');

    const ranking = (await admin.get(`/api/rounds/${roundId}/ranking`)).body as RankingView;
    expect(ranking.provisional).toBe(false);
    // Perfect counted attempts: A, B and D's second.
    expect(ranking.trueValue).toBe(3);
    expect(ranking.total).toBe(6);
    const byName = new Map(ranking.rows.map((r) => [r.fullName, r]));
    // B predicted 3 (error 0) and now ranks before A (error 2) despite a longer duration.
    expect(byName.get('Người dự thi B')).toMatchObject({ rank: 1, predictionError: 0 });
    expect(byName.get('Người dự thi D')).toMatchObject({ rank: 2, predictionError: 1 });
    expect(byName.get('Người dự thi A')).toMatchObject({ rank: 3, predictionError: 2 });
    expect(byName.get('Người dự thi F')).toMatchObject({ score: 1 });
    expect(ranking.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);

    const prizes = (await admin.get(`/api/rounds/${roundId}/prizes`)).body as {
      rows: { fullName: string; prize: string; rank: number }[];
    };
    expect(prizes.rows.map((r) => [r.fullName, r.prize, r.rank])).toEqual([
      ['Người dự thi B', 'first', 1],
      ['Người dự thi A', 'second', 2],
      ['Người dự thi C', 'consolation', 3],
      ['Người dự thi D', 'first', 1],
    ]);

    const fAttempt = await admin
      .get(`/api/rounds/${roundId}/exports/attempts.xlsx`)
      .buffer()
      .parse(binary);
    expect(fAttempt.status).toBe(200);
    const attemptRows = await sheetRows(fAttempt.body as Buffer);
    expect(attemptRows[0]).toEqual(expect.arrayContaining(['Họ và tên', 'Số CCCD', 'Trạng thái']));
    expect(attemptRows).toHaveLength(1 + 7);
    expect(attemptRows.some((r) => r.includes('Tự động nộp khi hết giờ'))).toBe(true);

    const prizeFile = await admin
      .get(`/api/rounds/${roundId}/exports/prizes.xlsx`)
      .buffer()
      .parse(binary);
    expect(prizeFile.headers['content-disposition']).toContain(
      'danh-sach-giai-tuan-1-thang-12.xlsx',
    );
    const prizeRows = await sheetRows(prizeFile.body as Buffer);
    expect(prizeRows[0]).toEqual(expect.arrayContaining(['Giải', 'Họ và tên', 'Đối tượng']));
    expect(prizeRows.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ['Giải Nhất', 'Người dự thi B'],
      ['Giải Nhì', 'Người dự thi A'],
      ['Giải Khuyến khích', 'Người dự thi C'],
      ['Giải Nhất', 'Người dự thi D'],
    ]);

    // Changing a quota after the close recomputes the prize list at once.
    const changed = await admin.put(`/api/rounds/${roundId}/prize-quotas`).send({
      civil_servant: { first: 1, second: 0, third: 0, consolation: 0 },
    });
    expect(changed.status).toBe(200);
    const fewer = (await admin.get(`/api/rounds/${roundId}/prizes`)).body as {
      rows: { fullName: string }[];
    };
    expect(fewer.rows.map((r) => r.fullName)).toEqual(['Người dự thi B']);

    const a = people.get('A');
    const review = await api()
      .get(`/api/attempts/${attemptOf.get('A') ?? ''}/review`)
      .set(TOKEN, a?.token ?? '');
    expect(review.status).toBe(200);
    expect(review.body.questions).toHaveLength(3);
    for (const q of review.body.questions as {
      isCorrect: boolean;
      chosen: number[];
      correct: number[];
    }[]) {
      expect(q.isCorrect).toBe(true);
      expect(q.chosen).toEqual(q.correct);
    }
  });

  it('publishes the results with masked phones only, then erases personal data on request', async () => {
    expect((await admin.post(`/api/rounds/${roundId}/publish-results`)).status).toBe(200);
    const results = await api().get(`/api/rounds/${roundId}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ trueValue: 3, participants: 6, perfectCount: 3 });
    const text = JSON.stringify(results.body);
    for (const p of people.values()) {
      expect(text).not.toContain(p.phone);
      expect(text).not.toContain(p.cccd);
    }

    // The public leaderboard's top is shared between requests; the erasure must not wait for it.
    const boardPath = `/api/rounds/${roundId}/leaderboard`;
    const before = (await api().get(boardPath)).body as LeaderboardView;
    expect(before.rows.map((r) => r.fullName)).toContain('Người dự thi A');

    const purged = await admin.post(`/api/contests/${contestId}/purge-personal-data`);
    expect(purged.status).toBe(200);
    const after = (await api().get(boardPath)).body as LeaderboardView;
    expect(after.rows).toHaveLength(before.rows.length);
    for (const row of after.rows) expect(row.fullName).toBe(PURGED_NAME);
    expect(purged.body.personalDataPurgedAt).toEqual(expect.any(String));
    const list = await admin.get(`/api/contests/${contestId}/participants`);
    expect(list.body.total).toBe(6);
    for (const p of list.body.items as {
      phone: string | null;
      cccd: string | null;
      fullName: string;
    }[]) {
      expect(p).toMatchObject({ phone: null, cccd: null });
      expect(p.fullName).toBe(PURGED_NAME);
    }
    const ranking = (await admin.get(`/api/rounds/${roundId}/ranking`)).body as RankingView;
    expect(ranking.rows.map((r) => r.score)).toEqual([3, 3, 3, 2, 1, 0]);
    const a = people.get('A');
    const signIn = await api()
      .post(`/api/contests/${contestId}/sessions`)
      .send({ phone: a?.phone, password: 'mat-khau-du-thi' });
    expect(signIn.status).toBe(401);
    // Erasure also ended every session.
    const old = await api()
      .get(`/api/rounds/${roundId}/my-attempts`)
      .set(TOKEN, a?.token ?? '');
    expect(old.status).toBe(401);
  });

  it('refuses to erase a running contest and deletes the sample contest on request', async () => {
    const contests = (await admin.get('/api/contests')).body.items as {
      id: string;
      isSample: boolean;
    }[];
    const sample = contests.find((c) => c.isSample);
    expect(sample).toBeDefined();
    const refused = await admin.post(`/api/contests/${sample?.id ?? ''}/purge-personal-data`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONTEST_NOT_FINISHED');
    expect((await admin.delete(`/api/contests/${sample?.id ?? ''}`)).status).toBe(204);
    const after = (await api().get('/api/public/contests')).body.items as { isSample: boolean }[];
    expect(after.some((c) => c.isSample)).toBe(false);
  });
});
