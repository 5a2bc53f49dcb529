import { randomUUID } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "@prisma/client";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { closePglite } from "../../app/db/driver-adapter.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";

/**
 * Fresh, migrated databases for tests. PGlite is always available (in memory); PostgreSQL is used
 * when reachable — the server at TEST_POSTGRES_URL (default: this machine's 127.0.0.1:5432), or
 * DATABASE_URL when a CI pass points the whole suite at PostgreSQL. Each call gets its own
 * database, dropped again on close, so runs never see each other's data.
 */

export interface TestDatabase {
  kind: "pglite" | "postgres";
  target: DatabaseTarget;
  prisma: PrismaClient;
  /** A connection string for the fresh database (PostgreSQL only). */
  url?: string;
  close(): Promise<void>;
}

export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  const dataDir = `memory://${randomUUID()}`;
  const target: DatabaseTarget = { kind: "pglite", dataDir };
  await prepareDatabase(target);
  const prisma = createPrismaClient(target);
  return {
    kind: "pglite",
    target,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await closePglite(dataDir);
    },
  };
}

export async function createPostgresDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `lb_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  url.searchParams.delete("schema");
  const target: DatabaseTarget = { kind: "postgres", connectionString: url.toString(), schema: undefined };
  if (options.migrate !== false) await prepareDatabase(target);
  const prisma = createPrismaClient(target);
  return {
    kind: "postgres",
    target,
    prisma,
    url: url.toString(),
    close: async () => {
      await prisma.$disconnect();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** The database the suite runs on: PostgreSQL when DATABASE_URL points at one, else PGlite. */
export function createTestDatabase(): Promise<TestDatabase> {
  return process.env.DATABASE_URL?.startsWith("postgres") && !process.env.DATABASE_URL.includes("pglite")
    ? createPostgresDatabase()
    : createPgliteDatabase();
}
