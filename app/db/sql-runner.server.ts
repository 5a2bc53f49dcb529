import pg from "pg";
import type { DatabaseTarget } from "./driver-adapter.server";
import { pgliteFor } from "./driver-adapter.server";

/** The little raw SQL the migrator and health check need, over either database. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openSqlRunner(target: DatabaseTarget): Promise<SqlRunner> {
  if (target.kind === "pglite") {
    const db = pgliteFor(target.dataDir);
    await db.waitReady;
    return {
      exec: async (sql) => {
        await db.exec(sql);
      },
      query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
        (await db.query<Row>(sql, params)).rows,
      // The PGlite instance is shared with Prisma in this process; it is closed on shutdown.
      close: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  if (target.schema) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(target.schema)}`);
    await client.query(`SET search_path TO ${pg.escapeIdentifier(target.schema)}`);
  }
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query<Row>(sql, params)).rows,
    close: () => client.end(),
  };
}
