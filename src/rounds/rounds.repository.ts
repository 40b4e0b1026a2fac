import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Audience, Difficulty, QuestionType } from '../question-banks/domain/question';
import type {
  AttemptStatus,
  Gender,
  ParticipantAdminView,
  ParticipantGroup,
} from '../shared/rounds';
import type { PoolItem } from './domain/blueprint';
import type { RoundStatus } from './domain/deadline';
import type { PredictionKind } from './domain/prediction';
import type { CountPolicy, TieBreakKey } from './domain/ranking';
import type { ScoringPolicy } from './domain/scoring';
import { AttemptItem } from './entities/attempt.entity';
import type { AttemptExportRow } from './exports/round-workbooks';
import { ContestEntity } from './entities/contest.entity';
import { ParticipantEntity } from './entities/participant.entity';
import { RoundEntity } from './entities/round.entity';

export interface SignedInParticipant {
  id: string;
  contestId: string;
  fullName: string;
  phone: string;
  participantGroup: ParticipantGroup;
}

/** An attempt with the round settings its use cases need. */
export interface AttemptRow {
  id: string;
  roundId: string;
  participantId: string;
  number: number;
  items: AttemptItem[];
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  status: AttemptStatus;
  prediction: number | null;
  score: number | null;
  maxScore: number | null;
  correctCount: number | null;
  perfect: boolean | null;
  durationMs: number | null;
  graceMs: number;
  predictionKind: PredictionKind;
  tieBreakChain: TieBreakKey[];
}

/** An attempt this transaction has just marked submitted and must now grade. */
export interface ClaimedAttempt {
  id: string;
  items: AttemptItem[];
  startedAt: Date;
  submittedAt: Date;
  scoring: ScoringPolicy;
  countedPolicy: CountPolicy;
  tieBreakChain: TieBreakKey[];
}

/** A participant's own submission just claimed: the claim and what the reply needs. */
export interface ClaimedSubmission extends ClaimedAttempt {
  roundId: string;
  participantId: string;
  status: Exclude<AttemptStatus, 'in_progress'>;
  prediction: number | null;
}

interface RawAttempt {
  id: string;
  round_id: string;
  participant_id: string;
  number: number;
  items: AttemptItem[];
  started_at: Date;
  deadline: Date;
  submitted_at: Date | null;
  status: AttemptStatus;
  prediction: string | null;
  score: string | null;
  max_score: string | null;
  correct_count: number | null;
  perfect: boolean | null;
  duration_ms: number | null;
  grace_ms: number;
  prediction_kind: PredictionKind;
  tie_break_chain: TieBreakKey[];
}

const ATTEMPT_COLUMNS = `a.id, a.round_id, a.participant_id, a.number, a.items, a.started_at, a.deadline,
  a.submitted_at, a.status, a.prediction, a.score, a.max_score, a.correct_count, a.perfect,
  a.duration_ms, r.grace_ms, r.prediction_kind, r.tie_break_chain`;

const numberOrNull = (value: string | null): number | null =>
  value === null ? null : Number(value);

function toAttemptRow(r: RawAttempt): AttemptRow {
  return {
    id: r.id,
    roundId: r.round_id,
    participantId: r.participant_id,
    number: r.number,
    items: r.items,
    startedAt: r.started_at,
    deadline: r.deadline,
    submittedAt: r.submitted_at,
    status: r.status,
    prediction: numberOrNull(r.prediction),
    score: numberOrNull(r.score),
    maxScore: numberOrNull(r.max_score),
    correctCount: r.correct_count,
    perfect: r.perfect,
    durationMs: r.duration_ms,
    graceMs: r.grace_ms,
    predictionKind: r.prediction_kind,
    tieBreakChain: r.tie_break_chain,
  };
}

@Injectable()
export class RoundsRepository {
  /** `findRound`'s statement, built once from the entity's columns. */
  private roundSelect: string | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- contests and rounds -------------------------------------------------------------------

  insertContest(
    values: Pick<ContestEntity, 'name' | 'description' | 'requiresCccd'>,
    manager: EntityManager,
  ): Promise<ContestEntity> {
    const repo = manager.getRepository(ContestEntity);
    return repo.save(repo.create(values));
  }

  listContestsNewestFirst(): Promise<ContestEntity[]> {
    return this.dataSource.manager.find(ContestEntity, { order: { createdAt: 'DESC' } });
  }

