import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  MAX_PENDING_AUTH_PER_CLIENT,
  MAX_PENDING_AUTH_TOTAL,
  startWcAuth,
  type ConnectContext,
} from "../../app/sources/woocommerce/connect-store.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { newSecretBox } from "./woo-harness";

/**
 * Anonymous Connect stores a pending wc-auth request per click. They are bounded per client and in
 * total, and expired ones are cleaned up, so a script cannot fill the table (the per-client bound
 * over HTTP is in test/reliability/hostile-entry-points.test.ts). Time is an injected clock.
 */
describe("pending wc-auth requests are bounded", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let clock = new Date("2026-12-07T12:00:00Z");
  const ctx = (): ConnectContext => ({
    db,
    box: newSecretBox(),
    appUrl: "http://127.0.0.1:1",
    allowPrivateStores: true,
    now: () => clock,
  });
  const start = (client: string) => startWcAuth(ctx(), "http://127.0.0.1:2/", client);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.wooAuthRequest.deleteMany();
    clock = new Date("2026-12-07T12:00:00Z");
  });

  it("refuses a client over its bound without storing anything, while other clients still connect", async () => {
    for (let i = 0; i < MAX_PENDING_AUTH_PER_CLIENT; i++) expect((await start("10.0.0.1")).ok).toBe(true);
    const refused = await start("10.0.0.1");
    expect(refused).toMatchObject({ ok: false, reason: "busy" });
    expect(await db.wooAuthRequest.count()).toBe(MAX_PENDING_AUTH_PER_CLIENT);
    expect((await start("10.0.0.2")).ok).toBe(true);
  });

  it("refuses everyone once the total bound is reached", async () => {
    const expiresAt = new Date(clock.getTime() + 60_000);
    await db.wooAuthRequest.createMany({
      data: Array.from({ length: MAX_PENDING_AUTH_TOTAL }, (_, i) => ({
        stateHash: `seeded-${i}`,
        storeUrl: "http://127.0.0.1:2",
        appUrl: "http://127.0.0.1:1",
        clientKey: `client-${i}`,
        expiresAt,
      })),
    });
    expect(await start("10.0.0.3")).toMatchObject({ ok: false, reason: "busy" });
    expect(await db.wooAuthRequest.count()).toBe(MAX_PENDING_AUTH_TOTAL);
    // Once they expire they are cleaned up and Connect works again.
    clock = new Date(expiresAt.getTime() + 1);
    expect((await start("10.0.0.3")).ok).toBe(true);
    expect(await db.wooAuthRequest.count()).toBe(1);
  });

  it("lets a client start again after its pending requests expire", async () => {
    for (let i = 0; i < MAX_PENDING_AUTH_PER_CLIENT; i++) await start("10.0.0.4");
    expect((await start("10.0.0.4")).ok).toBe(false);
    clock = new Date(clock.getTime() + 31 * 60 * 1000);
    expect((await start("10.0.0.4")).ok).toBe(true);
    expect(await db.wooAuthRequest.count()).toBe(1);
  });
});
