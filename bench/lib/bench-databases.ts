import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { closePglite } from "../../app/db/driver-adapter.server";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";
import {
  createPostgresDatabase,
  POSTGRES_ADMIN_URL,
  postgresReachable,
} from "../../test/support/test-database";

/**
 * Databases for benchmarks: PGlite on disk in a temporary folder (as the app keeps it by
 * default in data/pglite — an in-memory one would count the whole database as process memory),
 * and a dedicated PostgreSQL database created on the local server and dropped afterwards.
 */
export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** The environment that points the app (or a child process) at this database. */
  env: Record<string, string>;
  target: DatabaseTarget;
  /** A client in this process; do not use it while another process has a PGlite folder open. */
  prisma(): PrismaClient;
  /** Releases this process's client (so a child process may open a PGlite folder). */
  release(): Promise<void>;
  close(): Promise<void>;
}

export { POSTGRES_ADMIN_URL, postgresReachable };

export async function pgliteOnDisk(options: { migrate?: boolean } = {}): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-pglite-"));
  const target: DatabaseTarget = { kind: "pglite", dataDir };
  if (options.migrate !== false) {
    await prepareDatabase(target);
    await closePglite(dataDir);
  }
  let client: PrismaClient | undefined;
  const release = async () => {
    await client?.$disconnect();
    client = undefined;
    await closePglite(dataDir);
  };
  return {
    kind: "pglite",
    env: { PGLITE_DATA_DIR: dataDir },
    target,
    prisma: () => (client ??= createPrismaClient(target)),
    release,
    close: async () => {
      await release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freshPostgres(options: { migrate?: boolean } = {}): Promise<BenchDatabase> {
  const database = await createPostgresDatabase({ migrate: options.migrate !== false });
  if (!database.url) throw new Error("a PostgreSQL test database has a URL");
  return {
    kind: "postgres",
    env: { DATABASE_URL: database.url },
    target: database.target,
    prisma: () => database.prisma,
    release: async () => {},
    close: () => database.close(),
  };
}
