import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../app/db/migrate.server";
import { openSqlRunner } from "../../app/db/sql-runner.server";
import { describeWhen } from "../support/optional-suite";
import type { TestDatabase } from "../support/test-database";
import { createPgliteDatabase, createPostgresDatabase, postgresReachable } from "../support/test-database";

const TABLES_SQL = `SELECT table_name FROM information_schema.tables
  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
const COLUMNS_SQL = `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
  WHERE table_schema = current_schema() ORDER BY table_name, column_name`;

async function schemaOf(db: TestDatabase) {
  const runner = await openSqlRunner(db.target);
  try {
    return {
      tables: (await runner.query<{ table_name: string }>(TABLES_SQL)).map((row) => row.table_name),
      columns: await runner.query(COLUMNS_SQL),
    };
  } finally {
    await runner.close();
  }
}

const pgAvailable = await postgresReachable();

describe("migrations on PGlite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteDatabase();
  });
  afterAll(async () => db?.close());

  it("creates every model's table and records each migration", async () => {
    const { tables } = await schemaOf(db);
    expect(tables).toEqual(expect.arrayContaining(["Session", "Shop", "WebhookEvent", "_prisma_migrations"]));
    const runner = await openSqlRunner(db.target);
    const rows = await runner.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
  });

  it("is a no-op the second time", async () => {
    const runner = await openSqlRunner(db.target);
    await expect(migrate(runner)).resolves.toEqual({ applied: [] });
  });

  it("refuses to run when an applied migration was edited", async () => {
    const runner = await openSqlRunner(db.target);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(runner, edited)).rejects.toThrow(/was changed after it was applied/);
  });
});

describeWhen(
  pgAvailable,
  "PostgreSQL at TEST_POSTGRES_URL / 127.0.0.1:5432",
  "migrations on PostgreSQL",
  () => {
    let pglite: TestDatabase;
    let postgres: TestDatabase;
    beforeAll(async () => {
      pglite = await createPgliteDatabase();
      postgres = await createPostgresDatabase();
    });
    afterAll(async () => {
      await pglite?.close();
      await postgres?.close();
    });

    it("produces exactly the same tables and columns as on PGlite", async () => {
      const [a, b] = [await schemaOf(pglite), await schemaOf(postgres)];
      expect(b.tables).toEqual(a.tables);
      expect(b.columns).toEqual(a.columns);
    });

    it("is seen as up to date by Prisma's own migrate status", () => {
      const result = spawnSync("node", ["node_modules/prisma/build/index.js", "migrate", "status"], {
        env: { ...process.env, DATABASE_URL: postgres.url },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.stdout).toContain("Database schema is up to date");
      expect(result.status).toBe(0);
    });

    it("serialises concurrent migrators with an advisory lock", async () => {
      const fresh = await createPostgresDatabase({ migrate: false });
      try {
        // Two instances starting at once on an empty database: one migrates, the other waits and finds nothing to do.
        const runners = await Promise.all([openSqlRunner(fresh.target), openSqlRunner(fresh.target)]);
        const results = await Promise.all(runners.map((runner) => migrate(runner)));
        const applied = results.map((r) => r.applied.length).sort();
        expect(applied).toEqual([0, readMigrations().length]);
        await Promise.all(runners.map((runner) => runner.close()));
      } finally {
        await fresh.close();
      }
    });
  },
);
