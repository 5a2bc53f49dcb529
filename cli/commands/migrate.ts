import { databaseTarget } from "../../app/db/driver-adapter.server";
import { disconnectDatabase, prepareDatabase } from "../../app/db/prisma.server";
import type { CliIo } from "../cli-io";

/** `ledger-bridge migrate`: applies pending migrations (the server also does this at start). */
export async function runMigrate(_args: string[], io: CliIo): Promise<number> {
  const { applied } = await prepareDatabase();
  io.stdout(
    applied.length === 0
      ? `Database (${databaseTarget().kind}) is up to date.`
      : `Applied ${applied.length} migration(s) to ${databaseTarget().kind}: ${applied.join(", ")}`,
  );
  await disconnectDatabase();
  return 0;
}
