import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A live game's players move out of `state` into their own column, written only by the
 * commands that change a player (joins, a reveal's scores, kicks, revivals, the buzzer's
 * judgements). Most host commands (next, the opening of answering, the leaderboard, pause…)
 * then write a state of a few kilobytes instead of every player: ~1.3 MB and ~30 ms of
 * PostgreSQL at 5,000 players, spent before the next question could go out (docs/benchmarks.md).
 * Existing games are split in place; `state` keeps `"players": []`.
 */
export class LivePlayersColumn1764280000000 implements MigrationInterface {
  name = 'LivePlayersColumn1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "live_games" ADD COLUMN "players" json NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "live_games" ALTER COLUMN "players" SET STORAGE EXTERNAL`);
    await q.query(
      `UPDATE "live_games"
          SET "players" = coalesce("state" -> 'players', '[]'::json),
              "state" = ("state"::jsonb || '{"players": []}'::jsonb)::json`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "live_games"
          SET "state" = ("state"::jsonb || jsonb_build_object('players', "players"::jsonb))::json`,
    );
    await q.query(`ALTER TABLE "live_games" DROP COLUMN "players"`);
  }
}
