import { MigrationInterface, QueryRunner } from 'typeorm';

/** Public practice: which banks may be practised, practice sessions and their answers. */
export class Practice1764200000000 implements MigrationInterface {
  name = 'Practice1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "question_banks" ADD "practice_enabled" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`UPDATE "question_banks" SET "practice_enabled" = true WHERE "is_sample"`);
    await q.query(`
      CREATE TABLE "practice_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" bytea NOT NULL,
        "mode" text NOT NULL,
        "topic_ids" jsonb NOT NULL DEFAULT '[]',
        "items" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "pk_practice_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "ck_practice_sessions_mode" CHECK ("mode" IN ('topics', 'mix', 'missed'))
      )`);
    await q.query(
      `CREATE INDEX "ix_practice_sessions_created_at" ON "practice_sessions" ("created_at")`,
    );
    await q.query(`
      CREATE TABLE "practice_answers" (
        "id" bigint GENERATED ALWAYS AS IDENTITY,
        "session_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "question_id" uuid NOT NULL,
        "question_version" integer NOT NULL,
        "topic_id" uuid NOT NULL,
        "chosen" jsonb NOT NULL,
        "correct" boolean NOT NULL,
        "answered_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_practice_answers" PRIMARY KEY ("id"),
        CONSTRAINT "uq_practice_answers_session_position" UNIQUE ("session_id", "position"),
        CONSTRAINT "fk_practice_answers_session" FOREIGN KEY ("session_id") REFERENCES "practice_sessions" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_practice_answers_answered_at" ON "practice_answers" ("answered_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_practice_answers_question" ON "practice_answers" ("question_id", "correct")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "practice_answers"`);
    await q.query(`DROP TABLE "practice_sessions"`);
    await q.query(`ALTER TABLE "question_banks" DROP COLUMN "practice_enabled"`);
  }
}
