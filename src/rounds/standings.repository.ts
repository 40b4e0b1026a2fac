import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ParticipantGroup, PrizeTierName } from '../shared/rounds';
import { CountPolicy, DEFAULT_TIE_BREAK_CHAIN, TieBreakKey } from './domain/ranking';
import { GroupCommit } from '../database/group-commit';

/** One participant's counted attempt in a round, as the ranking needs it. */
export interface StandingRow {
  participantId: string;
  attemptId: string;
  participantGroup: ParticipantGroup;
  score: number;
  maxScore: number;
  perfect: boolean;
  prediction: number | null;
  durationMs: number;
  startedAt: Date;
  submittedAt: Date;
  predictionError: number | null;
  finalRank: number | null;
  groupRank: number | null;
  prize: PrizeTierName | null;
}

/** A standing joined with the person: what leaderboards, rankings and exports show. */
export interface StandingWithPerson extends StandingRow {
  fullName: string;
  phone: string;
  cccd: string | null;
  unit: string | null;
  birthYear: number;
}

/** What `computeResults` writes for one participant. */
export interface FinalStanding {
  participantId: string;
  predictionError: number | null;
  finalRank: number;
  groupRank: number;
  prize: PrizeTierName | null;
}

/** What a landed grade did to the participant's standing (for in-memory score counts). */
export interface StandingChange {
  roundId: string;
  participantGroup: ParticipantGroup;
  /** The counted score before, null when the participant had no standing yet. */
  previousScore: number | null;
  /** The counted score now, null when the new attempt did not replace the counted one. */
  score: number | null;
}

export interface Grade {
  score: number;
  maxScore: number;
  correctCount: number;
  perfect: boolean;
  durationMs: number;
}

/** The participant's counted attempt in the round, as a rank needs it. */
export interface CountedStanding {
  attemptId: string;
  score: number;
  durationMs: number;
  submittedAt: Date;
  finalRank: number | null;
}

/** A grade that landed: the standing change, and what a submit replies with. */
export interface LandedGrade extends StandingChange {
  /** The grade as stored (numeric columns read back). */
  grade: Grade;
  /**
   * The participant's counted standing once the statement ran: the new attempt's when it
   * replaced (or was the first), otherwise the one it did not beat. Null only if neither could
   * be read (a concurrent grade of the same participant in that instant).
   */
  counted: CountedStanding | null;
}

interface RawStanding {
  participant_id: string;
  attempt_id: string;
  participant_group: ParticipantGroup;
  score: string;
  max_score: string;
  perfect: boolean;
  prediction: string | null;
  duration_ms: number;
  started_at: Date;
  submitted_at: Date;
  prediction_error: string | null;
  final_rank: number | null;
  group_rank: number | null;
  prize: PrizeTierName | null;
  full_name?: string;
  phone?: string;
  cccd?: string | null;
  unit?: string | null;
  birth_year?: number;
}

const STANDING_COLUMNS = `s.participant_id, s.attempt_id, s.participant_group, s.score, s.max_score,
  s.perfect, s.prediction, s.duration_ms, s.started_at, s.submitted_at, s.prediction_error,
  s.final_rank, s.group_rank, s.prize`;
const PERSON_COLUMNS = `p.full_name, coalesce(p.phone, '') AS phone, p.cccd, p.unit, p.birth_year`;

/**
 * The live order of a tie-break key, for SQL: column and direction. The prediction key is
 * absent: while a round is open its true value is unknown, so it breaks no ties.
 */
const LIVE_KEYS: Record<Exclude<TieBreakKey, 'prediction'>, { column: string; desc: boolean }> = {
  score: { column: 'score', desc: true },
  duration: { column: 'duration_ms', desc: false },
  submittedAt: { column: 'submitted_at', desc: false },
};

function liveKeys(chain: readonly TieBreakKey[]): { column: string; desc: boolean }[] {
  return chain.flatMap((k) => (k === 'prediction' ? [] : [LIVE_KEYS[k]]));
}

/**
 * SQL that is true when row `a` ranks strictly before row `b` on the chain without the
 * prediction key: (k1 better) OR (k1 equal AND (k2 better OR …)). When every key goes the same
 * way (e.g. duration then submission time, the chain after the score) it is the row comparison
 * `(a.k1, a.k2) < (b.k1, b.k2)`, which means the same for these NOT NULL columns and which
 * PostgreSQL can use as an index range (a rank within a score then visits only the rows
 * before it). Column names come from the fixed table above, never from input.
 */
