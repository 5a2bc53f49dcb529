import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { closePglite, createDriverAdapter, databaseTarget } from "./driver-adapter.server";
import type { DatabaseTarget } from "./driver-adapter.server";

/**
 * The adapter prisma.config.ts hands to the Prisma CLI. The CLI asks for it in commands that
 * never touch the database: `prisma -v`, which @prisma/client's postinstall runs during
 * `npm ci`, only reads its name. An embedded database opened there kept that process alive for
 * ever (PGlite's timer) and made install hang whenever data/pglite existed. So the database is
 * opened on connect only, and an embedded one is closed again when Prisma disposes it.
 */
export function prismaCliAdapter(
  target: DatabaseTarget = databaseTarget(),
): SqlMigrationAwareDriverAdapterFactory {
  const open = () => createDriverAdapter(target);
  return {
    provider: "postgres",
    adapterName: target.kind === "pglite" ? "pglite-prisma-adapter" : "@prisma/adapter-pg",
    connect: async () => closingPglite(target, await open().connect()),
    connectToShadowDb: async () => open().connectToShadowDb(),
  };
}

function closingPglite(target: DatabaseTarget, adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (target.kind !== "pglite") return adapter;
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await closePglite(target.dataDir);
  };
  return adapter;
}
