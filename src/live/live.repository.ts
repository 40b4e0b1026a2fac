import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LiveFormat, LivePlayer, LiveQuestionType, LiveState } from './domain/live-room.types';

/** A published bank question as the live game snapshots it. */
export interface BankQuestionRow {
  id: string;
  type: LiveQuestionType;
  text: string;
  options: string[];
  correct: number[];
  explanation: string;
}

export interface StoredGame {
  id: string;
  code: string;
  hostAccountId: string;
  stageTokenHash: Buffer;
  state: LiveState;
  version: number;
  finished: boolean;
}

/** An answer of the current question as stored in `live_answers` (`at`: arrival, ms). */
export interface StoredAnswer {
  playerId: string;
  choices: number[];
  at: number;
}

export interface StoredPlayer {
  gameId: string;
  playerId: string;
  name: string;
}

/** An accepted answer as written by a group commit (`upsertAnswers`). */
export interface AnswerRow extends StoredAnswer {
  questionIndex: number;
}

/** A player who joined, as written by a group commit (`insertPlayers`). */
export interface NewPlayerRow {
  playerId: string;
  tokenHash: Buffer;
  name: string;
  number: string | null;
  team: string | null;
  joinedAt: number;
}

export interface NewGame {
  id: string;
  code: string;
  hostAccountId: string;
  format: LiveFormat;
  state: LiveState;
  stageTokenHash: Buffer;
  leaseOwner: string;
  leaseMs: number;
}

/** States written before rosters existed have no `roster` (read as null: anyone may join). */
type StoredState = Omit<LiveState, 'roster'> & { roster?: LiveState['roster'] };

interface GameRow {
  id: string;
  code: string;
  host_account_id: string;
  stage_token_hash: Buffer;
  state: StoredState;
  players: LivePlayer[];
  version: number;
  finished_at: Date | null;
}

const GAME_COLUMNS = `id, code, host_account_id, stage_token_hash, state, players, version, finished_at`;

/** The state as written to `state`: its players go to their own column (`players`). */
function withoutPlayers(state: LiveState): string {
  return JSON.stringify({ ...state, players: [] });
}

function toGame(row: GameRow): StoredGame {
  return {
    id: row.id,
    code: row.code,
    hostAccountId: row.host_account_id,
    stageTokenHash: row.stage_token_hash,
    state: { ...row.state, players: row.players, roster: row.state.roster ?? null },
    version: row.version,
    finished: row.finished_at !== null,
  };
}

/**
 * Queries of the live final. The game row is the truth: the state changes only by
 * compare-and-set on `version`; the timer lease is a (owner, expiry, epoch) triple on the row.
 * Methods that take a manager run inside the caller's transaction and use nothing else.
 */
