import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round may draw a participant group's attempts from another bank and blueprint (e.g. an
 * easier paper for residents than for civil servants): `{ "citizen": { "bankId", "blueprint" } }`.
 * A group without an entry uses the round's own bank and blueprint.
 */
export class RoundGroupDraws1764250000000 implements MigrationInterface {
  name = 'RoundGroupDraws1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "rounds"
        ADD COLUMN "group_draws" jsonb NOT NULL DEFAULT '{}',
        ADD CONSTRAINT "ck_rounds_group_draws" CHECK (jsonb_typeof("group_draws") = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rounds" DROP COLUMN "group_draws"`);
  }
}
