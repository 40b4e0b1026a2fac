import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lighter index for what `ix_attempts_leaderboard` still served, on the hottest write path:
 *
 * - Leaderboards read `round_standings` since the RoundResults migration. The old index
 *   `(round_id, score DESC, duration_ms, submitted_at) WHERE status <> 'in_progress'` was left
 *   serving only "submitted but not graded yet" lookups (the sweeper's `findUngraded`), while
 *   every submit inserted its attempt into it twice (the claim and the grade each write a new
 *   row version).
 * - `ix_attempts_ungraded` holds exactly those attempts: claimed, not graded (normally none, or
 *   the instant between the two statements). The claim adds the attempt, the grade's version is
 *   not indexed; the auto-close check and the sweeper read it (a seq scan of the attempts, ~90 ms
 *   per round at 100,000 attempts, became an index probe).
 */
export class AttemptWrites1764290000000 implements MigrationInterface {
  name = 'AttemptWrites1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_attempts_ungraded" ON "attempts" ("round_id") WHERE "status" <> 'in_progress' AND "score" IS NULL`,
    );
    await q.query(`DROP INDEX "ix_attempts_leaderboard"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_attempts_leaderboard" ON "attempts" ("round_id", "score" DESC, "duration_ms", "submitted_at") WHERE "status" <> 'in_progress'`,
    );
    await q.query(`DROP INDEX "ix_attempts_ungraded"`);
  }
}
