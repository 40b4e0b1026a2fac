import { Client } from 'pg';
import type { Ack } from '../../src/shared/realtime/events';
import type { AnswerSaved, AttemptResult, AttemptView, RankingView } from '../../src/shared/rounds';
import { generateSessionToken, hashSessionToken } from '../../src/auth/passwords';
import { connectSocket, TestSocket } from '../support/socket-client';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

/**
 * A timed round under load, through the public API only: 200 participants start together,
 * answer every question (changing some answers twice), and submit early, in the last seconds
 * before the close, or never (the server submits them at the deadline). Half of them save and
 * submit over socket.io (`attempt:save`, `attempt:submit`, one connection each), as the attempt
 * page does once connected; the other half over HTTP, its fallback. Afterwards the database
 * must hold every answer the server acknowledged, with the last acknowledged choice, and none it
 * refused; every attempt must be graded; and the final ranking must equal a recomputation done
 * here from the bank's key and the acknowledged answers — not with the server's ranking code.
 *
 * Timing: registration ~2–5 s (16 through the API with argon2, the rest with SQL), the round
 * ROUND_MS, then the automatic close (sweeper 1 s, auto-close 5 s): about 60 s on PostgreSQL on
 * 2 cores; the per-test timeouts leave room for a loaded CI machine.
 */

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
type Behaviour = 'early' | 'late' | 'never';

interface BankQuestion {
  id: string;
  type: 'single' | 'multiple' | 'true_false';
  text: string;
  options: string[];
  correct: number[];
}
interface Reply<T = unknown> {
  status: number;
  body: T;
}
interface Participant {
  index: number;
  token: string;
  participantId: string;
  behaviour: Behaviour;
  /** Probability that the final answer to a question is the right one. */
  skill: number;
  /** Never-submitters only: the last question is first tried after the deadline. */
  skipsLast: boolean;
  /** Sent with the submission (early submitters may leave it out). */
  prediction: number | null;
  /** Saves and submits over socket.io (every other block of 20: each behaviour on both), or HTTP. */
  viaSocket: boolean;
  attempt?: AttemptView;
}
interface SaveRecord {
  viaSocket: boolean;
  position: number;
  chosen: number[];
  sentAt: number;
  /** Round trip in ms. */
  ms: number;
  status: number;
  code: string | null;
  savedAt: string | null;
}
interface SubmitRecord {
  sentAt: number;
  ms: number;
  status: number;
  result: AttemptResult;
}

const TOKEN = 'x-participant-token';
const PARTICIPANTS = 200;
const REGISTER_CONCURRENCY = 8;
/** Registered through the API; the rest are written with SQL (see beforeAll). */
const REGISTERED_VIA_API = 16;
/** From the round's creation to its closing time: N ≈ 45–50 s after everyone started. */
const ROUND_MS = 52_000;
const GRACE_MS = 2000;
/** Late answers of the never-submitters leave this long after deadline + grace. */
const LATE_MARGIN_MS = 1500;
const BLUEPRINT = [
  { topicCode: 'the-che', count: 2 },
  { topicCode: 'thu-tuc-hanh-chinh', count: 2 },
  { topicCode: 'chinh-phu-dien-tu', count: 2 },
  { topicCode: 'cchc-o-phuong', count: 2 },
];
const QUESTIONS = 8;