export function strictlyBeforeSql(chain: readonly TieBreakKey[], a: string, b: string): string {
  const keys = liveKeys(chain);
  if (keys.length > 1 && keys.every((key) => key.desc === keys[0].desc)) {
    const columns = (row: string) => keys.map((key) => `${row}.${key.column}`).join(', ');
    return `(ROW(${columns(a)}) ${keys[0].desc ? '>' : '<'} ROW(${columns(b)}))`;
  }
  let sql = 'false';
  for (const key of [...keys].reverse()) {
    const op = key.desc ? '>' : '<';
    sql = `(${a}.${key.column} ${op} ${b}.${key.column} OR (${a}.${key.column} = ${b}.${key.column} AND ${sql}))`;
  }
  return sql;
}

/** `k1 [DESC], k2 [DESC], ` of a chain's live keys on `row`, for a longer ORDER BY. */
function restOrderSql(chain: readonly TieBreakKey[], row: string): string {
  return liveKeys(chain)
    .map((k) => `${row}.${k.column}${k.desc ? ' DESC' : ''}, `)
    .join('');
}

/** ORDER BY of the live leaderboard; `participant_id` last keeps pages stable. */
function liveOrderSql(chain: readonly TieBreakKey[]): string {
  return [
    ...liveKeys(chain).map((k) => `s.${k.column}${k.desc ? ' DESC' : ''}`),
    's.participant_id',
  ].join(', ');
}

/** Condition of the standings upsert: does the new attempt replace the counted one? */
function replacesSql(policy: CountPolicy, chain: readonly TieBreakKey[]): string {
  switch (policy) {
    case 'first':
      return 'EXCLUDED.started_at < s.started_at';
    case 'last':
      return 'EXCLUDED.started_at > s.started_at';
    case 'best': {
      // A full tie goes to the attempt started first (see `countedAttempt`).
      const keys = liveKeys(chain);
      const equal = keys.map((k) => `EXCLUDED.${k.column} = s.${k.column}`).join(' AND ');
      return `(${strictlyBeforeSql(chain, 'EXCLUDED', 's')} OR (${equal || 'true'} AND EXCLUDED.started_at < s.started_at))`;
    }
  }
}

function toStanding(r: RawStanding): StandingRow {
  return {
    participantId: r.participant_id,
    attemptId: r.attempt_id,
    participantGroup: r.participant_group,
    score: Number(r.score),
    maxScore: Number(r.max_score),
    perfect: r.perfect,
    prediction: r.prediction === null ? null : Number(r.prediction),
    durationMs: r.duration_ms,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    predictionError: r.prediction_error === null ? null : Number(r.prediction_error),
    finalRank: r.final_rank,
    groupRank: r.group_rank,
    prize: r.prize,
  };
}

function toStandingWithPerson(r: RawStanding): StandingWithPerson {
  return {
    ...toStanding(r),
    fullName: r.full_name ?? '',
    phone: r.phone ?? '',
    cccd: r.cccd ?? null,
    unit: r.unit ?? null,
    birthYear: r.birth_year ?? 0,
  };
}

/** A rank asked for: the rows before `row` within its score (see `countBeforeWithinScore`). */
interface WithinScoreAsk {
  roundId: string;
  group: ParticipantGroup | null;
  chain: readonly TieBreakKey[];
  row: Pick<StandingRow, 'score' | 'durationMs' | 'submittedAt'>;
}

/**
 * From this many ranks asked within one round at once (a deadline's batch of submits), they are
 * counted in one pass over the rows of their scores instead of one index range each: at a
 * deadline the asks of a batch spread over every duration, so each range would read about half
 * the rows of its score again.
 */
const MERGED_COUNT_MIN = 8;

/** How many rows one batched UPDATE carries when the final ranks are written. */
const WRITE_BATCH = 5000;

/**
 * `round_standings`: one row per participant and round holding the attempt that counts. The
 * grade of an attempt and its standing are written by one statement, so a crash cannot leave
 * one without the other. Leaderboards are index range scans over this table.
 */
