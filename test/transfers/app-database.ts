import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { closePglite } from "../../app/db/driver-adapter.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase } from "../support/test-database";

/**
 * The database an app process under test runs on, prepared by the test first: a PGlite folder
 * (single-process, so the test opens it only while the app is stopped) or, when the suite runs on
 * PostgreSQL, a fresh database the test may read at any time.
 */
export interface AppDatabase {
  kind: "pglite" | "postgres";
  /** Environment for `startAppProcess`. */
  env: Record<string, string>;
  /** Runs `work` on the database; on PGlite only while no app process has it open. */
  use<T>(work: (db: PrismaClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createAppDatabase(): Promise<AppDatabase> {
  const onPostgres =
    process.env.DATABASE_URL?.startsWith("postgres") && !process.env.DATABASE_URL.includes("pglite");
  if (onPostgres) return postgresAppDatabase(await createPostgresDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-app-db-"));
  const target = { kind: "pglite" as const, dataDir };
  await prepareDatabase(target);
  await closePglite(dataDir);
  return {
    kind: "pglite",
    env: { PGLITE_DATA_DIR: dataDir },
    async use(work) {
      const db = createPrismaClient(target);
      try {
        return await work(db);
      } finally {
        await db.$disconnect();
        await closePglite(dataDir);
      }
    },
    async close() {
      await closePglite(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function postgresAppDatabase(database: TestDatabase): AppDatabase {
  return {
    kind: "postgres",
    env: { DATABASE_URL: database.url ?? "" },
    use: (work) => work(database.prisma),
    close: () => database.close(),
  };
}
