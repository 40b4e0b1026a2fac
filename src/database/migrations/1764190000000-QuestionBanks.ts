import { MigrationInterface, QueryRunner } from 'typeorm';

/** Question banks, their topics, questions (current state) and immutable question versions. */
export class QuestionBanks1764190000000 implements MigrationInterface {
  name = 'QuestionBanks1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "question_banks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "content_checked_at" date,
        "is_sample" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_question_banks" PRIMARY KEY ("id"),
        CONSTRAINT "uq_question_banks_name" UNIQUE ("name")
      )`);
    await q.query(`
      CREATE TABLE "topics" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bank_id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "position" integer NOT NULL DEFAULT 0,
        CONSTRAINT "pk_topics" PRIMARY KEY ("id"),
        CONSTRAINT "fk_topics_bank" FOREIGN KEY ("bank_id") REFERENCES "question_banks" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_topics_bank_code" ON "topics" ("bank_id", "code")`);
    await q.query(`
      CREATE TABLE "questions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "bank_id" uuid NOT NULL,
        "topic_id" uuid NOT NULL,
        "code" text,
        "version" integer NOT NULL DEFAULT 1,
        "type" text NOT NULL,
        "text" text NOT NULL,
        "options" jsonb NOT NULL,
        "correct" jsonb NOT NULL,
        "difficulty" text NOT NULL,
        "explanation" text NOT NULL DEFAULT '',
        "source_document" text NOT NULL DEFAULT '',
        "source_article" text,
        "tags" jsonb NOT NULL DEFAULT '[]',
        "audience" text NOT NULL,
        "image" text,
        "status" text NOT NULL,
        "practice" boolean NOT NULL DEFAULT true,
        "normalized_text" text NOT NULL,
        "search_text" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_questions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_questions_bank" FOREIGN KEY ("bank_id") REFERENCES "question_banks" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_questions_topic" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE RESTRICT,
        CONSTRAINT "ck_questions_type" CHECK ("type" IN ('single', 'multiple', 'true_false')),
        CONSTRAINT "ck_questions_difficulty" CHECK ("difficulty" IN ('easy', 'medium', 'hard')),
        CONSTRAINT "ck_questions_audience" CHECK ("audience" IN ('all', 'civil_servant', 'citizen')),
        CONSTRAINT "ck_questions_status" CHECK ("status" IN ('draft', 'published')),
        CONSTRAINT "ck_questions_options" CHECK (jsonb_typeof("options") = 'array' AND jsonb_array_length("options") BETWEEN 2 AND 6),
        CONSTRAINT "ck_questions_correct" CHECK (jsonb_typeof("correct") = 'array' AND jsonb_array_length("correct") >= 1)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_questions_bank_normalized_text" ON "questions" ("bank_id", "normalized_text")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_questions_bank_code" ON "questions" ("bank_id", "code") WHERE "code" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_questions_bank_topic" ON "questions" ("bank_id", "topic_id")`);
    await q.query(
      `CREATE INDEX "ix_questions_practice" ON "questions" ("topic_id") WHERE "practice" AND "status" = 'published'`,
    );
    await q.query(`
      CREATE TABLE "question_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "question_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "content" jsonb NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_question_versions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_question_versions_question" FOREIGN KEY ("question_id") REFERENCES "questions" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_question_versions_question_version" ON "question_versions" ("question_id", "version")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "question_versions"`);
    await q.query(`DROP TABLE "questions"`);
    await q.query(`DROP TABLE "topics"`);
    await q.query(`DROP TABLE "question_banks"`);
  }
}
