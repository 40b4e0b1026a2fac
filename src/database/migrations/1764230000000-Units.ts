import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units of a contest (khối → đơn vị / tổ dân phố) with their headcounts, for participation rates
 * and the collective ranking, and the participant's link to one. A parent is always a unit of
 * the same contest (composite foreign key); the two-level rule (a parent is a block, a block has
 * no parent) is the service's, under a per-contest lock.
 */
export class Units1764230000000 implements MigrationInterface {
  name = 'Units1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "units" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL,
        "parent_id" uuid,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "headcount" integer NOT NULL DEFAULT 0,
        "sort_order" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_units" PRIMARY KEY ("id"),
        CONSTRAINT "uq_units_contest_id" UNIQUE ("contest_id", "id"),
        CONSTRAINT "uq_units_contest_code" UNIQUE ("contest_id", "code"),
        CONSTRAINT "fk_units_contest" FOREIGN KEY ("contest_id") REFERENCES "contests" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_units_parent" FOREIGN KEY ("contest_id", "parent_id") REFERENCES "units" ("contest_id", "id"),
        CONSTRAINT "ck_units_kind" CHECK ("kind" IN ('block', 'unit', 'residential_group')),
        CONSTRAINT "ck_units_headcount" CHECK ("headcount" >= 0),
        CONSTRAINT "ck_units_code" CHECK ("code" <> '' AND "code" = upper("code")),
        CONSTRAINT "ck_units_name" CHECK ("name" <> ''),
        CONSTRAINT "ck_units_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"),
        CONSTRAINT "ck_units_block_top_level" CHECK ("kind" <> 'block' OR "parent_id" IS NULL)
      )`);
    await q.query(`CREATE INDEX "ix_units_parent" ON "units" ("parent_id")`);
    await q.query(`ALTER TABLE "participants" ADD COLUMN "unit_id" uuid`);
    await q.query(`
      ALTER TABLE "participants"
        ADD CONSTRAINT "fk_participants_unit" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE SET NULL`);
    await q.query(
      `CREATE INDEX "ix_participants_unit" ON "participants" ("unit_id") WHERE "unit_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_participants_unit"`);
    await q.query(`ALTER TABLE "participants" DROP CONSTRAINT "fk_participants_unit"`);
    await q.query(`ALTER TABLE "participants" DROP COLUMN "unit_id"`);
    await q.query(`DROP TABLE "units"`);
  }
}
