import { PrismaClient } from "@prisma/client";
import { closePglite, createDriverAdapter, databaseTarget } from "./driver-adapter.server";
import type { DatabaseTarget } from "./driver-adapter.server";
import { migrate } from "./migrate.server";
import { closeRawPools } from "./raw-sql.server";
import { openSqlRunner } from "./sql-runner.server";

declare global {
  // Reused across Vite's hot reloads in development, like Shopify's template does.
  var ledgerBridgePrisma: PrismaClient | undefined;
}

export function createPrismaClient(target: DatabaseTarget = databaseTarget()): PrismaClient {
  return new PrismaClient({ adapter: createDriverAdapter(target) });
}

/** The process-wide client. Start-up calls `prepareDatabase()` before anything uses it. */
export function prisma(): PrismaClient {
  globalThis.ledgerBridgePrisma ??= createPrismaClient();
  return globalThis.ledgerBridgePrisma;
}

/** Applies pending migrations; run once at start, before serving. */
export async function prepareDatabase(
  target: DatabaseTarget = databaseTarget(),
): Promise<{ applied: string[] }> {
  const runner = await openSqlRunner(target);
  try {
    return await migrate(runner);
  } finally {
    await runner.close();
  }
}

export async function disconnectDatabase(): Promise<void> {
  await globalThis.ledgerBridgePrisma?.$disconnect();
  globalThis.ledgerBridgePrisma = undefined;
  await closeRawPools();
  await closePglite();
}