  findContest(id: string): Promise<ContestEntity | null> {
    return this.dataSource.manager.findOneBy(ContestEntity, { id });
  }

  findContestForUpdate(id: string, manager: EntityManager): Promise<ContestEntity | null> {
    return manager
      .getRepository(ContestEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  async updateContest(
    id: string,
    values: Partial<
      Pick<
        ContestEntity,
        'name' | 'description' | 'requiresCccd' | 'isSample' | 'personalDataPurgedAt'
      >
    >,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(ContestEntity, { id }, values);
  }

  /** What a contest holds, for the audit record of its deletion. */
  async countContestContents(
    id: string,
    manager: EntityManager,
  ): Promise<{ rounds: number; participants: number; attempts: number }> {
    const rows = await manager.query<{ rounds: number; participants: number; attempts: number }[]>(
      `SELECT (SELECT count(*)::int FROM rounds WHERE contest_id = $1) AS rounds,
              (SELECT count(*)::int FROM participants WHERE contest_id = $1) AS participants,
              (SELECT count(*)::int FROM attempts a JOIN rounds r ON r.id = a.round_id
                WHERE r.contest_id = $1) AS attempts`,
      [id],
    );
    return rows.at(0) ?? { rounds: 0, participants: 0, attempts: 0 };
  }

  /** Rounds, participants, sessions, attempts and answers go with it (ON DELETE CASCADE). */
  async deleteContest(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(ContestEntity, { id });
  }

  async deleteRound(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(RoundEntity, { id });
  }

  async bankExists(id: string, manager?: EntityManager): Promise<boolean> {
    const rows = await (manager ?? this.dataSource.manager).query<unknown[]>(
      `SELECT 1 FROM question_banks WHERE id = $1`,
      [id],
    );
    return rows.length > 0;
  }

  insertRound(values: Partial<RoundEntity>, manager: EntityManager): Promise<RoundEntity> {
    const repo = manager.getRepository(RoundEntity);
    return repo.save(repo.create(values));
  }

  listRoundsByOpening(contestId: string): Promise<RoundEntity[]> {
    return this.dataSource.manager.find(RoundEntity, {
      where: { contestId },
      order: { opensAt: 'ASC', createdAt: 'ASC' },
    });
  }

  /**
   * A round by id: one plain statement over the entity's columns, each value hydrated by
   * TypeORM's own column metadata, so the entity is the one `findOneBy` gives (a test compares
   * them) without building a query per call, which cost ~0.5–1 ms of CPU (a leaderboard request,
   * its pushes and every attempt start read a round).
   */
  async findRound(id: string): Promise<RoundEntity | null> {
    const metadata = this.dataSource.getMetadata(RoundEntity);
    this.roundSelect ??= `SELECT ${metadata.columns
      .map((c) => `"${c.databaseName}"`)
      .join(', ')} FROM "${metadata.tableName}" WHERE "id" = $1`;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(this.roundSelect, [id]);
    const row = rows.at(0);
    if (!row) return null;
    const round = this.dataSource.manager.create(RoundEntity);
    for (const column of metadata.columns)
      column.setEntityValue(
        round,
        this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column),
      );
    return round;
  }

  findRoundForUpdate(id: string, manager: EntityManager): Promise<RoundEntity | null> {
    return manager
      .getRepository(RoundEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async updateRoundStatus(id: string, status: RoundStatus, manager: EntityManager): Promise<void> {
    await manager.update(RoundEntity, { id }, { status });
  }

  /**
   * Rounds whose closing time + grace has passed but that are not closed yet, with no attempt
   * still in progress (the sweeper submits those first) or waiting for its grade: what the
   * auto-close closes. Two index probes per round (`uq_attempts_one_in_progress`,
   * `ix_attempts_ungraded`), not a read of its attempts.
   */
  async findRoundsDueForClose(now: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM rounds r
        WHERE r.status IN ('published', 'open')
          AND r.closes_at + r.grace_ms * interval '1 millisecond' < $1
          AND NOT EXISTS (SELECT 1 FROM attempts a
                           WHERE a.round_id = r.id AND a.status = 'in_progress')
          AND NOT EXISTS (SELECT 1 FROM attempts a
                           WHERE a.round_id = r.id AND a.status <> 'in_progress' AND a.score IS NULL)`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  /** Attempts of the round not yet graded (in progress, or submitted a moment ago). */
  async countUnfinishedAttempts(roundId: string, manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM attempts WHERE round_id = $1 AND status = 'in_progress')::int
            + (SELECT count(*) FROM attempts
                WHERE round_id = $1 AND status <> 'in_progress' AND score IS NULL)::int AS n`,
      [roundId],
    );
    return rows.at(0)?.n ?? 0;
  }

  async countAttemptsOfRound(roundId: string, manager?: EntityManager): Promise<number> {
    const rows = await (manager ?? this.dataSource.manager).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM attempts WHERE round_id = $1`,
      [roundId],
    );
    return rows.at(0)?.n ?? 0;
  }

  async markRoundClosed(
    id: string,
    values: { trueValue: number; closedAt: Date },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      RoundEntity,
      { id },
      { status: 'closed', trueValue: String(values.trueValue), closedAt: values.closedAt },
    );
  }

  async updateRound(
    id: string,
    values: Partial<RoundEntity>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(RoundEntity, { id }, values);
  }

  /** A participant's attempts in a round, oldest first (their own page). */
  async listParticipantAttempts(roundId: string, participantId: string): Promise<AttemptRow[]> {
    const rows = await this.dataSource.query<RawAttempt[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts a JOIN rounds r ON r.id = a.round_id
        WHERE a.round_id = $1 AND a.participant_id = $2 ORDER BY a.number`,
      [roundId, participantId],
    );
    return rows.map(toAttemptRow);
  }

  /** The bank's published questions at their current version: what a round draws from. */
  async findPublishedPool(bankId: string, manager?: EntityManager): Promise<PoolItem[]> {
    const rows = await (manager ?? this.dataSource.manager).query<
      {
        id: string;
        version: number;
        topic_code: string;
        difficulty: Difficulty;
        type: QuestionType;
        option_count: number;
        audience: Audience;
      }[]
    >(
      `SELECT q.id, q.version, t.code AS topic_code, q.difficulty, q.type,
              jsonb_array_length(q.options) AS option_count, q.audience
         FROM questions q JOIN topics t ON t.id = q.topic_id
        WHERE q.bank_id = $1 AND q.status = 'published'`,
      [bankId],
    );
    return rows.map((r) => ({
      questionId: r.id,
      version: r.version,
      topicCode: r.topic_code,
      difficulty: r.difficulty,
      type: r.type,
      optionCount: r.option_count,
      audience: r.audience,
    }));
  }

  // ---- participants ---------------------------------------------------------------------------

  /**
   * Throws a unique violation (uq_participants_contest_phone / _cccd) for a taken identity.
   * One statement, no transaction: registration comes in bursts.
   */
  async insertParticipant(values: Omit<ParticipantEntity, 'id' | 'createdAt'>): Promise<string> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO participants (contest_id, full_name, birth_year, gender, phone, cccd, unit,
                                 participant_group, password_hash, consent_at, unit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING id`,
      [
        values.contestId,
        values.fullName,
        values.birthYear,
        values.gender,
        values.phone,
        values.cccd,
        values.unit,
        values.participantGroup,
        values.passwordHash,
        values.consentAt,
        values.unitId ?? null,
      ],
    );
    return rows[0].id;
  }

  findParticipantByPhone(
    contestId: string,
    phone: string,
  ): Promise<(ParticipantEntity & { passwordHash: string }) | null> {
    return this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('p.contestId = :contestId AND p.phone = :phone', { contestId, phone })
      .getOne();
  }

  async insertParticipantSession(values: {
    tokenHash: Buffer;
    participantId: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO participant_sessions (token_hash, participant_id, expires_at) VALUES ($1, $2, $3)`,
      [values.tokenHash, values.participantId, values.expiresAt],
    );
  }

