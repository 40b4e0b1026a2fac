import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live final (chung kết trực tiếp). A game row holds the whole reducer state as jsonb with a
 * version for compare-and-set, the question snapshot (correct answers included: server only) and
 * the timer lease (owner, expiry, epoch): the process holding the lease drives the game's timer,
 * any process may apply commands. A player row holds the hash of the reconnect token; an answer
 * row is written in the same transaction as the state that accepted it, before the ack.
 */
export class Live1764240000000 implements MigrationInterface {
  name = 'Live1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "live_games" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "host_account_id" uuid NOT NULL,
        "format" text NOT NULL,
        "settings" jsonb NOT NULL,
        "questions" jsonb NOT NULL,
        "state" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "stage_token_hash" bytea NOT NULL,
        "lease_owner" text,
        "lease_expires_at" timestamptz,
        "lease_epoch" integer NOT NULL DEFAULT 0,
        "next_timer_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "pk_live_games" PRIMARY KEY ("id"),
        CONSTRAINT "fk_live_games_host" FOREIGN KEY ("host_account_id") REFERENCES "accounts" ("id"),
        CONSTRAINT "ck_live_games_code" CHECK ("code" ~ '^[0-9]{6}$'),
        CONSTRAINT "ck_live_games_format" CHECK ("format" IN ('classic', 'golden_bell', 'buzzer'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_live_games_open_code" ON "live_games" ("code") WHERE "finished_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_live_games_lease" ON "live_games" ("lease_expires_at") WHERE "finished_at" IS NULL`,
    );
    await q.query(`
      CREATE TABLE "live_players" (
        "game_id" uuid NOT NULL,
        "player_id" uuid NOT NULL,
        "reconnect_token_hash" bytea NOT NULL,
        "name" text NOT NULL,
        "number" text,
        "team" text,
        "joined_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_live_players" PRIMARY KEY ("game_id", "player_id"),
        CONSTRAINT "uq_live_players_token" UNIQUE ("reconnect_token_hash"),
        CONSTRAINT "fk_live_players_game" FOREIGN KEY ("game_id") REFERENCES "live_games" ("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "live_answers" (
        "game_id" uuid NOT NULL,
        "question_index" integer NOT NULL,
        "player_id" uuid NOT NULL,
        "choices" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL,
        CONSTRAINT "pk_live_answers" PRIMARY KEY ("game_id", "question_index", "player_id"),
        CONSTRAINT "fk_live_answers_player" FOREIGN KEY ("game_id", "player_id") REFERENCES "live_players" ("game_id", "player_id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "live_answers"`);
    await q.query(`DROP TABLE "live_players"`);
    await q.query(`DROP TABLE "live_games"`);
  }
}
