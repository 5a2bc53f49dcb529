import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tryTakeToken } from "../../app/engine/rate-limiter.server";
import { retryDelayMs } from "../../app/engine/backoff";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

describe("shared rate limiter", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it("grants the burst at once, then makes callers wait for the refill", async () => {
    const limit = { perMinute: 6, burst: 3 }; // one token per 10 s: slow machines cannot refill in between
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await tryTakeToken(database.prisma, "conn-a", limit));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(waits[3]).toBeLessThanOrEqual(10_000);
  });

  it("holds the rate across concurrent callers sharing one connection", async () => {
    const limit = { perMinute: 1200, burst: 2 }; // 20 per second
    const clock = { now: Date.UTC(2026, 0, 1) };
    const take = () => tryTakeToken(database.prisma, "conn-b", limit, () => clock.now);
    const granted = async () => (await Promise.all(Array.from({ length: 12 }, take))).filter((w) => w === 0);
    // 12 callers at once: the burst of 2, no more; the others are told to wait one refill (50 ms).
    const first = await Promise.all(Array.from({ length: 12 }, take));
    expect(first.filter((wait) => wait === 0)).toHaveLength(2);
    for (const wait of first.filter((w) => w > 0)) expect(wait).toBe(50);
    // 100 ms later, by the injected clock: exactly two more tokens, whatever the machine's speed.
    clock.now += 100;
    expect(await granted()).toHaveLength(2);
    clock.now += 500;
    expect(await granted()).toHaveLength(2); // the bucket holds at most the burst
    clock.now += 49;
    expect(await granted()).toHaveLength(0);
  });

  it("keeps buckets of different connections apart", async () => {
    const limit = { perMinute: 60, burst: 1 };
    expect(await tryTakeToken(database.prisma, "conn-c", limit)).toBe(0);
    expect(await tryTakeToken(database.prisma, "conn-d", limit)).toBe(0);
    expect(await tryTakeToken(database.prisma, "conn-c", limit)).toBeGreaterThan(0);
  });
});

describe("retry backoff", () => {
  it("grows exponentially with jitter, caps, and honours Retry-After", () => {
    const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };
    expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(4, undefined, policy, () => 1)).toBe(8000);
    expect(retryDelayMs(20, undefined, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, 30_000, policy, () => 1)).toBe(30_000);
  });
});
