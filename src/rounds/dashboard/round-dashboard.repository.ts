import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ParticipantGroup } from '../../shared/rounds';
import { RoundEntity } from '../entities/round.entity';
import type { UnitScoreCount } from './dashboard';

export interface AttemptCounts {
  started: number;
  inProgress: number;
  submitted: number;
  autoSubmitted: number;
  /** Distinct people with at least one attempt. */
  participants: number;
  /** Largest maximum score of a graded attempt; null before the first. */
  maxScoreSeen: number | null;
}

export interface GroupCounts {
  group: ParticipantGroup;
  registered: number;
  started: number;
  /** From the standings: people with a counted attempt, their scores' sum, perfect ones. */
  submitted: number;
  scoreSum: number;
  perfect: number;
}

const int = (value: string | number | null): number => (value === null ? 0 : Number(value));

/**
 * The dashboard's aggregates. Everything is counted in SQL (GROUP BY, width_bucket over the
 * round's standings and attempts, both indexed by round): a round of 100 000 attempts sends
 * back a few dozen rows. Run them in one read-only snapshot (`inSnapshot`) so the figures agree.
 */
@Injectable()
export class RoundDashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in a REPEATABLE READ, read-only transaction: one consistent snapshot. */
  inSnapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return work(m);
    });
  }

  findRound(id: string, m: EntityManager): Promise<RoundEntity | null> {
    return m.findOneBy(RoundEntity, { id });
  }

  async findContestName(contestId: string, m: EntityManager): Promise<string> {
    const rows = await m.query<{ name: string }[]>(`SELECT name FROM contests WHERE id = $1`, [
      contestId,
    ]);
    return rows.at(0)?.name ?? '';
  }

  async countAttempts(roundId: string, m: EntityManager): Promise<AttemptCounts> {
    const rows = await m.query<
      {
        started: string;
        in_progress: string;
        submitted: string;
        auto_submitted: string;
        participants: string;
        max_score: string | null;
      }[]
    >(
      `SELECT count(*) AS started,
              count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
              count(*) FILTER (WHERE status = 'submitted') AS submitted,
              count(*) FILTER (WHERE status = 'auto_submitted') AS auto_submitted,
              count(DISTINCT participant_id) AS participants,
              max(max_score) AS max_score
         FROM attempts
        WHERE round_id = $1`,
      [roundId],
    );
    const r = rows[0];
    return {
      started: int(r.started),
      inProgress: int(r.in_progress),
      submitted: int(r.submitted),
      autoSubmitted: int(r.auto_submitted),
      participants: int(r.participants),
      maxScoreSeen: r.max_score === null ? null : Number(r.max_score),
    };
  }

  /** Per participant group: registered in the contest, started the round, counted standings. */
  async countByGroup(roundId: string, contestId: string, m: EntityManager): Promise<GroupCounts[]> {
    const rows = await m.query<
      {
        grp: ParticipantGroup;
        registered: string | null;
        started: string | null;
        submitted: string | null;
        score_sum: string | null;
        perfect: string | null;
      }[]
    >(
      `WITH registered AS (
         SELECT participant_group AS grp, count(*) AS n FROM participants
          WHERE contest_id = $2 GROUP BY 1
       ), started AS (
         SELECT p.participant_group AS grp, count(DISTINCT a.participant_id) AS n
           FROM attempts a JOIN participants p ON p.id = a.participant_id
          WHERE a.round_id = $1 GROUP BY 1
       ), standings AS (
         SELECT participant_group AS grp, count(*) AS n, sum(score) AS score_sum,
                count(*) FILTER (WHERE perfect) AS perfect
           FROM round_standings WHERE round_id = $1 GROUP BY 1
       )
       SELECT g.grp, r.n AS registered, s.n AS started, t.n AS submitted, t.score_sum, t.perfect
         FROM (SELECT grp FROM registered UNION SELECT grp FROM started UNION SELECT grp FROM standings) g
         LEFT JOIN registered r ON r.grp = g.grp
         LEFT JOIN started s ON s.grp = g.grp
         LEFT JOIN standings t ON t.grp = g.grp
        ORDER BY g.grp`,
      [roundId, contestId],
    );
    return rows.map((r) => ({
      group: r.grp,
      registered: int(r.registered),
      started: int(r.started),
      submitted: int(r.submitted),
      scoreSum: r.score_sum === null ? 0 : Number(r.score_sum),
      perfect: int(r.perfect),
    }));
  }

  /** Counted attempts per score bucket: width_bucket clamped into 1..count. */
  async scoreBuckets(
    roundId: string,
    spec: { low: number; high: number; count: number },
    m: EntityManager,
  ): Promise<Map<number, number>> {
    return this.buckets(
      `SELECT LEAST(GREATEST(width_bucket(score, $2::numeric, $3::numeric, $4::int), 1), $4::int) AS bucket,
              count(*) AS n
         FROM round_standings WHERE round_id = $1 GROUP BY 1`,
      [roundId, spec.low, spec.high, spec.count],
      m,
    );
  }

  /** Counted attempts per duration bucket, 0 to the time limit; longer ones in the last. */
  async durationBuckets(
    roundId: string,
    limitMs: number,
    count: number,
    m: EntityManager,
  ): Promise<Map<number, number>> {
    return this.buckets(
      `SELECT LEAST(GREATEST(width_bucket(duration_ms, 0, $2::int, $3::int), 1), $3::int) AS bucket,
              count(*) AS n
         FROM round_standings WHERE round_id = $1 GROUP BY 1`,
      [roundId, limitMs, count],
      m,
    );
  }

  /** People with a counted attempt per (unit, score): few rows (units × distinct scores). */
  async countByUnitAndScore(roundId: string, m: EntityManager): Promise<UnitScoreCount[]> {
    const rows = await m.query<{ unit_id: string | null; score: string; n: string }[]>(
      `SELECT p.unit_id, s.score, count(*) AS n
         FROM round_standings s JOIN participants p ON p.id = s.participant_id
        WHERE s.round_id = $1
        GROUP BY 1, 2`,
      [roundId],
    );
    return rows.map((r) => ({ unitId: r.unit_id, score: Number(r.score), count: int(r.n) }));
  }

  private async buckets(
    sql: string,
    params: unknown[],
    m: EntityManager,
  ): Promise<Map<number, number>> {
    const rows = await m.query<{ bucket: number | string; n: string }[]>(sql, params);
    return new Map(rows.map((r) => [Number(r.bucket), int(r.n)]));
  }
}
