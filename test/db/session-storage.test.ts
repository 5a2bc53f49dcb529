import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SealedSessionStorage } from "../../app/auth/sealed-session-storage.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWhen } from "../support/optional-suite";
import type { TestDatabase } from "../support/test-database";
import { createPgliteDatabase, createPostgresDatabase, postgresReachable } from "../support/test-database";

function sampleSession(id: string): Session {
  const session = new Session({
    id,
    shop: "round-trip.myshopify.com",
    state: "state-123",
    isOnline: false,
    scope: "read_orders,read_all_orders,read_customers,read_products",
    expires: new Date("2027-01-01T10:00:00.000Z"),
    accessToken: "shpat_test_token",
  });
  session.refreshToken = "shprt_refresh_token";
  session.refreshTokenExpires = new Date("2027-06-01T10:00:00.000Z");
  return session;
}

function sessionStorageSuite(create: () => Promise<TestDatabase>) {
  let db: TestDatabase;
  let storage: PrismaSessionStorage<TestDatabase["prisma"]>;
  beforeAll(async () => {
    db = await create();
    storage = new PrismaSessionStorage(db.prisma);
    await storage.isReady();
  });
  afterAll(async () => db?.close());

  it("stores and loads an offline session with its refresh token", async () => {
    const session = sampleSession("offline_round-trip.myshopify.com");
    expect(await storage.storeSession(session)).toBe(true);
    const loaded = await storage.loadSession(session.id);
    expect(loaded?.toObject()).toEqual(session.toObject());
    expect(loaded?.refreshToken).toBe("shprt_refresh_token");
    expect(loaded?.expires?.toISOString()).toBe("2027-01-01T10:00:00.000Z");
  });

  it("keeps an expiring offline token's refresh token and both expiries, sealed at rest", async () => {
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    const sealed = new SealedSessionStorage(storage, () => box);
    // As @shopify/shopify-api 15 builds it from Shopify's answer to an expiring token exchange.
    const session = new Session({
      id: "offline_expiring.myshopify.com",
      shop: "expiring.myshopify.com",
      state: "",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_expiring_access",
      expires: new Date("2026-12-08T01:00:00.000Z"),
      refreshToken: "shprt_expiring_refresh",
      refreshTokenExpires: new Date("2027-03-08T00:00:00.000Z"),
    });
    expect(await sealed.storeSession(session)).toBe(true);
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.accessToken).toMatch(/^v1\./);
    expect(row.refreshToken).toMatch(/^v1\./);
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      "shprt_expiring_refresh",
    );
    expect(row.refreshTokenExpires?.toISOString()).toBe("2027-03-08T00:00:00.000Z");
    const loaded = await sealed.loadSession(session.id);
    expect(loaded?.toObject()).toEqual(session.toObject());
    expect(loaded?.isExpired(0)).toBe(session.isExpired(0));
  });

  it("finds sessions by shop and deletes them", async () => {
    await storage.storeSession(sampleSession("online_a"));
    const byShop = await storage.findSessionsByShop("round-trip.myshopify.com");
    expect(byShop.map((s) => s.id).sort()).toEqual(["offline_round-trip.myshopify.com", "online_a"]);
    expect(await storage.deleteSessions(["online_a"])).toBe(true);
    expect(await storage.loadSession("online_a")).toBeUndefined();
  });

  it("stores an online session's user fields (BigInt user id)", async () => {
    const session = sampleSession("online_user");
    session.isOnline = true;
    session.onlineAccessInfo = {
      expires_in: 86_400,
      associated_user_scope: "read_orders",
      associated_user: {
        id: 902541635,
        first_name: "Karen",
        last_name: "Jensen",
        email: "karen@example.dk",
        email_verified: true,
        account_owner: true,
        locale: "da-DK",
        collaborator: false,
      },
    };
    await storage.storeSession(session);
    const loaded = await storage.loadSession("online_user");
    expect(loaded?.onlineAccessInfo?.associated_user.id).toBe(902541635);
    expect(loaded?.onlineAccessInfo?.associated_user.locale).toBe("da-DK");
  });
}

const pgAvailable = await postgresReachable();

describe("Shopify session storage on PGlite", () => sessionStorageSuite(createPgliteDatabase));
describeWhen(pgAvailable, "PostgreSQL", "Shopify session storage on PostgreSQL", () =>
  sessionStorageSuite(() => createPostgresDatabase()),
);