@Injectable()
export class StandingsRepository {
  /** Counts within a score asked for together (see `countBeforeWithinScore`). */
  private readonly withinScore = new GroupCommit(
    (asks: readonly WithinScoreAsk[]) => this.countBeforeWithinScoreOf(asks),
    { maxBatch: 500 },
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the grades of several attempts of rounds with one counting policy and chain, in one
   * statement (a submit batch or a sweep). For each attempt: the grade is stored unless one is
   * stored already (two computations of the same frozen answers agree; exactly one lands) and,
   * in the same statement, the attempt becomes the participant's counted one when the round's
   * policy says it beats the current one. Returns, per attempt in order, what changed when the
   * grade landed, with the grade as stored and the participant's counted standing afterwards
   * (so a submit can reply without reading them again); null where it did not land. The
   * attempts must belong to different participants or rounds (one standing row each).
   */
  async storeGrades(
    grades: readonly { attemptId: string; grade: Grade }[],
    policy: CountPolicy,
    chain: readonly TieBreakKey[],
  ): Promise<(LandedGrade | null)[]> {
    if (grades.length === 0) return [];
    const rows = await this.dataSource.query<
      {
        kind: 'graded' | 'previous' | 'standing';
        id: string | null;
        round_id: string | null;
        participant_id: string | null;
        participant_group: ParticipantGroup | null;
        score: string;
        max_score: string | null;
        correct_count: number | null;
        perfect: boolean | null;
        duration_ms: number;
        submitted_at: Date | null;
        attempt_id: string | null;
        final_rank: number | null;
      }[]
    >(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::int[], $5::bool[],
                              $6::int[])
                  AS i(id, score, max_score, correct_count, perfect, duration_ms)
       ), graded AS (
         UPDATE attempts a
            SET score = i.score, max_score = i.max_score, correct_count = i.correct_count,
                perfect = i.perfect, duration_ms = i.duration_ms
           FROM input i
          WHERE a.id = i.id AND a.score IS NULL
        RETURNING a.id, a.round_id, a.participant_id, a.score, a.max_score, a.correct_count,
                  a.perfect, a.prediction, a.duration_ms, a.started_at, a.submitted_at
       ), previous AS MATERIALIZED (
         -- Materialized: inlined, the planner (which guesses one row per CTE) ran it once per
         -- graded attempt, 32,000 index probes for a batch of 180 (docs/benchmarks.md).
         SELECT g.id AS graded_id, s.attempt_id, s.score, s.duration_ms, s.submitted_at,
                s.final_rank
           FROM round_standings s JOIN graded g
             ON s.round_id = g.round_id AND s.participant_id = g.participant_id
       ), standing AS (
         INSERT INTO round_standings AS s
                (round_id, participant_id, participant_group, attempt_id, score, max_score, perfect,
                 prediction, duration_ms, started_at, submitted_at, updated_at)
         SELECT g.round_id, g.participant_id, p.participant_group, g.id, g.score, g.max_score,
                g.perfect, g.prediction, g.duration_ms, g.started_at, g.submitted_at, now()
           FROM graded g JOIN participants p ON p.id = g.participant_id
         ON CONFLICT (round_id, participant_id) DO UPDATE
            SET attempt_id = EXCLUDED.attempt_id, score = EXCLUDED.score,
                max_score = EXCLUDED.max_score, perfect = EXCLUDED.perfect,
                prediction = EXCLUDED.prediction, duration_ms = EXCLUDED.duration_ms,
                started_at = EXCLUDED.started_at, submitted_at = EXCLUDED.submitted_at,
                updated_at = now()
          WHERE ${replacesSql(policy, chain)}
         RETURNING s.round_id, s.participant_id, s.attempt_id, s.score, s.duration_ms,
                   s.submitted_at, s.final_rank
       )
       -- Three kinds of rows, matched up by the caller: joined here, the CTEs (which the
       -- planner guesses at one row each) were a nested loop, batch × batch comparisons.
       SELECT 'graded' AS kind, g.id, g.round_id, g.participant_id, p.participant_group,
              g.score, g.max_score, g.correct_count, g.perfect, g.duration_ms,
              NULL::timestamptz AS submitted_at, NULL::uuid AS attempt_id, NULL::int AS final_rank
         FROM graded g JOIN participants p ON p.id = g.participant_id
       UNION ALL
       SELECT 'previous', pv.graded_id, NULL, NULL, NULL, pv.score, NULL, NULL, NULL,
              pv.duration_ms, pv.submitted_at, pv.attempt_id, pv.final_rank
         FROM previous pv
       UNION ALL
       SELECT 'standing', NULL, st.round_id, st.participant_id, NULL, st.score, NULL, NULL, NULL,
              st.duration_ms, st.submitted_at, st.attempt_id, st.final_rank
         FROM standing st`,
      [
        grades.map((g) => g.attemptId),
        grades.map((g) => g.grade.score),
        grades.map((g) => g.grade.maxScore),
        grades.map((g) => g.grade.correctCount),
        grades.map((g) => g.grade.perfect),
        grades.map((g) => g.grade.durationMs),
      ],
    );
    const graded = new Map<string, (typeof rows)[number]>();
    const previous = new Map<string, (typeof rows)[number]>();
    const standing = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      if (r.kind === 'graded' && r.id) graded.set(r.id, r);
      else if (r.kind === 'previous' && r.id) previous.set(r.id, r);
      else if (r.kind === 'standing') standing.set(`${r.round_id}:${r.participant_id}`, r);
    }
    return grades.map(({ attemptId }) => {
      const g = graded.get(attemptId);
      if (!g?.round_id || !g.participant_group) return null;
      const pv = previous.get(attemptId);
      const st = standing.get(`${g.round_id}:${g.participant_id}`);
      // The counted standing: the new row when the attempt replaced (or was the first),
      // otherwise the one it did not beat.
      const counted = st ?? pv;
      return {
        roundId: g.round_id,
        participantGroup: g.participant_group,
        previousScore: pv ? Number(pv.score) : null,
        score: st ? Number(st.score) : null,
        grade: {
          score: Number(g.score),
          maxScore: Number(g.max_score),
          correctCount: g.correct_count ?? 0,
          perfect: g.perfect ?? false,
          durationMs: g.duration_ms,
        },
        counted:
          counted?.attempt_id && counted.submitted_at
            ? {
                attemptId: counted.attempt_id,
                score: Number(counted.score),
                durationMs: counted.duration_ms,
                submittedAt: counted.submitted_at,
                finalRank: counted.final_rank,
              }
            : null,
      };
    });
  }

  /** How many participants have each counted score, per group: the rank counts' base. */
  async scoreCounts(
    roundId: string,
  ): Promise<{ group: ParticipantGroup; score: number; n: number }[]> {
    const rows = await this.dataSource.query<
      { participant_group: ParticipantGroup; score: string; n: number }[]
    >(
      `SELECT participant_group, score, count(*)::int AS n FROM round_standings
        WHERE round_id = $1 GROUP BY participant_group, score`,
      [roundId],
    );
    return rows.map((r) => ({ group: r.participant_group, score: Number(r.score), n: r.n }));
  }

  /**
   * Rows with the same score as `row` that rank before it on the rest of the chain: an index
   * range within one score of `ix_round_standings_live(_group)`. The counts asked for together
   * (a batch of submits replying with their ranks) are counted by one statement per round,
   * group and chain.
   */
  countBeforeWithinScore(
    roundId: string,
    group: ParticipantGroup | null,
    chain: readonly TieBreakKey[],
    row: Pick<StandingRow, 'score' | 'durationMs' | 'submittedAt'>,
  ): Promise<number> {
    return this.withinScore.add({ roundId, group, chain, row });
  }

  private async countBeforeWithinScoreOf(asks: readonly WithinScoreAsk[]): Promise<number[]> {
    const counts: number[] = asks.map(() => 0);
    const groups = new Map<string, number[]>();
    asks.forEach((ask, i) => {
      const key = JSON.stringify([ask.roundId, ask.group, ask.chain]);
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    });
    await Promise.all(
      [...groups.values()].map(async (indexes) => {
        const { roundId, group, chain } = asks[indexes[0]];
        const rows = indexes.map((i) => asks[i].row);
        const rest = chain.filter((k) => k !== 'score');
        const found = await this.dataSource.query<{ n: number; before: number }[]>(
          rows.length >= MERGED_COUNT_MIN
            ? // One pass: the rows of the asked scores and the asks, in chain order (an ask
              // before the rows with its very keys: only rows strictly before are counted);
              // each ask's count is the number of rows ahead of it.
              `WITH m AS (
                 SELECT * FROM unnest($2::numeric[], $3::int[], $4::timestamptz[])
                          WITH ORDINALITY AS m(score, duration_ms, submitted_at, n)
               ), merged AS (
                 SELECT NULL::bigint AS n, s.score, s.duration_ms, s.submitted_at, 1 AS stored
                   FROM round_standings s
                  WHERE s.round_id = $1 ${group ? 'AND s.participant_group = $5' : ''}
                    AND s.score IN (SELECT DISTINCT score FROM m)
                 UNION ALL
                 SELECT m.n, m.score, m.duration_ms, m.submitted_at, 0 FROM m
               ), counted AS (
                 SELECT s.n, s.stored,
                        count(*) FILTER (WHERE s.stored = 1) OVER (
                          PARTITION BY s.score ORDER BY ${restOrderSql(rest, 's')} s.stored
                          ROWS UNBOUNDED PRECEDING) AS before
                   FROM merged s
               )
               SELECT n::int AS n, before::int AS before FROM counted WHERE stored = 0`
            : `SELECT m.n::int AS n,
                  (SELECT count(*)::int FROM round_standings s
                    WHERE s.round_id = $1 ${group ? 'AND s.participant_group = $5' : ''}
                      AND s.score = m.score AND ${strictlyBeforeSql(rest, 's', 'm')}) AS before
             FROM unnest($2::numeric[], $3::int[], $4::timestamptz[])
                  WITH ORDINALITY AS m(score, duration_ms, submitted_at, n)`,
          [
            roundId,
            rows.map((r) => r.score),
            rows.map((r) => r.durationMs),
            rows.map((r) => r.submittedAt),
            ...(group ? [group] : []),
          ],
        );
        for (const f of found) counts[indexes[f.n - 1]] = f.before;
      }),
    );
    return counts;
  }

  /** The counted attempt of one participant in a round. */
  async findStanding(roundId: string, participantId: string): Promise<StandingWithPerson | null> {
    const rows = await this.dataSource.query<RawStanding[]>(
      `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS}
         FROM round_standings s JOIN participants p ON p.id = s.participant_id
        WHERE s.round_id = $1 AND s.participant_id = $2`,
      [roundId, participantId],
    );
    const r = rows.at(0);
    return r ? toStandingWithPerson(r) : null;
  }

  /**
   * A participant's standing with, in the same statement, how many rows of the same score (in
   * `group`, or overall) rank strictly before it on the rest of `chain`: "my rank" on a live
   * leaderboard is then this plus the higher scores from the in-memory counts, one round trip.
   * The count is an index range of `ix_round_standings_live` / `_live_group` (the row comparison
   * of `strictlyBeforeSql`).
   */
  async findStandingWithinScore(
    roundId: string,
    participantId: string,
    group: ParticipantGroup | null,
    chain: readonly TieBreakKey[],
  ): Promise<{ standing: StandingWithPerson; before: number } | null> {
    const rest = chain.filter((k) => k !== 'score');
    const rows = await this.dataSource.query<(RawStanding & { before: number })[]>(
      `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS},
              (SELECT count(*)::int FROM round_standings o
                WHERE o.round_id = s.round_id ${group ? 'AND o.participant_group = $3' : ''}
                  AND o.score = s.score AND ${strictlyBeforeSql(rest, 'o', 's')}) AS before
         FROM round_standings s JOIN participants p ON p.id = s.participant_id
        WHERE s.round_id = $1 AND s.participant_id = $2`,
      group ? [roundId, participantId, group] : [roundId, participantId],
    );
    const r = rows.at(0);
    return r ? { standing: toStandingWithPerson(r), before: r.before } : null;
  }

  /**
   * A page of the live (provisional) ranking in chain order: an index range scan of
   * `ix_round_standings_live` / `_live_group` for the default chain.
   */
  async pageLive(
    roundId: string,
    group: ParticipantGroup | null,
    chain: readonly TieBreakKey[],
    limit: number,
    offset: number,
  ): Promise<StandingWithPerson[]> {
    const rows = await this.dataSource.query<RawStanding[]>(
      `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS}
         FROM round_standings s JOIN participants p ON p.id = s.participant_id
        WHERE s.round_id = $1 ${group ? 'AND s.participant_group = $4' : ''}
        ORDER BY ${group ? 's.participant_group, ' : ''}${liveOrderSql(chain)}
        LIMIT $2 OFFSET $3`,
      group ? [roundId, limit, offset, group] : [roundId, limit, offset],
    );
    return rows.map(toStandingWithPerson);
  }

  /**
   * The competition rank of a live row: 1 + the rows strictly before it. A count over an
   * index range, not a rank() over the round.
   */
  async liveRankOf(
    roundId: string,
    group: ParticipantGroup | null,
    chain: readonly TieBreakKey[],
    row: Pick<StandingRow, 'score' | 'durationMs' | 'submittedAt'>,
  ): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM round_standings s,
              (SELECT $2::numeric AS score, $3::int AS duration_ms, $4::timestamptz AS submitted_at) m
        WHERE s.round_id = $1 ${group ? 'AND s.participant_group = $5' : ''}
          AND ${strictlyBeforeSql(chain, 's', 'm')}`,
      group
        ? [roundId, row.score, row.durationMs, row.submittedAt, group]
        : [roundId, row.score, row.durationMs, row.submittedAt],
    );
    return (rows.at(0)?.n ?? 0) + 1;
  }

  /** A page of the final ranking (overall by `final_rank`, a group by `group_rank`). */
  async pageFinal(
    roundId: string,
    group: ParticipantGroup | null,
    limit: number,
    offset: number,
  ): Promise<StandingWithPerson[]> {
    const rows = await this.dataSource.query<RawStanding[]>(
      group
        ? `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS}
             FROM round_standings s JOIN participants p ON p.id = s.participant_id
            WHERE s.round_id = $1 AND s.participant_group = $4 AND s.group_rank IS NOT NULL
            ORDER BY s.participant_group, s.group_rank, s.participant_id LIMIT $2 OFFSET $3`
        : `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS}
             FROM round_standings s JOIN participants p ON p.id = s.participant_id
            WHERE s.round_id = $1 AND s.final_rank IS NOT NULL
            ORDER BY s.final_rank, s.participant_id LIMIT $2 OFFSET $3`,
      group ? [roundId, limit, offset, group] : [roundId, limit, offset],
    );
    return rows.map(toStandingWithPerson);
  }

  /** Every standing of a round with the person, in final order: exports and prize lists. */
  async listAllWithPeople(roundId: string): Promise<StandingWithPerson[]> {
    const rows = await this.dataSource.query<RawStanding[]>(
      `SELECT ${STANDING_COLUMNS}, ${PERSON_COLUMNS}
         FROM round_standings s JOIN participants p ON p.id = s.participant_id
        WHERE s.round_id = $1
        ORDER BY s.final_rank NULLS LAST, ${liveOrderSql(DEFAULT_TIE_BREAK_CHAIN)}`,
      [roundId],
    );
    return rows.map(toStandingWithPerson);
  }

  /** Every standing of a round (no personal data): what the final ranking is computed from. */
  async listForRanking(roundId: string, manager: EntityManager): Promise<StandingRow[]> {
    const rows = await manager.query<RawStanding[]>(
      `SELECT ${STANDING_COLUMNS} FROM round_standings s WHERE s.round_id = $1`,
      [roundId],
    );
    return rows.map(toStanding);
  }

  /** Writes the final ranks, prediction errors and prizes, in batches. */
  async writeFinal(
    roundId: string,
    rows: readonly FinalStanding[],
    manager: EntityManager,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await manager.query(
        `UPDATE round_standings s
            SET prediction_error = u.prediction_error, final_rank = u.final_rank,
                group_rank = u.group_rank, prize = u.prize
           FROM unnest($2::uuid[], $3::numeric[], $4::int[], $5::int[], $6::text[])
                AS u(participant_id, prediction_error, final_rank, group_rank, prize)
          WHERE s.round_id = $1 AND s.participant_id = u.participant_id`,
        [
          roundId,
          batch.map((r) => r.participantId),
          batch.map((r) => r.predictionError),
          batch.map((r) => r.finalRank),
          batch.map((r) => r.groupRank),
          batch.map((r) => r.prize),
        ],
      );
    }
  }
}
