import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timed online rounds: contests, rounds, registered participants and their sessions, attempts
 * and autosaved answers. The integrity rules live here: one identity per phone and per CCCD in
 * a contest, attempt numbers unique per person and round, and at most one attempt in progress.
 */
export class Rounds1764210000000 implements MigrationInterface {
  name = 'Rounds1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "contests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "requires_cccd" boolean NOT NULL DEFAULT false,
        "is_sample" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_contests" PRIMARY KEY ("id")
      )`);
    await q.query(`
      CREATE TABLE "rounds" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL,
        "name" text NOT NULL,
        "status" text NOT NULL DEFAULT 'draft',
        "opens_at" timestamptz NOT NULL,
        "closes_at" timestamptz NOT NULL,
        "time_limit_seconds" integer NOT NULL,
        "attempts_allowed" integer NOT NULL DEFAULT 1,
        "counted_policy" text NOT NULL DEFAULT 'best',
        "bank_id" uuid NOT NULL,
        "blueprint" jsonb NOT NULL,
        "shuffle_questions" boolean NOT NULL DEFAULT true,
        "shuffle_options" boolean NOT NULL DEFAULT true,
        "scoring" jsonb NOT NULL,
        "prediction_kind" text NOT NULL DEFAULT 'perfect_count',
        "grace_ms" integer NOT NULL DEFAULT 2000,
        "true_value" numeric,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_rounds" PRIMARY KEY ("id"),
        CONSTRAINT "fk_rounds_contest" FOREIGN KEY ("contest_id") REFERENCES "contests" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_rounds_bank" FOREIGN KEY ("bank_id") REFERENCES "question_banks" ("id") ON DELETE RESTRICT,
        CONSTRAINT "ck_rounds_status" CHECK ("status" IN ('draft', 'published', 'open', 'closed', 'results_published')),
        CONSTRAINT "ck_rounds_counted_policy" CHECK ("counted_policy" IN ('best', 'first', 'last')),
        CONSTRAINT "ck_rounds_prediction_kind" CHECK ("prediction_kind" IN ('perfect_count', 'perfect_percent')),
        CONSTRAINT "ck_rounds_times" CHECK ("closes_at" > "opens_at"),
        CONSTRAINT "ck_rounds_time_limit" CHECK ("time_limit_seconds" > 0),
        CONSTRAINT "ck_rounds_attempts_allowed" CHECK ("attempts_allowed" >= 1),
        CONSTRAINT "ck_rounds_grace" CHECK ("grace_ms" >= 0)
      )`);
    await q.query(`CREATE INDEX "ix_rounds_contest" ON "rounds" ("contest_id", "opens_at")`);
    await q.query(`
      CREATE TABLE "participants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL,
        "full_name" text NOT NULL,
        "birth_year" integer NOT NULL,
        "gender" text NOT NULL,
        "phone" text NOT NULL,
        "cccd" text,
        "unit" text,
        "participant_group" text NOT NULL,
        "password_hash" text NOT NULL,
        "consent_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_participants" PRIMARY KEY ("id"),
        CONSTRAINT "fk_participants_contest" FOREIGN KEY ("contest_id") REFERENCES "contests" ("id") ON DELETE CASCADE,
        CONSTRAINT "uq_participants_contest_phone" UNIQUE ("contest_id", "phone"),
        CONSTRAINT "ck_participants_phone" CHECK ("phone" ~ '^0[0-9]{9}$'),
        CONSTRAINT "ck_participants_cccd" CHECK ("cccd" IS NULL OR "cccd" ~ '^[0-9]{12}$'),
        CONSTRAINT "ck_participants_gender" CHECK ("gender" IN ('male', 'female', 'other')),
        CONSTRAINT "ck_participants_group" CHECK ("participant_group" IN ('civil_servant', 'citizen'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_participants_contest_cccd" ON "participants" ("contest_id", "cccd") WHERE "cccd" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "participant_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" bytea NOT NULL,
        "participant_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "pk_participant_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_participant_sessions_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "fk_participant_sessions_participant" FOREIGN KEY ("participant_id") REFERENCES "participants" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_participant_sessions_participant" ON "participant_sessions" ("participant_id")`,
    );
    await q.query(`
      CREATE TABLE "attempts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "round_id" uuid NOT NULL,
        "participant_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "seed" bigint NOT NULL,
        "items" jsonb NOT NULL,
        "started_at" timestamptz NOT NULL,
        "deadline" timestamptz NOT NULL,
        "submitted_at" timestamptz,
        "status" text NOT NULL DEFAULT 'in_progress',
        "prediction" numeric,
        "score" numeric,
        "max_score" numeric,
        "correct_count" integer,
        "perfect" boolean,
        "duration_ms" integer,
        CONSTRAINT "pk_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_attempts_round" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_attempts_participant" FOREIGN KEY ("participant_id") REFERENCES "participants" ("id") ON DELETE CASCADE,
        CONSTRAINT "uq_attempts_round_participant_number" UNIQUE ("round_id", "participant_id", "number"),
        CONSTRAINT "ck_attempts_status" CHECK ("status" IN ('in_progress', 'submitted', 'auto_submitted')),
        CONSTRAINT "ck_attempts_number" CHECK ("number" >= 1),
        CONSTRAINT "ck_attempts_submitted_at" CHECK ("status" = 'in_progress' OR "submitted_at" IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_attempts_one_in_progress" ON "attempts" ("round_id", "participant_id") WHERE "status" = 'in_progress'`,
    );
    await q.query(
      `CREATE INDEX "ix_attempts_due" ON "attempts" ("deadline") WHERE "status" = 'in_progress'`,
    );
    await q.query(
      `CREATE INDEX "ix_attempts_leaderboard" ON "attempts" ("round_id", "score" DESC, "duration_ms", "submitted_at") WHERE "status" <> 'in_progress'`,
    );
    await q.query(`CREATE INDEX "ix_attempts_participant" ON "attempts" ("participant_id")`);
    await q.query(`
      CREATE TABLE "attempt_answers" (
        "attempt_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "chosen" jsonb NOT NULL,
        "saved_at" timestamptz NOT NULL,
        CONSTRAINT "pk_attempt_answers" PRIMARY KEY ("attempt_id", "position"),
        CONSTRAINT "fk_attempt_answers_attempt" FOREIGN KEY ("attempt_id") REFERENCES "attempts" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_attempt_answers_chosen" CHECK (jsonb_typeof("chosen") = 'array')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "attempt_answers"`);
    await q.query(`DROP TABLE "attempts"`);
    await q.query(`DROP TABLE "participant_sessions"`);
    await q.query(`DROP TABLE "participants"`);
    await q.query(`DROP TABLE "rounds"`);
    await q.query(`DROP TABLE "contests"`);
  }
}
