import { Client } from 'pg';
import type { TieBreakKey } from '../../src/rounds/domain/ranking';
import { StandingsRepository } from '../../src/rounds/standings.repository';
import type { ParticipantGroup } from '../../src/shared/rounds';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The live rank within a score ("rows of the same score strictly before this one") is counted
 * one index range per ask, or, for a batch of asks (a deadline's submits), in one pass over the
 * rows of their scores. Both must give the count a plain recomputation gives, with ties at
 * every level of the chain, per group, and for another order of the chain.
 */

interface Row {
  group: ParticipantGroup;
  score: number;
  durationMs: number;
  submittedAt: Date;
}

const BASE = Date.parse('2026-12-07T08:00:00.000Z');

/** Rows strictly before `ask` within its score, on `rest` (the chain after the score). */
function recount(
  rows: readonly Row[],
  ask: Row,
  group: ParticipantGroup | null,
  rest: readonly ('duration' | 'submittedAt')[],
): number {
  const key = (r: Row, k: 'duration' | 'submittedAt') =>
    k === 'duration' ? r.durationMs : r.submittedAt.getTime();
  return rows.filter((r) => {
    if (r.score !== ask.score || (group !== null && r.group !== group)) return false;
    for (const k of rest) {
      if (key(r, k) !== key(ask, k)) return key(r, k) < key(ask, k);
    }
    return false;
  }).length;
}

describe('rank within a score: one range per ask, or one pass per batch', () => {
  let t: TestApp;
  let repo: StandingsRepository;
  let roundId: string;
  const rows: Row[] = [];
  /** The participant of each row of `rows`. */
  const participantIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SEED_SAMPLE_DATA: 'true' });
    repo = t.app.get(StandingsRepository);
    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    try {
      const round = await db.query<{ id: string; contest_id: string }>(
        'SELECT id, contest_id FROM rounds LIMIT 1',
      );
      roundId = round.rows[0].id;
      // 240 standings: 4 scores, 3 durations, 4 submission times, 2 groups: many full ties.
      for (let i = 0; i < 240; i++)
        rows.push({
          group: i % 2 === 0 ? 'civil_servant' : 'citizen',
          score: [10, 7.5, 5, 0][i % 4],
          durationMs: 60_000 + 1000 * (Math.floor(i / 4) % 3),
          submittedAt: new Date(BASE + 1000 * (Math.floor(i / 12) % 4)),
        });
      await db.query(
        `WITH input AS (
           SELECT * FROM unnest($3::text[], $4::numeric[], $5::int[], $6::timestamptz[])
                    WITH ORDINALITY AS i(grp, score, duration_ms, submitted_at, n)
         ), people AS (
           INSERT INTO participants (contest_id, full_name, birth_year, gender, phone,
                                     participant_group, password_hash, consent_at)
           SELECT $2, 'Người dự thi ' || n, 1980, 'female', '07' || lpad(n::text, 8, '0'), grp,
                  'x', now()
             FROM input
           RETURNING id, phone
         ), attempts_in AS (
           INSERT INTO attempts (round_id, participant_id, number, seed, items, started_at,
                                 deadline, submitted_at, status, score, max_score,
                                 correct_count, perfect, duration_ms)
           SELECT $1, p.id, 1, 0, '[]'::jsonb,
                  i.submitted_at - i.duration_ms * interval '1 millisecond',
                  i.submitted_at + interval '1 hour', i.submitted_at, 'submitted', i.score, 10, 0,
                  i.score = 10, i.duration_ms
             FROM input i JOIN people p ON p.phone = '07' || lpad(i.n::text, 8, '0')
           RETURNING id, participant_id, score, duration_ms, started_at, submitted_at
         )
         INSERT INTO round_standings (round_id, participant_id, participant_group, attempt_id,
                                      score, max_score, perfect, duration_ms, started_at,
                                      submitted_at)
         SELECT $1, a.participant_id, i.grp, a.id, a.score, 10, a.score = 10, a.duration_ms,
                a.started_at, a.submitted_at
           FROM attempts_in a JOIN people p ON p.id = a.participant_id
           JOIN input i ON p.phone = '07' || lpad(i.n::text, 8, '0')`,
        [
          roundId,
          round.rows[0].contest_id,
          rows.map((r) => r.group),
          rows.map((r) => r.score),
          rows.map((r) => r.durationMs),
          rows.map((r) => r.submittedAt),
        ],
      );
      const people = await db.query<{ id: string; phone: string }>(
        `SELECT id, phone FROM participants WHERE phone LIKE '07%'`,
      );
      const byPhone = new Map(people.rows.map((p) => [p.phone, p.id]));
      rows.forEach((_, i) =>
        participantIds.push(byPhone.get(`07${String(i + 1).padStart(8, '0')}`) ?? ''),
      );
    } finally {
      await db.end();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  // Asks: every stored row, and keys between and beyond them (a score nobody has).
  const asks = (): Row[] => [
    ...rows,
    { group: 'citizen', score: 7.5, durationMs: 60_500, submittedAt: new Date(BASE + 500) },
    { group: 'citizen', score: 5, durationMs: 59_000, submittedAt: new Date(BASE) },
    { group: 'civil_servant', score: 10, durationMs: 99_000, submittedAt: new Date(BASE + 9000) },
    { group: 'civil_servant', score: 2.5, durationMs: 61_000, submittedAt: new Date(BASE) },
  ];

  const chains: [TieBreakKey[], ('duration' | 'submittedAt')[]][] = [
    [
      ['score', 'prediction', 'duration', 'submittedAt'],
      ['duration', 'submittedAt'],
    ],
    [
      ['score', 'submittedAt', 'duration'],
      ['submittedAt', 'duration'],
    ],
    [['score', 'prediction'], []],
  ];

  it.each(chains)(
    'chain %j: a batch counts as the ranges do, and as a recount',
    async (chain, rest) => {
      for (const group of [null, 'citizen'] as const) {
        const expected = asks().map((ask) => recount(rows, ask, group, rest));
        // All at once: batches of many asks (one pass each).
        const together = await Promise.all(
          asks().map((ask) => repo.countBeforeWithinScore(roundId, group, chain, ask)),
        );
        expect(together).toEqual(expected);
        // One at a time: one index range each.
        const oneByOne: number[] = [];
        for (const ask of asks().slice(0, 40))
          oneByOne.push(await repo.countBeforeWithinScore(roundId, group, chain, ask));
        expect(oneByOne).toEqual(expected.slice(0, 40));
      }
      // Ties at every level exist, so "strictly before" is tested, not only "before".
      expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBeLessThan(rows.length);
    },
  );

  it.each(chains)(
    'chain %j: a standing read with its count within the score agrees with a recount',
    async (chain, rest) => {
      for (const group of [null, 'citizen', 'civil_servant'] as const)
        for (const [i, row] of rows.entries()) {
          const found = await repo.findStandingWithinScore(
            roundId,
            participantIds[i],
            group,
            chain,
          );
          expect(found?.standing).toMatchObject({
            participantId: participantIds[i],
            score: row.score,
            durationMs: row.durationMs,
            submittedAt: row.submittedAt,
          });
          expect(found?.before).toBe(recount(rows, row, group, rest));
        }
      const stranger = '00000000-0000-4000-8000-000000000000';
      await expect(
        repo.findStandingWithinScore(roundId, stranger, null, chain),
      ).resolves.toBeNull();
    },
  );
});
