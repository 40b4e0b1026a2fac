import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results of timed rounds: the round settings that decide them (review policy, leaderboard
 * visibility, tie-break chain, prize quotas, eligible groups) and `round_standings`, one row per
 * participant and round holding the attempt that counts. Leaderboards read the standings through
 * their indexes (top N and "my rank" are index range scans, never a rank() over the table); the
 * final ranks and prizes are written once, when the round closes.
 */
export class RoundResults1764220000000 implements MigrationInterface {
  name = 'RoundResults1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "rounds"
        ADD COLUMN "review_policy" text NOT NULL DEFAULT 'after_close',
        ADD COLUMN "leaderboard_visibility" text NOT NULL DEFAULT 'public',
        ADD COLUMN "tie_break_chain" jsonb NOT NULL DEFAULT '["score","prediction","duration","submittedAt"]',
        ADD COLUMN "prize_quotas" jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN "eligible_groups" jsonb NOT NULL DEFAULT '["civil_servant","citizen"]',
        ADD COLUMN "closed_at" timestamptz,
        ADD COLUMN "results_published_at" timestamptz,
        ADD CONSTRAINT "ck_rounds_review_policy" CHECK ("review_policy" IN ('never', 'after_submit', 'after_close')),
        ADD CONSTRAINT "ck_rounds_leaderboard_visibility" CHECK ("leaderboard_visibility" IN ('public', 'participants', 'hidden')),
        ADD CONSTRAINT "ck_rounds_tie_break_chain" CHECK (jsonb_typeof("tie_break_chain") = 'array'),
        ADD CONSTRAINT "ck_rounds_prize_quotas" CHECK (jsonb_typeof("prize_quotas") = 'object'),
        ADD CONSTRAINT "ck_rounds_eligible_groups" CHECK (jsonb_typeof("eligible_groups") = 'array')`);
    // Purging a finished contest's personal data blanks phones: anonymous rows stay for statistics.
    await q.query(`ALTER TABLE "contests" ADD COLUMN "personal_data_purged_at" timestamptz`);
    await q.query(`ALTER TABLE "participants" ALTER COLUMN "phone" DROP NOT NULL`);
    await q.query(`
      CREATE TABLE "round_standings" (
        "round_id" uuid NOT NULL,
        "participant_id" uuid NOT NULL,
        "participant_group" text NOT NULL,
        "attempt_id" uuid NOT NULL,
        "score" numeric NOT NULL,
        "max_score" numeric NOT NULL,
        "perfect" boolean NOT NULL,
        "prediction" numeric,
        "duration_ms" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        "prediction_error" numeric,
        "final_rank" integer,
        "group_rank" integer,
        "prize" text,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_round_standings" PRIMARY KEY ("round_id", "participant_id"),
        CONSTRAINT "fk_round_standings_round" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_round_standings_participant" FOREIGN KEY ("participant_id") REFERENCES "participants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_round_standings_attempt" FOREIGN KEY ("attempt_id") REFERENCES "attempts" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_round_standings_prize" CHECK ("prize" IS NULL OR "prize" IN ('first', 'second', 'third', 'consolation'))
      )`);
    await q.query(
      `CREATE INDEX "ix_round_standings_live" ON "round_standings" ("round_id", "score" DESC, "duration_ms", "submitted_at", "participant_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_round_standings_live_group" ON "round_standings" ("round_id", "participant_group", "score" DESC, "duration_ms", "submitted_at", "participant_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_round_standings_final" ON "round_standings" ("round_id", "final_rank", "participant_id") WHERE "final_rank" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_round_standings_final_group" ON "round_standings" ("round_id", "participant_group", "group_rank", "participant_id") WHERE "group_rank" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_round_standings_attempt" ON "round_standings" ("attempt_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "round_standings"`);
    await q.query(`DELETE FROM "participants" WHERE "phone" IS NULL`);
    await q.query(`ALTER TABLE "participants" ALTER COLUMN "phone" SET NOT NULL`);
    await q.query(`ALTER TABLE "contests" DROP COLUMN "personal_data_purged_at"`);
    await q.query(`
      ALTER TABLE "rounds"
        DROP COLUMN "review_policy",
        DROP COLUMN "leaderboard_visibility",
        DROP COLUMN "tie_break_chain",
        DROP COLUMN "prize_quotas",
        DROP COLUMN "eligible_groups",
        DROP COLUMN "closed_at",
        DROP COLUMN "results_published_at"`);
  }
}