/** mulberry32: a seeded generator, so a failing run can be replayed with LOAD_TEST_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.LOAD_TEST_SEED ?? Date.now() % 1_000_000);
const random = prng(SEED);
const between = (low: number, high: number) => low + random() * (high - low);
const pick = <T>(list: readonly T[]): T => {
  const item = list.at(Math.floor(random() * list.length));
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

const note = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const sleepUntil = (at: number) => sleep(at - Date.now());
const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);
const sameSet = (a: readonly number[], b: readonly number[]) =>
  JSON.stringify(sorted([...new Set(a)])) === JSON.stringify(sorted([...new Set(b)]));

/** Runs `task` over `items` with at most `limit` in flight. */
async function inBatches<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('a timed round under load: 200 participants at once', () => {
  let t: TestApp;
  let admin: Agent;
  let bankId: string;
  let byText: Map<string, BankQuestion>;
  let byId: Map<string, BankQuestion>;
  let contestId: string;
  let roundId: string;
  let closesAt: number;
  const people: Participant[] = [];
  const saves = new Map<string, SaveRecord[]>();
  const submits = new Map<string, SubmitRecord>();
  const sockets: TestSocket[] = [];

  async function call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<Reply<T>> {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { [TOKEN]: token } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /**
   * A socket.io message with its acknowledgement, as a Reply: 200 and the data when accepted,
   * the error's status and body (its `code`) when refused, as HTTP would answer. No timeout
   * short of the test's: an ack that never comes fails the test.
   */
  async function emit<T>(
    socket: TestSocket,
    event: 'attempt:save' | 'attempt:submit',
    payload: unknown,
  ): Promise<Reply<T>> {
    const ack = await (
      socket.timeout(60_000) as unknown as {
        emitWithAck(e: string, p: unknown): Promise<Ack<T>>;
      }
    ).emitWithAck(event, payload);
    return ack.ok
      ? { status: 200, body: ack.data }
      : { status: ack.error.statusCode, body: ack.error as unknown as T };
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

  function bankQuestion(text: string): BankQuestion {
    const q = byText.get(text);
    if (!q) throw new Error(`question not in the bank: ${text}`);
    return q;
  }

  /** Display indexes of the right options (worked out from the bank by option text). */
  function rightChoice(q: AttemptView['questions'][number]): number[] {
    const bank = bankQuestion(q.text);
    return sorted(bank.correct.map((original) => q.options.indexOf(bank.options[original])));
  }

  function randomChoice(q: AttemptView['questions'][number]): number[] {
    const n = q.options.length;
    if (q.type !== 'multiple') return [Math.floor(random() * n)];
    const chosen = Array.from({ length: n }, (_, i) => i).filter(() => random() < 0.5);
    return chosen.length > 0 ? chosen : [Math.floor(random() * n)];
  }

  function wrongChoice(q: AttemptView['questions'][number]): number[] {
    const right = rightChoice(q);
    for (;;) {
      const chosen = randomChoice(q);
      if (!sameSet(chosen, right)) return chosen;
    }
  }

  beforeAll(async () => {
    const began = Date.now();
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '100000',
      API_RATE_LIMIT: '1000000',
    });
    admin = await signedInAgent(t.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id;
    const questions = (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 }))
      .body.items as BankQuestion[];
    byText = new Map(questions.map((q) => [q.text, q]));
    byId = new Map(questions.map((q) => [q.id, q]));
    expect(byText.size).toBe(questions.length);
    const contest = await admin.post('/api/contests').send({ name: 'Hội thi tải lớn' });
    expect(contest.status).toBe(201);
    contestId = contest.body.id as string;

    const registering = Date.now();
    const profile = (i: number) => ({
      fullName: `Người dự thi số ${i + 1}`,
      birthYear: 1960 + (i % 45),
      gender: i % 2 === 0 ? 'female' : 'male',
      phone: `0912${String(i).padStart(6, '0')}`,
      unit: `Tổ dân phố ${(i % 12) + 1}`,
      participantGroup: i % 3 === 0 ? 'citizen' : 'civil_servant',
    });
    const join = (i: number, token: string, participantId: string) => {
      // 60 % submit early, 30 % in the last 5 s, 10 % never.
      const behaviour: Behaviour = i % 10 < 6 ? 'early' : i % 10 < 9 ? 'late' : 'never';
      people.push({
        index: i,
        token,
        participantId,
        behaviour,
        // A quarter know every answer; the rest get each one right with 40–90 %.
        skill: random() < 0.25 ? 1 : between(0.4, 0.9),
        skipsLast: behaviour === 'never' && i % 20 === 9,
        prediction: behaviour === 'early' && random() < 0.2 ? null : Math.floor(between(20, 70)),
        viaSocket: Math.floor(i / 20) % 2 === 1,
      });
    };
    // A few register through the API (argon2, 64 MiB, 8 at a time); registration is not what
    // this test is about, so the others are written with SQL: same password hash, a session
    // token each, exactly the rows registration writes.
    const viaApi = Array.from({ length: REGISTERED_VIA_API }, (_, i) => i);
    await inBatches(viaApi, REGISTER_CONCURRENCY, async (i) => {
      const res = await call<{ token: string; participant: { id: string } }>(
        'POST',
        `/api/contests/${contestId}/participants`,
        { ...profile(i), password: 'mat-khau-du-thi', consent: true },
      );
      expect(res.status).toBe(201);
      join(i, res.body.token, res.body.participant.id);
    });
    const [{ password_hash: hash }] = await dbQuery<{ password_hash: string }>(
      `SELECT password_hash FROM participants WHERE contest_id = $1 LIMIT 1`,
      [contestId],
    );
    const rest = Array.from(
      { length: PARTICIPANTS - REGISTERED_VIA_API },
      (_, k) => k + REGISTERED_VIA_API,
    );
    const inserted = await dbQuery<{ id: string; phone: string }>(
      `INSERT INTO participants (contest_id, full_name, birth_year, gender, phone, unit,
                                 participant_group, password_hash, consent_at)
       SELECT $1, p.full_name, p.birth_year, p.gender, p.phone, p.unit, p.participant_group, $2, now()
         FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS p(full_name, birth_year, gender, phone, unit, participant_group)
       RETURNING id, phone`,
      [
        contestId,
        hash,
        rest.map((i) => profile(i).fullName),
        rest.map((i) => profile(i).birthYear),
        rest.map((i) => profile(i).gender),
        rest.map((i) => profile(i).phone),
        rest.map((i) => profile(i).unit),
        rest.map((i) => profile(i).participantGroup),
      ],
    );
    const idByPhone = new Map(inserted.map((r) => [r.phone, r.id]));
    const tokens = rest.map(() => generateSessionToken());
    const ids = rest.map((i) => idByPhone.get(profile(i).phone) ?? '');
    await dbQuery(
      `INSERT INTO participant_sessions (token_hash, participant_id, expires_at)
       SELECT h, p, now() + interval '1 day' FROM unnest($1::bytea[], $2::uuid[]) AS s(h, p)`,
      [tokens.map((token) => hashSessionToken(token)), ids],
    );
    rest.forEach((i, k) => {
      join(i, tokens[k] ?? '', ids[k] ?? '');
    });
    people.sort((a, b) => a.index - b.index);
    expect(people).toHaveLength(PARTICIPANTS);
    note(
      `${t.database.kind}: app ready in ${registering - began} ms, ` +
        `${PARTICIPANTS} registered in ${Date.now() - registering} ms`,
    );
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it('takes the round: every answer in time is acknowledged, every late one refused', async () => {
    // The socket half connects first, as the attempt page opens its connection on load.
    const connections = await Promise.all(
      people.map((p) => (p.viaSocket ? connectSocket(t.baseUrl) : Promise.resolve(null))),
    );
    for (const socket of connections) if (socket) sockets.push(socket);
    const created = await admin.post(`/api/contests/${contestId}/rounds`).send({
      name: 'Vòng thi tải lớn',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + ROUND_MS).toISOString(),
      // Longer than the round: every deadline is the closing time.
      timeLimitSeconds: 3600,
      graceMs: GRACE_MS,
      bankId,
      blueprint: BLUEPRINT,
    });
    expect(created.status).toBe(201);
    roundId = created.body.id as string;
    closesAt = Date.parse(created.body.closesAt as string);
    expect((await admin.post(`/api/rounds/${roundId}/publish`)).status).toBe(200);
    expect((await admin.post(`/api/rounds/${roundId}/open`)).status).toBe(200);

    // Everyone starts at once, as when a round opens; each then answers on their own clock.
    const startedAt: number[] = [];
    const runParticipant = async (p: Participant, socket: TestSocket | null) => {
      const res = await call<AttemptView>('POST', `/api/rounds/${roundId}/attempts`, {}, p.token);
      expect(res.status).toBe(201);
      expect(res.body.questions).toHaveLength(QUESTIONS);
      expect(Date.parse(res.body.deadline)).toBe(closesAt);
      const attempt = res.body;
      p.attempt = attempt;
      const ownStart = Date.now();
      startedAt.push(ownStart);
      // ~50 s on a quiet 2-core machine; below 15 s the machine is too loaded for the timeline.
      const window = closesAt - ownStart;
      expect(window).toBeGreaterThan(15_000);
      const records: SaveRecord[] = [];
      saves.set(attempt.id, records);
      const late = p.behaviour === 'late';
      const never = p.behaviour === 'never';
      const submitAt = late
        ? between(closesAt - 5000, closesAt - 200)
        : p.behaviour === 'early'
          ? between(ownStart + 0.3 * window, closesAt - Math.max(8000, 0.2 * window))
          : null;
      const answersEnd = late ? closesAt - 6000 : (submitAt ?? closesAt - 2000) - 500;

      // The plan: every question once (final choice by skill), two of them changed twice.
      const questions = attempt.questions.filter(
        (q) => !(p.skipsLast && q.position === QUESTIONS - 1),
      );
      const steps: { position: number; chosen: number[] }[] = [];
      const twice = new Set([pick(questions).position, pick(questions).position]);
      for (const q of questions) {
        const final = random() < p.skill ? rightChoice(q) : wrongChoice(q);
        if (twice.has(q.position)) {
          steps.push({ position: q.position, chosen: randomChoice(q) });
          steps.push({ position: q.position, chosen: randomChoice(q) });
        }
        steps.push({ position: q.position, chosen: final });
      }
      // Keep each position's saves in order, interleave the positions.
      const times = sorted(steps.map(() => between(ownStart, answersEnd)));
      const queue = [...steps].sort(() => random() - 0.5);
      const ordered = new Map<number, { position: number; chosen: number[] }[]>();
      for (const s of steps) ordered.set(s.position, [...(ordered.get(s.position) ?? []), s]);
      const plan = queue.map((s) => {
        const list = ordered.get(s.position) ?? [];
        const first = list.shift();
        if (!first) throw new Error('plan');
        return first;
      });
      // Late submitters change one more answer just before submitting.
      if (late) {
        const q = pick(questions);
        plan.push({ position: q.position, chosen: randomChoice(q) });
        times.push(between(closesAt - 6000, (submitAt ?? closesAt) - 300));
      }
      // Never-submitters: one change around the deadline (may or may not land), then late ones.
      const lateSaves: { position: number; chosen: number[]; at: number }[] = [];
      if (never) {
        const q = pick(questions);
        plan.push({ position: q.position, chosen: randomChoice(q) });
        times.push(between(closesAt - 500, closesAt + GRACE_MS + 300));
        const after = closesAt + GRACE_MS + LATE_MARGIN_MS;
        const changed = pick(questions);
        lateSaves.push({ position: changed.position, chosen: wrongChoice(changed), at: after });
        const last = attempt.questions.at(-1);
        if (p.skipsLast && last)
          lateSaves.push({ position: last.position, chosen: rightChoice(last), at: after + 500 });
      }

      const save = async (position: number, chosen: number[]) => {
        const sentAt = Date.now();
        const res = socket
          ? await emit<AnswerSaved & { code?: string }>(socket, 'attempt:save', {
              participantToken: p.token,
              attemptId: attempt.id,
              position,
              chosen,
            })
          : await call<AnswerSaved & { code?: string }>(
              'PUT',
              `/api/attempts/${attempt.id}/answers/${position}`,
              { chosen },
              p.token,
            );
        records.push({
          viaSocket: socket !== null,
          position,
          chosen,
          sentAt,
          ms: Date.now() - sentAt,
          status: res.status,
          code: res.status === 200 ? null : (res.body.code ?? null),
          savedAt: res.status === 200 ? res.body.savedAt : null,
        });
      };
      for (const [i, step] of plan.entries()) {
        await sleepUntil(times.at(i) ?? 0);
        await save(step.position, step.chosen);
      }
      if (submitAt !== null) {
        await sleepUntil(submitAt);
        const sentAt = Date.now();
        const prediction = p.prediction === null ? {} : { prediction: p.prediction };
        const res = socket
          ? await emit<AttemptResult>(socket, 'attempt:submit', {
              participantToken: p.token,
              attemptId: attempt.id,
              ...prediction,
            })
          : await call<AttemptResult>(
              'POST',
              `/api/attempts/${attempt.id}/submit`,
              prediction,
              p.token,
            );
        expect(res.status).toBe(200);
        submits.set(attempt.id, {
          sentAt,
          ms: Date.now() - sentAt,
          status: res.status,
          result: res.body,
        });
      }
      for (const s of lateSaves) {
        await sleepUntil(s.at);
        await save(s.position, s.chosen);
      }
    };
    await Promise.all(people.map((p, i) => runParticipant(p, connections[i] ?? null)));
    note(
      `seed ${SEED}: ${PARTICIPANTS} attempts started (${sockets.length} saving and submitting ` +
        `over socket.io), the last ` +
        `${Math.round((closesAt - Math.max(...startedAt)) / 1000)} s before the close`,
    );

    const all = [...saves.values()].flat();
    const submitted = [...submits.values()];
    const late = all.filter((s) => s.sentAt > closesAt + GRACE_MS);
    const spread = (ms: number[]) => {
      const list = sorted(ms);
      const at = (q: number) => list.at(Math.min(list.length - 1, Math.ceil(q * list.length) - 1));
      return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${list.at(-1)} ms`;
    };
    note(
      `${all.length} saves (${spread(all.map((s) => s.ms))}): ` +
        `${all.filter((s) => s.status === 200).length} acknowledged, ${late.length} sent after ` +
        `deadline + grace; ${submitted.length} submissions (${spread(submitted.map((s) => s.ms))})`,
    );
    // The server reads its clock after the request was sent and before the reply came back, so
    // a request sent before the deadline that came back within the grace was on time. (A reply
    // slower than the grace, on an overloaded machine, proves nothing either way.)
    const onTime = (r: { sentAt: number; ms: number }) => r.sentAt < closesAt && r.ms < GRACE_MS;
    expect(all.filter((s) => onTime(s) && s.status !== 200)).toEqual([]);
    // Sent after deadline + grace: refused as late, always.
    expect(late.length).toBeGreaterThanOrEqual(PARTICIPANTS / 10);
    expect(new Set(late.map((s) => s.viaSocket))).toEqual(new Set([true, false]));
    for (const s of late) expect([s.status, s.code]).toEqual([409, 'ATTEMPT_TIME_UP']);
    // Otherwise acknowledged, or refused as late or as already submitted: nothing else.
    expect(
      all.filter(
        (s) =>
          s.status !== 200 &&
          !(s.status === 409 && ['ATTEMPT_TIME_UP', 'ATTEMPT_SUBMITTED'].includes(s.code ?? '')),
      ),
    ).toEqual([]);
    for (const p of people) {
      const attempt = p.attempt;
      const submit = submits.get(attempt?.id ?? '');
      if (p.behaviour === 'never') {
        expect(submit).toBeUndefined();
        continue;
      }
      if (!submit || !attempt) throw new Error(`participant ${p.index} did not submit`);
      // On time: submitted with the prediction as given. Past deadline + grace: submitted
      // automatically at the deadline, the late prediction dropped.
      if (submit.result.status === 'submitted')
        expect(Date.parse(submit.result.submittedAt)).toBeLessThanOrEqual(closesAt);
      else expect(submit.result).toMatchObject({ prediction: null, submittedAt: attempt.deadline });
      if (onTime(submit))
        expect(submit.result).toMatchObject({ status: 'submitted', prediction: p.prediction });
    }
  }, 150_000);

  it('closes by itself: every acknowledged answer is stored as last acknowledged, every attempt graded', async () => {
    let status = '';
    const waiting = Date.now();
    for (let i = 0; i < 120 && status !== 'closed'; i++) {
      await sleep(500);
      status = (await admin.get(`/api/rounds/${roundId}`)).body.status as string;
    }
    expect(status).toBe('closed');
    note(
      `closed ${Date.now() - closesAt} ms after the closing time (waited ${Date.now() - waiting} ms)`,
    );

    const attempts = await dbQuery<{
      id: string;
      participant_id: string;
      status: string;
      items: { questionId: string; optionOrder: number[] }[];
      started_at: Date;
      submitted_at: Date | null;
      score: string | null;
      correct_count: number | null;
      perfect: boolean | null;
      prediction: string | null;
    }>(
      `SELECT id, participant_id, status, items, started_at, submitted_at, score, correct_count,
              perfect, prediction
         FROM attempts WHERE round_id = $1`,
      [roundId],
    );
    expect(attempts).toHaveLength(PARTICIPANTS);
    const stored = await dbQuery<{
      attempt_id: string;
      position: number;
      chosen: number[];
      saved_at: Date;
    }>(
      `SELECT a.attempt_id, a.position, a.chosen, a.saved_at
         FROM attempt_answers a JOIN attempts t ON t.id = a.attempt_id WHERE t.round_id = $1`,
      [roundId],
    );
    const storedBy = new Map<string, { chosen: number[]; savedAt: string }>();
    for (const r of stored)
      storedBy.set(`${r.attempt_id}/${r.position}`, {
        chosen: r.chosen,
        savedAt: r.saved_at.toISOString(),
      });

    const expected: { key: string; chosen: number[]; savedAt: string | null }[] = [];
    for (const a of attempts) {
      // (b) graded, and submitted by the server at the deadline when nobody else did.
      expect(a.status).not.toBe('in_progress');
      expect(a.score).not.toBeNull();
      expect(a.submitted_at).not.toBeNull();
      if (!submits.has(a.id)) {
        expect(a.status).toBe('auto_submitted');
        expect(a.submitted_at?.getTime()).toBe(closesAt);
      }
      // (a) the last acknowledged choice of each position, in original option indexes.
      const last = new Map<number, SaveRecord>();
      for (const s of saves.get(a.id) ?? []) if (s.status === 200) last.set(s.position, s);
      for (const [position, s] of last) {
        const order = a.items.at(position)?.optionOrder ?? [];
        expected.push({
          key: `${a.id}/${position}`,
          chosen: sorted(s.chosen.map((c) => order.at(c) ?? -1)),
          savedAt: s.savedAt,
        });
      }
    }
    expect(stored).toHaveLength(expected.length);
    for (const e of expected) expect({ key: e.key, ...storedBy.get(e.key) }).toEqual(e);
  }, 60_000);

  it('ranks exactly like an independent recomputation from the key and the acknowledged answers', async () => {
    const attempts = await dbQuery<{
      id: string;
      items: { questionId: string; optionOrder: number[] }[];
      score: string;
      perfect: boolean;
    }>(`SELECT id, items, score, perfect FROM attempts WHERE round_id = $1`, [roundId]);

    interface Expected {
      attemptId: string;
      score: number;
      perfect: boolean;
      prediction: number | null;
      durationMs: number;
      submittedAt: number;
      error: number | null;
      rank: number;
    }
    const rows: Expected[] = attempts.map((a) => {
      const person = people.find((p) => p.attempt?.id === a.id);
      const attempt = person?.attempt;
      if (!person || !attempt) throw new Error(`unknown attempt ${a.id}`);
      const last = new Map<number, number[]>();
      for (const s of saves.get(a.id) ?? []) if (s.status === 200) last.set(s.position, s.chosen);
      let score = 0;
      for (const [position, item] of a.items.entries()) {
        const chosen = last.get(position);
        const key = byId.get(item.questionId)?.correct;
        if (!chosen || !key) continue;
        if (
          sameSet(
            chosen.map((c) => item.optionOrder.at(c) ?? -1),
            key,
          )
        )
          score++;
      }
      const submit = submits.get(a.id);
      const submittedAt = submit
        ? Date.parse(submit.result.submittedAt)
        : Date.parse(attempt.deadline);
      // A submission that reached the server after deadline + grace counts as automatic.
      const prediction = submit && submit.result.status === 'submitted' ? person.prediction : null;
      return {
        attemptId: a.id,
        score,
        perfect: score === QUESTIONS,
        prediction,
        durationMs: submittedAt - Date.parse(attempt.startedAt),
        submittedAt,
        error: null,
        rank: 0,
      };
    });
    const trueValue = rows.filter((r) => r.perfect).length;
    for (const r of rows)
      r.error = r.prediction === null ? null : Math.abs(r.prediction - trueValue);
    // A missing prediction ranks after every given one.
    const byError = (a: number | null, b: number | null) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;
    const ordered = [...rows].sort(
      (a, b) =>
        b.score - a.score ||
        byError(a.error, b.error) ||
        a.durationMs - b.durationMs ||
        a.submittedAt - b.submittedAt,
    );
    for (const [i, r] of ordered.entries()) {
      const previous = ordered.at(i - 1);
      r.rank = i > 0 && previous && keysEqual(previous, r) ? previous.rank : i + 1;
    }
    function keysEqual(a: Expected, b: Expected): boolean {
      return (
        a.score === b.score &&
        a.error === b.error &&
        a.durationMs === b.durationMs &&
        a.submittedAt === b.submittedAt
      );
    }

    // The server's own grades agree with the recomputation.
    for (const a of attempts) {
      const e = rows.find((r) => r.attemptId === a.id);
      expect({ id: a.id, score: Number(a.score), perfect: a.perfect }).toEqual({
        id: a.id,
        score: e?.score,
        perfect: e?.perfect,
      });
    }

    const res = await admin.get(`/api/rounds/${roundId}/ranking`).query({ limit: 500 });
    expect(res.status).toBe(200);
    const ranking = res.body as RankingView;
    expect(ranking).toMatchObject({ provisional: false, trueValue, total: PARTICIPANTS });
    expect(ranking.rows).toHaveLength(PARTICIPANTS);
    note(
      `true value ${trueValue}; scores ${JSON.stringify(countBy(rows.map((r) => r.score)))}; ` +
        `shared ranks ${ordered.filter((r, i) => ordered.at(i - 1)?.rank === r.rank && i > 0).length}`,
    );
    const server = ranking.rows.map((r) => ({
      attemptId: r.attemptId,
      rank: r.rank,
      score: r.score,
      predictionError: r.predictionError,
      durationMs: r.durationMs,
      submittedAt: Date.parse(r.submittedAt),
    }));
    const mine = ordered.map((r) => ({
      attemptId: r.attemptId,
      rank: r.rank,
      score: r.score,
      predictionError: r.error,
      durationMs: r.durationMs,
      submittedAt: r.submittedAt,
    }));
    // Same rows in the same rank order; rows sharing a rank may come in any order.
    const byRank = (list: typeof mine) =>
      [...list].sort((a, b) => a.rank - b.rank || a.attemptId.localeCompare(b.attemptId));
    expect(byRank(server)).toEqual(byRank(mine));
    expect(server.map((r) => r.rank)).toEqual(mine.map((r) => r.rank));
  }, 60_000);
});

function countBy(values: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
