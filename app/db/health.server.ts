import { databaseTarget } from "./driver-adapter.server";
import { prisma } from "./prisma.server";

export interface DatabaseHealth {
  ok: boolean;
  kind: "pglite" | "postgres";
  latencyMs: number;
  error?: string;
}

export async function checkDatabase(): Promise<DatabaseHealth> {
  const kind = databaseTarget().kind;
  const started = performance.now();
  try {
    await prisma().$queryRaw`SELECT 1`;
    return { ok: true, kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      kind,
      latencyMs: Math.round(performance.now() - started),
      // Driver messages can carry the connection string; never echo them to a public endpoint.
      error: error instanceof Error ? error.name : "unreachable",
    };
  }
}
