import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../config/env.server";
import { lockPgliteFolder, unlockPgliteFolder } from "./pglite-lock.server";

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; connectionString: string; schema: string | undefined };

export function databaseTarget(): DatabaseTarget {
  const { DATABASE_URL, PGLITE_DATA_DIR } = env();
  if (DATABASE_URL === undefined) return { kind: "pglite", dataDir: PGLITE_DATA_DIR };
  const url = new URL(DATABASE_URL);
  // node-postgres ignores `?schema=`; the adapter takes it as an option instead.
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return { kind: "postgres", connectionString: url.toString(), schema };
}

/**
 * One PGlite instance per data folder: it is single-process and must not be opened twice. Kept
 * on globalThis because the server entry and the built Remix bundle each load their own copy
 * of this module in one process.
 */
declare global {
  var ledgerBridgePglite: Map<string, PGlite> | undefined;
}
const pgliteInstances = (globalThis.ledgerBridgePglite ??= new Map<string, PGlite>());

export function pgliteFor(dataDir: string): PGlite {
  let instance = pgliteInstances.get(dataDir);
  if (!instance) {
    if (!dataDir.startsWith("memory://")) {
      fs.mkdirSync(dataDir, { recursive: true });
      lockPgliteFolder(dataDir);
    }
    instance = new PGlite(dataDir);
    pgliteInstances.set(dataDir, instance);
  }
  return instance;
}

/** Closes one data folder's instance, or all of them (on shutdown). */
export async function closePglite(dataDir?: string): Promise<void> {
  const entries = [...pgliteInstances.entries()].filter(([dir]) => dataDir === undefined || dir === dataDir);
  for (const [dir] of entries) pgliteInstances.delete(dir);
  await Promise.all(
    entries.map(async ([dir, instance]) => {
      try {
        await instance.close();
      } finally {
        if (!dir.startsWith("memory://")) unlockPgliteFolder(dir);
      }
    }),
  );
}

export function createDriverAdapter(
  target: DatabaseTarget = databaseTarget(),
): SqlMigrationAwareDriverAdapterFactory {
  if (target.kind === "pglite") {
    // pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils; the
    // runtime protocol is the same (proved for every column type we use in test/db).
    return new PrismaPGlite(pgliteFor(target.dataDir)) as unknown as SqlMigrationAwareDriverAdapterFactory;
  }
  return new PrismaPg(
    { connectionString: target.connectionString, max: 10 },
    target.schema ? { schema: target.schema } : undefined,
  );
}
