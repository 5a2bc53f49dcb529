import type { PrismaClient } from "@prisma/client";

/**
 * A token bucket in the database, shared by every worker of every instance calling one ledger
 * connection. Each request takes a token; tokens refill at `perMinute / 60` per second up to
 * `burst`. A small burst keeps us under sliding-window limits such as Dinero's 100 per minute.
 */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

/**
 * Takes a token if one is free; otherwise returns how long to wait (ms) before trying again.
 * `now` (epoch ms) replaces the database's clock, for tests that must not depend on timing.
 */
export async function tryTakeToken(
  db: PrismaClient,
  key: string,
  limit: RateLimit,
  now?: () => number,
): Promise<number> {
  const ratePerMs = limit.perMinute / 60_000;
  const at = now ? now() : null;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "RateLimitBucket" (key, tokens, "updatedAt")
      VALUES (${key}, ${limit.burst}::double precision,
              COALESCE(to_timestamp(${at}::double precision / 1000), clock_timestamp()))
      ON CONFLICT (key) DO NOTHING`;
    const rows = await tx.$queryRaw<Array<{ tokens: number; elapsed_ms: number }>>`
      SELECT tokens,
             EXTRACT(EPOCH FROM (COALESCE(to_timestamp(${at}::double precision / 1000), clock_timestamp())
                                 - "updatedAt")) * 1000 AS elapsed_ms
        FROM "RateLimitBucket" WHERE key = ${key} FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new Error(`rate-limit bucket ${key} vanished`);
    const available = Math.min(
      limit.burst,
      Number(row.tokens) + Math.max(0, Number(row.elapsed_ms)) * ratePerMs,
    );
    const granted = available >= 1;
    await tx.$executeRaw`
      UPDATE "RateLimitBucket" SET tokens = ${granted ? available - 1 : available}::double precision,
             "updatedAt" = COALESCE(to_timestamp(${at}::double precision / 1000), clock_timestamp())
       WHERE key = ${key}`;
    return granted ? 0 : Math.ceil((1 - available) / ratePerMs);
  });
}

/** Waits until a token is free, then takes it. */
export async function acquireToken(
  db: PrismaClient,
  key: string,
  limit: RateLimit,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (;;) {
    const waitMs = await tryTakeToken(db, key, limit);
    if (waitMs === 0) return;
    await sleep(waitMs);
  }
}
