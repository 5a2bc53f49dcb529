import { checkDatabase } from "../db/health.server";

/** Liveness and readiness for load balancers and the README's smoke test. */
export const loader = async () => {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
};