  /** Ends one participant session (sign-out); nothing happens for an unknown token. */
  async deleteParticipantSession(tokenHash: Buffer): Promise<void> {
    await this.dataSource.query(`DELETE FROM participant_sessions WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  async findParticipantBySession(
    tokenHash: Buffer,
    now: Date,
  ): Promise<SignedInParticipant | null> {
    const rows = await this.dataSource.query<
      {
        id: string;
        contest_id: string;
        full_name: string;
        phone: string;
        participant_group: ParticipantGroup;
      }[]
    >(
      `SELECT p.id, p.contest_id, p.full_name, p.phone, p.participant_group
         FROM participant_sessions s JOIN participants p ON p.id = s.participant_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    const r = rows.at(0);
    if (!r) return null;
    return {
      id: r.id,
      contestId: r.contest_id,
      fullName: r.full_name,
      phone: r.phone,
      participantGroup: r.participant_group,
    };
  }

  async listParticipants(
    contestId: string,
    search: string,
    limit: number,
    offset: number,
  ): Promise<{ items: ParticipantAdminView[]; total: number }> {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = `contest_id = $1 AND ($2 = '' OR full_name ILIKE $3 OR phone LIKE $3)`;
    const [rows, count] = await Promise.all([
      this.dataSource.query<
        {
          id: string;
          full_name: string;
          birth_year: number;
          gender: Gender;
          phone: string | null;
          cccd: string | null;
          unit: string | null;
          participant_group: ParticipantGroup;
          created_at: Date;
        }[]
      >(
        `SELECT id, full_name, birth_year, gender, phone, cccd, unit, participant_group, created_at
           FROM participants WHERE ${where}
          ORDER BY created_at DESC, id LIMIT $4 OFFSET $5`,
        [contestId, search, pattern, limit, offset],
      ),
      this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM participants WHERE ${where}`,
        [contestId, search, pattern],
      ),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        fullName: r.full_name,
        birthYear: r.birth_year,
        gender: r.gender,
        phone: r.phone,
        cccd: r.cccd,
        unit: r.unit,
        participantGroup: r.participant_group,
        createdAt: r.created_at.toISOString(),
      })),
      total: count.at(0)?.n ?? 0,
    };
  }

  /** New password hash; the participant's sessions end. False when there is no such participant. */
  async resetParticipantPassword(
    id: string,
    passwordHash: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE participants SET password_hash = $2 WHERE id = $1 AND phone IS NOT NULL`,
      [id, passwordHash],
    );
    await manager.query(`DELETE FROM participant_sessions WHERE participant_id = $1`, [id]);
    return affected > 0;
  }

  async hasUnfinishedRounds(contestId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM rounds WHERE contest_id = $1 AND status NOT IN ('closed', 'results_published', 'draft') LIMIT 1`,
      [contestId],
    );
    return rows.length > 0;
  }

  /** Erases names, phones, CCCD and passwords; ends every session. Returns how many people. */
  async purgeParticipants(
    contestId: string,
    name: string,
    manager: EntityManager,
  ): Promise<number> {
    await manager.query(
      `DELETE FROM participant_sessions s USING participants p
        WHERE p.id = s.participant_id AND p.contest_id = $1`,
      [contestId],
    );
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE participants SET full_name = $2, phone = NULL, cccd = NULL, password_hash = ''
        WHERE contest_id = $1`,
      [contestId, name],
    );
    return affected;
  }

  // ---- attempts -------------------------------------------------------------------------------

  async findInProgressAttempt(roundId: string, participantId: string): Promise<AttemptRow | null> {
    const rows = await this.dataSource.query<RawAttempt[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts a JOIN rounds r ON r.id = a.round_id
        WHERE a.round_id = $1 AND a.participant_id = $2 AND a.status = 'in_progress'`,
      [roundId, participantId],
    );
    const r = rows.at(0);
    return r ? toAttemptRow(r) : null;
  }

  async countAttempts(roundId: string, participantId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM attempts WHERE round_id = $1 AND participant_id = $2`,
      [roundId, participantId],
    );
    return Number(rows[0].n);
  }

  /**
   * Inserts the participant's next attempt (number = attempts so far + 1) unless that would
   * exceed `attemptsAllowed`: null then. Parallel starts collide on the unique attempt number
   * or on the one-in-progress index and get a unique violation, so the database holds both rules.
   */
  async insertNextAttempt(values: {
    roundId: string;
    participantId: string;
    attemptsAllowed: number;
    seed: number;
    items: AttemptItem[];
    startedAt: Date;
    deadline: Date;
  }): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO attempts (round_id, participant_id, number, seed, items, started_at, deadline)
       SELECT $1, $2, n.next, $3, $4, $5, $6
         FROM (SELECT count(*)::int + 1 AS next FROM attempts WHERE round_id = $1 AND participant_id = $2) n
        WHERE n.next <= $7
       RETURNING id`,
      [
        values.roundId,
        values.participantId,
        values.seed,
        JSON.stringify(values.items),
        values.startedAt,
        values.deadline,
        values.attemptsAllowed,
      ],
    );
    return rows.at(0)?.id ?? null;
  }

  /** Every attempt of a round with its person, for the organizers' export. */
  async listAttemptsForExport(roundId: string): Promise<AttemptExportRow[]> {
    const rows = await this.dataSource.query<
      {
        full_name: string;
        birth_year: number;
        gender: Gender;
        phone: string | null;
        cccd: string | null;
        unit: string | null;
        participant_group: ParticipantGroup;
        number: number;
        status: AttemptStatus;
        started_at: Date;
        submitted_at: Date | null;
        duration_ms: number | null;
        score: string | null;
        max_score: string | null;
        correct_count: number | null;
        question_count: number;
        prediction: string | null;
        counted: boolean;
      }[]
    >(
      `SELECT p.full_name, p.birth_year, p.gender, p.phone, p.cccd, p.unit, p.participant_group,
              a.number, a.status, a.started_at, a.submitted_at, a.duration_ms, a.score, a.max_score,
              a.correct_count, jsonb_array_length(a.items) AS question_count, a.prediction,
              (s.attempt_id IS NOT NULL) AS counted
         FROM attempts a
         JOIN participants p ON p.id = a.participant_id
         LEFT JOIN round_standings s ON s.attempt_id = a.id
        WHERE a.round_id = $1
        ORDER BY a.started_at, a.id`,
      [roundId],
    );
    return rows.map((r) => ({
      fullName: r.full_name,
      birthYear: r.birth_year,
      gender: r.gender,
      phone: r.phone,
      cccd: r.cccd,
      unit: r.unit,
      participantGroup: r.participant_group,
      number: r.number,
      status: r.status,
      startedAt: r.started_at,
      submittedAt: r.submitted_at,
      durationMs: r.duration_ms,
      score: numberOrNull(r.score),
      maxScore: numberOrNull(r.max_score),
      correctCount: r.correct_count,
      questionCount: r.question_count,
      prediction: numberOrNull(r.prediction),
      counted: r.counted,
    }));
  }

  /** The attempt if it belongs to the participant, with its round's grace. */
  async findParticipantAttempt(id: string, participantId: string): Promise<AttemptRow | null> {
    const rows = await this.dataSource.query<RawAttempt[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts a JOIN rounds r ON r.id = a.round_id
        WHERE a.id = $1 AND a.participant_id = $2`,
      [id, participantId],
    );
    const r = rows.at(0);
    return r ? toAttemptRow(r) : null;
  }

  async listAnswers(attemptId: string): Promise<{ position: number; chosen: number[] }[]> {
    return this.dataSource.query<{ position: number; chosen: number[] }[]>(
      `SELECT position, chosen FROM attempt_answers WHERE attempt_id = $1 ORDER BY position`,
      [attemptId],
    );
  }

  /**
   * The answers of several attempts in one query (a batch of submits, the sweeper), by attempt,
   * in position order. One row per attempt with its answers as JSON `[[position, chosen], …]`:
   * a deadline's batch of 500 attempts is 500 rows to parse, not 5,000.
   */
  async listAnswersOf(
    attemptIds: readonly string[],
  ): Promise<Map<string, { position: number; chosen: number[] }[]>> {
    const byAttempt = new Map<string, { position: number; chosen: number[] }[]>();
    if (attemptIds.length === 0) return byAttempt;
    const rows = await this.dataSource.query<
      { attempt_id: string; answers: [number, number[]][] }[]
    >(
      `SELECT attempt_id, json_agg(json_build_array(position, chosen) ORDER BY position) AS answers
         FROM attempt_answers WHERE attempt_id = ANY($1::uuid[])
        GROUP BY attempt_id`,
      [attemptIds],
    );
    for (const r of rows)
      byAttempt.set(
        r.attempt_id,
        r.answers.map(([position, chosen]) => ({ position, chosen })),
      );
    return byAttempt;
  }

  /**
   * Why an autosave was refused (only read when `saveParticipantAnswer` saved nothing): the
   * attempt (only if the session's participant owns it), its status, deadline and grace, the
   * drawn item at `position` and that version's type. Null when the session or the ownership
   * fails.
   */
  async findAnswerTarget(
    attemptId: string,
    tokenHash: Buffer,
    position: number,
    now: Date,
  ): Promise<{
    status: AttemptStatus;
    deadline: Date;
    graceMs: number;
    item: AttemptItem | null;
    type: QuestionType | null;
  } | null> {
    const rows = await this.dataSource.query<
      {
        status: AttemptStatus;
        deadline: Date;
        grace_ms: number;
        item: AttemptItem | null;
        type: QuestionType | null;
      }[]
    >(
      `SELECT a.status, a.deadline, r.grace_ms, a.items -> $3::int AS item, v.content ->> 'type' AS type
         FROM attempts a
         JOIN participant_sessions s ON s.participant_id = a.participant_id
          AND s.token_hash = $2 AND s.expires_at > $4
         JOIN rounds r ON r.id = a.round_id
         LEFT JOIN question_versions v
           ON v.question_id = (a.items -> $3::int ->> 'questionId')::uuid
          AND v.version = (a.items -> $3::int ->> 'version')::int
        WHERE a.id = $1`,
      [attemptId, tokenHash, position, now],
    );
    const r = rows.at(0);
    if (!r) return null;
    return {
      status: r.status,
      deadline: r.deadline,
      graceMs: r.grace_ms,
      item: r.item,
      type: r.type,
    };
  }

  /**
   * Autosaves, several in one statement (a group commit: `AttemptsService` batches the saves
   * that arrive together; every (attempt, position) at most once per call). Each answer is
   * saved (or replaces the one at its position) only if its session is valid and its
   * participant owns the attempt, the attempt is in progress, its `now` is within deadline +
   * grace, the position holds a question, and the displayed choices fit it (at most one unless
   * the question is `multiple`, each below its option count). The choices are stored as
   * original option indexes, ascending. Returns, per answer in order, the attempt's deadline,
   * or null when anything refused it (`findAnswerTarget` then tells why).
   *
   * The attempt rows are read FOR SHARE, in id order (so two statements never wait for each
   * other's rows in a cycle): a save waits for a submission being claimed (and then finds it
   * submitted) and a claim waits for a save in flight (whose answer is then graded), so an
   * acknowledged answer is always in the graded set.
   */
  async saveParticipantAnswers(
    values: readonly {
      attemptId: string;
      tokenHash: Buffer;
      position: number;
      /** Displayed option indexes: non-negative integers, without duplicates. */
      chosen: readonly number[];
      now: Date;
    }[],
  ): Promise<({ deadline: Date } | null)[]> {
    const rows = await this.dataSource.query<{ n: number; deadline: Date }[]>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::int[], $4::jsonb[], $5::int[],
                              $6::timestamptz[])
                  WITH ORDINALITY AS i(attempt_id, token_hash, position, chosen, max_choice, now, n)
       ), locked AS (
         SELECT a.id, a.participant_id, a.round_id, a.deadline, a.items
           FROM attempts a
          WHERE a.id IN (SELECT attempt_id FROM input) AND a.status = 'in_progress'
          ORDER BY a.id
            FOR SHARE
       ), target AS (
         SELECT i.n, l.id, l.deadline, i.position, i.chosen, i.now,
                l.items -> i.position -> 'optionOrder' AS option_order
           FROM input i
           JOIN locked l ON l.id = i.attempt_id
           JOIN participant_sessions s ON s.participant_id = l.participant_id
            AND s.token_hash = i.token_hash AND s.expires_at > i.now
           JOIN rounds r ON r.id = l.round_id
           JOIN question_versions v
             ON v.question_id = (l.items -> i.position ->> 'questionId')::uuid
            AND v.version = (l.items -> i.position ->> 'version')::int
          WHERE i.now <= l.deadline + r.grace_ms * interval '1 millisecond'
            AND (jsonb_array_length(i.chosen) <= 1 OR v.content ->> 'type' = 'multiple')
            AND i.max_choice < jsonb_array_length(l.items -> i.position -> 'optionOrder')
       ), saved AS (
         INSERT INTO attempt_answers (attempt_id, position, chosen, saved_at)
         SELECT t.id, t.position, coalesce(
                  (SELECT jsonb_agg(o.original ORDER BY o.original)
                     FROM (SELECT (t.option_order ->> c.value::int)::int AS original
                             FROM jsonb_array_elements_text(t.chosen) AS c) o),
                  '[]'::jsonb), t.now
           FROM target t
         ON CONFLICT (attempt_id, position)
         DO UPDATE SET chosen = EXCLUDED.chosen, saved_at = EXCLUDED.saved_at
         RETURNING attempt_id, position
       )
       SELECT t.n::int AS n, t.deadline
         FROM target t JOIN saved ON saved.attempt_id = t.id AND saved.position = t.position`,
      [
        values.map((v) => v.attemptId),
        values.map((v) => v.tokenHash),
        values.map((v) => v.position),
        values.map((v) => JSON.stringify(v.chosen)),
        values.map((v) => Math.max(-1, ...v.chosen)),
        values.map((v) => v.now),
      ],
    );
    const saved: ({ deadline: Date } | null)[] = values.map(() => null);
    for (const r of rows) saved[r.n - 1] = { deadline: r.deadline };
    return saved;
  }

  /**
   * Marks one attempt submitted, once: a single statement, so only the request whose UPDATE
   * finds it in progress gets it back and grades it. After deadline + grace it counts as
   * submitted automatically at its deadline and the late prediction is dropped. Once this has
   * run no answer can be saved any more (see `saveAnswer`), so the answers to grade are final.
   */
  async claimSubmission(
    id: string,
    now: Date,
    prediction: number | null,
  ): Promise<ClaimedAttempt | null> {
    const result = await this.dataSource.query<unknown>(
      `UPDATE attempts a
          SET status = CASE WHEN $2 <= a.deadline + r.grace_ms * interval '1 millisecond'
                            THEN 'submitted' ELSE 'auto_submitted' END,
              submitted_at = LEAST($2::timestamptz, a.deadline),
              prediction = CASE WHEN $2 <= a.deadline + r.grace_ms * interval '1 millisecond'
                                THEN $3::numeric ELSE NULL END
         FROM rounds r
        WHERE r.id = a.round_id AND a.id = $1 AND a.status = 'in_progress'
       RETURNING a.id, a.items, a.started_at, a.submitted_at, r.scoring, r.counted_policy, r.tie_break_chain`,
      [id, now, prediction],
    );
    return toClaims(result).at(0) ?? null;
  }

  /**
   * `claimSubmission` for participants' own submits, several in one statement (a group commit:
   * `AttemptsService` batches the submits that arrive together, each attempt at most once per
   * call), with the checks of each request folded in: an attempt is claimed only when the
   * session is valid, its participant owns the attempt, and the round's prediction kind is one
   * of `predictionKinds` (the kinds the given prediction is valid for; null when no prediction
   * was given). Returns, per submit in order, what the reply needs besides the grade, or null
   * when anything refused it (the caller then finds out why with the ordinary lookups).
   *
   * The attempt rows are locked in id order (as the autosaves lock them), so two statements
   * never wait for each other's rows in a cycle. The answers are NOT read here: this
   * statement's snapshot is taken before it waits for an autosave holding the attempt FOR
   * SHARE, so it would miss that answer although the save was acknowledged. They are read by
   * the next statement, which sees every save committed before the claim.
   */
  async claimParticipantSubmissions(
    values: readonly {
      attemptId: string;
      tokenHash: Buffer;
      now: Date;
      prediction: number | null;
      predictionKinds: readonly PredictionKind[] | null;
    }[],
  ): Promise<(ClaimedSubmission | null)[]> {
    const result = await this.dataSource.query<unknown>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::timestamptz[], $4::numeric[], $5::text[])
                  WITH ORDINALITY AS i(id, token_hash, now, prediction, kinds, n)
       ), locked AS (
         SELECT a.id, a.participant_id FROM attempts a
          WHERE a.id IN (SELECT id FROM input) AND a.status = 'in_progress'
          ORDER BY a.id
            FOR UPDATE
       )
       -- The owner is checked on the locked row (l), so the attempt is reached by its key:
       -- with a.participant_id in the join the planner probed the one-in-progress index by
       -- participant alone, a scan of the whole index per attempt.
       UPDATE attempts a
          SET status = CASE WHEN i.now <= a.deadline + r.grace_ms * interval '1 millisecond'
                            THEN 'submitted' ELSE 'auto_submitted' END,
              submitted_at = LEAST(i.now, a.deadline),
              prediction = CASE WHEN i.now <= a.deadline + r.grace_ms * interval '1 millisecond'
                                THEN i.prediction ELSE NULL END
         FROM input i, locked l, rounds r, participant_sessions s
        WHERE a.id = i.id AND l.id = i.id AND a.status = 'in_progress'
          AND r.id = a.round_id
          AND s.participant_id = l.participant_id AND s.token_hash = i.token_hash
          AND s.expires_at > i.now
          AND (i.kinds IS NULL OR r.prediction_kind = ANY(string_to_array(i.kinds, ',')))
       RETURNING i.n::int AS n, a.id, a.items, a.started_at, a.submitted_at, r.scoring,
                 r.counted_policy, r.tie_break_chain, a.round_id, a.participant_id, a.status,
                 a.prediction`,
      [
        values.map((v) => v.attemptId),
        values.map((v) => v.tokenHash),
        values.map((v) => v.now),
        values.map((v) => v.prediction),
        values.map((v) => (v.predictionKinds === null ? null : v.predictionKinds.join(','))),
      ],
    );
    const [rows] = result as [(RawClaim & RawSubmissionExtra & { n: number })[], number];
    const claimed: (ClaimedSubmission | null)[] = values.map(() => null);
    for (const r of rows)
      claimed[r.n - 1] = {
        ...toClaim(r),
        roundId: r.round_id,
        participantId: r.participant_id,
        status: r.status,
        prediction: numberOrNull(r.prediction),
      };
    return claimed;
  }

  /**
   * Claims up to `limit` attempts whose deadline + grace has passed, submitting them at their
   * deadline. SKIP LOCKED: an attempt being submitted by its participant right now is left to
   * that request.
   */
  async claimOverdue(now: Date, limit: number): Promise<ClaimedAttempt[]> {
    const result = await this.dataSource.query<unknown>(
      `UPDATE attempts a
          SET status = 'auto_submitted', submitted_at = a.deadline
         FROM rounds r
        WHERE r.id = a.round_id AND a.status = 'in_progress'
          AND a.id IN (
            SELECT d.id FROM attempts d JOIN rounds dr ON dr.id = d.round_id
             WHERE d.status = 'in_progress' AND d.deadline < $1
               AND d.deadline + dr.grace_ms * interval '1 millisecond' < $1
             ORDER BY d.deadline
             LIMIT $2
               FOR UPDATE OF d SKIP LOCKED)
       RETURNING a.id, a.items, a.started_at, a.submitted_at, r.scoring, r.counted_policy, r.tie_break_chain`,
      [now, limit],
    );
    return toClaims(result);
  }

  /**
   * Submitted attempts without a grade: normally none, except for an instant between claim
   * and grade, or after a crash in that instant. `id` narrows to one attempt.
   */
  async findUngraded(limit: number, id?: string): Promise<ClaimedAttempt[]> {
    const rows = await this.dataSource.query<RawClaim[]>(
      `SELECT a.id, a.items, a.started_at, a.submitted_at, r.scoring, r.counted_policy, r.tie_break_chain
         FROM attempts a JOIN rounds r ON r.id = a.round_id
        WHERE a.status <> 'in_progress' AND a.score IS NULL AND ($2::uuid IS NULL OR a.id = $2)
        LIMIT $1`,
      [limit, id ?? null],
    );
    return toClaims([rows, rows.length]);
  }
}

interface RawClaim {
  id: string;
  items: AttemptItem[];
  started_at: Date;
  submitted_at: Date;
  scoring: ScoringPolicy;
  counted_policy: CountPolicy;
  tie_break_chain: TieBreakKey[];
}

interface RawSubmissionExtra {
  round_id: string;
  participant_id: string;
  status: Exclude<AttemptStatus, 'in_progress'>;
  prediction: string | null;
}

function toClaim(r: RawClaim): ClaimedAttempt {
  return {
    id: r.id,
    items: r.items,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    scoring: r.scoring,
    countedPolicy: r.counted_policy,
    tieBreakChain: r.tie_break_chain,
  };
}

/** UPDATE … RETURNING through TypeORM's pg driver yields [rows, affectedCount]. */
function toClaims(result: unknown): ClaimedAttempt[] {
  const [rows] = result as [RawClaim[], number];
  return rows.map(toClaim);
}