@Injectable()
export class LiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Published questions of a bank: the given ones in the given order, or all of them. */
  async findPublishedQuestions(
    bankId: string,
    questionIds: readonly string[] | null,
  ): Promise<BankQuestionRow[]> {
    const rows = await this.dataSource.query<BankQuestionRow[]>(
      `SELECT id, type, text, options, correct, explanation
         FROM questions
        WHERE bank_id = $1 AND status = 'published'
          AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        ORDER BY code NULLS LAST, created_at`,
      [bankId, questionIds],
    );
    if (questionIds === null) return rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return questionIds.flatMap((id) => byId.get(id) ?? []);
  }

  async bankExists(bankId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM question_banks WHERE id = $1`,
      [bankId],
    );
    return rows.length > 0;
  }

  /** Inserts a game already leased by its creator; null when the code is taken by an open game. */
  async insertGameUnlessCodeTaken(game: NewGame): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO live_games (id, code, host_account_id, format, settings, questions, state, players,
                               version, stage_token_hash, lease_owner, lease_expires_at, lease_epoch)
       VALUES ($10, $1, $2, $3, $4::jsonb, $5::jsonb, $6::json, $11::json, 1, $7, $8,
               now() + make_interval(secs => $9::double precision / 1000), 1)
       ON CONFLICT (code) WHERE finished_at IS NULL DO NOTHING
       RETURNING id`,
      [
        game.code,
        game.hostAccountId,
        game.format,
        JSON.stringify(game.state.settings),
        JSON.stringify(game.state.questions),
        withoutPlayers(game.state),
        game.stageTokenHash,
        game.leaseOwner,
        game.leaseMs,
        game.id,
        JSON.stringify(game.state.players),
      ],
    );
    return rows.at(0)?.id ?? null;
  }

  /**
   * The game as stored. Its `state` is the last full write: answers committed after it (answer
   * batches only write `live_answers`, see `bumpVersion`) come with it in `laterAnswers`, to be
   * applied to the state again; answers already in the state are left out.
   */
  async findGame(id: string): Promise<(StoredGame & { laterAnswers: StoredAnswer[] }) | null> {
    const rows = await this.dataSource.query<GameRow[]>(
      `SELECT ${GAME_COLUMNS} FROM live_games WHERE id = $1`,
      [id],
    );
    const row = rows.at(0);
    if (!row) return null;
    const game = toGame(row);
    const run = game.state.run;
    if (run === null) return { ...game, laterAnswers: [] };
    const answers = await this.dataSource.query<
      { player_id: string; choices: number[]; at: string }[]
    >(
      `SELECT player_id, choices, (extract(epoch FROM received_at) * 1000)::text AS at
         FROM live_answers WHERE game_id = $1 AND question_index = $2
        ORDER BY received_at, player_id`,
      [id, run.index],
    );
    const known = new Map(run.answers.map((a) => [a.playerId, a.at]));
    const laterAnswers = answers
      .map((a) => ({ playerId: a.player_id, choices: a.choices, at: Math.round(Number(a.at)) }))
      .filter((a) => known.get(a.playerId) !== a.at);
    return { ...game, laterAnswers };
  }

  async findOpenGameIdByCode(code: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM live_games WHERE code = $1 AND finished_at IS NULL`,
      [code],
    );
    return rows.at(0)?.id ?? null;
  }

  async findPlayerByTokenHash(hash: Buffer): Promise<StoredPlayer | null> {
    const rows = await this.dataSource.query<
      { game_id: string; player_id: string; name: string }[]
    >(`SELECT game_id, player_id, name FROM live_players WHERE reconnect_token_hash = $1`, [hash]);
    const row = rows.at(0);
    return row ? { gameId: row.game_id, playerId: row.player_id, name: row.name } : null;
  }

  /** The players who joined in one group commit, in one statement. */
  async insertPlayers(
    manager: EntityManager,
    gameId: string,
    players: readonly NewPlayerRow[],
  ): Promise<void> {
    if (players.length === 0) return;
    await manager.query(
      `INSERT INTO live_players (game_id, player_id, reconnect_token_hash, name, number, team, joined_at)
       SELECT $1, p.player_id, decode(p.token_hash, 'hex'), p.name, p.number, p.team,
              to_timestamp(p.joined_at / 1000)
         FROM jsonb_to_recordset($2::jsonb)
              AS p(player_id uuid, token_hash text, name text, number text, team text,
                   joined_at double precision)`,
      [
        gameId,
        JSON.stringify(
          players.map((p) => ({
            player_id: p.playerId,
            token_hash: p.tokenHash.toString('hex'),
            name: p.name,
            number: p.number,
            team: p.team,
            joined_at: p.joinedAt,
          })),
        ),
      ],
    );
  }

  /** The accepted answers of one group commit (the last one wins for a changed answer). */
  async upsertAnswers(
    manager: EntityManager,
    gameId: string,
    answers: readonly AnswerRow[],
  ): Promise<void> {
    if (answers.length === 0) return;
    await manager.query(
      `INSERT INTO live_answers (game_id, question_index, player_id, choices, received_at)
       SELECT $1, a.question_index, a.player_id, a.choices, to_timestamp(a.at / 1000)
         FROM jsonb_to_recordset($2::jsonb)
              AS a(question_index int, player_id uuid, choices jsonb, at double precision)
       ON CONFLICT (game_id, question_index, player_id)
       DO UPDATE SET choices = EXCLUDED.choices, received_at = EXCLUDED.received_at`,
      [
        gameId,
        JSON.stringify(
          answers.map((a) => ({
            question_index: a.questionIndex,
            player_id: a.playerId,
            choices: a.choices,
            at: a.at,
          })),
        ),
      ],
    );
  }

  /**
   * Compare-and-set of the state: succeeds only if nobody changed the game since `version` was
   * read. Returns the new version, or null on a conflict. The players are written only when
   * `playersChanged` (they are most of the state: O(players) for a command that changed none of
   * them, such as `next`); otherwise the stored ones stay, equal to `state.players`.
   */
  async compareAndSetState(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    state: LiveState,
    nextTimerAt: number | null,
    playersChanged: boolean,
  ): Promise<number | null> {
    const rows = await manager.query<{ version: number }[]>(
      `WITH changed AS (
         UPDATE live_games
            SET state = $3::json,
                players = coalesce($6::json, players),
                version = version + 1,
                next_timer_at = CASE WHEN $4::double precision IS NULL THEN NULL
                                     ELSE to_timestamp($4::double precision / 1000) END,
                finished_at = CASE WHEN $5::boolean THEN coalesce(finished_at, now()) ELSE NULL END
          WHERE id = $1 AND version = $2
          RETURNING version)
       SELECT version FROM changed`,
      [
        id,
        expectedVersion,
        withoutPlayers(state),
        nextTimerAt,
        state.phase === 'finished',
        playersChanged ? JSON.stringify(state.players) : null,
      ],
    );
    return rows.at(0)?.version ?? null;
  }

  /**
   * Compare-and-set for a batch that only added answers (already inserted in `live_answers` by
   * the same transaction): the version moves, the stored state does not. Writing the whole state
   * (every player, every answer) for each batch of answers would cost O(players) per answer;
   * `findGame` puts those answers back. Returns the new version, or null on a conflict.
   */
  async bumpVersion(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
  ): Promise<number | null> {
    const rows = await manager.query<{ version: number }[]>(
      `WITH changed AS (
         UPDATE live_games SET version = version + 1
          WHERE id = $1 AND version = $2
          RETURNING version)
       SELECT version FROM changed`,
      [id, expectedVersion],
    );
    return rows.at(0)?.version ?? null;
  }

  /** Extends the leases this process holds; returns the games still held. */
  async renewLeases(owner: string, leaseMs: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH renewed AS (
         UPDATE live_games
            SET lease_expires_at = now() + make_interval(secs => $2::double precision / 1000)
          WHERE lease_owner = $1 AND finished_at IS NULL AND lease_expires_at >= now()
          RETURNING id)
       SELECT id FROM renewed`,
      [owner, leaseMs],
    );
    return rows.map((r) => r.id);
  }

  /** Takes the running games whose lease expired (a crashed or stopped process), new epoch. */
  async acquireExpiredLeases(owner: string, leaseMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH taken AS (
         UPDATE live_games
            SET lease_owner = $1,
                lease_epoch = lease_epoch + 1,
                lease_expires_at = now() + make_interval(secs => $2::double precision / 1000)
          WHERE id IN (SELECT id FROM live_games
                        WHERE finished_at IS NULL
                          AND (lease_owner IS NULL OR lease_expires_at < now())
                        ORDER BY created_at
                        LIMIT $3
                        FOR UPDATE SKIP LOCKED)
            AND finished_at IS NULL
            AND (lease_owner IS NULL OR lease_expires_at < now())
          RETURNING id)
       SELECT id FROM taken`,
      [owner, leaseMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Gives the leases back (orderly shutdown), so another process takes over at once. */
  async releaseLeases(owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_games SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1`,
      [owner],
    );
  }
}
