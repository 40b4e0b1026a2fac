import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts, their sign-in sessions and the audit log. */
export class Foundation1764180000000 implements MigrationInterface {
  name = 'Foundation1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "role" text NOT NULL,
        "password_hash" text NOT NULL,
        "must_change_password" boolean NOT NULL DEFAULT true,
        "disabled" boolean NOT NULL DEFAULT false,
        "failed_login_count" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "last_login_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "uq_accounts_username" UNIQUE ("username"),
        CONSTRAINT "ck_accounts_role" CHECK ("role" IN ('admin', 'organizer', 'host')),
        CONSTRAINT "ck_accounts_username_lower" CHECK ("username" = lower("username"))
      )`);
    await q.query(`
      CREATE TABLE "auth_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" bytea NOT NULL,
        "account_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "ip" text,
        "user_agent" text,
        CONSTRAINT "pk_auth_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_auth_sessions_account" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_auth_sessions_token_hash" ON "auth_sessions" ("token_hash")`,
    );
    await q.query(`CREATE INDEX "ix_auth_sessions_account" ON "auth_sessions" ("account_id")`);
    await q.query(`
      CREATE TABLE "audit_log" (
        "id" bigint GENERATED ALWAYS AS IDENTITY,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" uuid,
        "actor_username" text,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text,
        "before" jsonb,
        "after" jsonb,
        "ip" text,
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
    await q.query(`CREATE INDEX "ix_audit_log_action_at" ON "audit_log" ("action", "at")`);
    await q.query(`CREATE INDEX "ix_audit_log_actor_at" ON "audit_log" ("actor_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TABLE "auth_sessions"`);
    await q.query(`DROP TABLE "accounts"`);
  }
}
