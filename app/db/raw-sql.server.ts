import pg from "pg";
import { databaseTarget, pgliteFor } from "./driver-adapter.server";
import type { DatabaseTarget } from "./driver-adapter.server";

/**
 * Statements on the database driver itself, past Prisma: for the one hot path (webhook ingest)
 * where Prisma's per-call query compilation and its adapter cost more than the round trip.
 * PostgreSQL: a small pool of its own, statements prepared once per connection by name.
 * PGlite: the process's instance (the one Prisma's adapter uses too; it serialises queries).
 */

export interface RawStatement {
  /** A stable name: PostgreSQL prepares the text once per connection under it. */
  name: string;
  text: string;
}

export type RawRunner = <Row>(statement: RawStatement, values: readonly unknown[]) => Promise<Row[]>;

declare global {
  var ledgerBridgeRawPools: Map<string, pg.Pool> | undefined;
}
const pools = (globalThis.ledgerBridgeRawPools ??= new Map<string, pg.Pool>());

/** Few connections: each statement is one short round trip, and Prisma's pool serves the rest. */
const RAW_POOL_SIZE = 4;

function poolFor(target: Extract<DatabaseTarget, { kind: "postgres" }>): pg.Pool {
  const key = `${target.connectionString}#${target.schema ?? ""}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: target.connectionString,
      max: RAW_POOL_SIZE,
      // The schema Prisma's adapter qualifies its tables with is the search path here.
      ...(target.schema ? { options: `-c search_path="${target.schema.replaceAll('"', '""')}"` } : {}),
    });
    // An idle connection dropped by the server is replaced on the next query, not a crash.
    pool.on("error", () => {});
    pools.set(key, pool);
  }
  return pool;
}

export function rawRunner(target: DatabaseTarget = databaseTarget()): RawRunner {
  if (target.kind === "pglite") {
    const { dataDir } = target;
    return async <Row>(statement: RawStatement, values: readonly unknown[]) =>
      (await pgliteFor(dataDir).query<Row>(statement.text, values as unknown[])).rows;
  }
  return async <Row>(statement: RawStatement, values: readonly unknown[]) => {
    const result = await poolFor(target).query({
      name: statement.name,
      text: statement.text,
      values: values as unknown[],
    });
    return result.rows as Row[];
  };
}

/** Ends the raw pools (on shutdown, with the Prisma client). */
export async function closeRawPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end().catch(() => {})));
}
