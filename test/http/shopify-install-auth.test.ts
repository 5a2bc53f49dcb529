import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { requireAdmin } from "../../app/auth/admin-context.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { SourceError } from "../../app/sources/source-error";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { orderSourceForShop } from "../../app/sources/shopify/shop-order-source.server";
import {
  startShopifyAdminSimulator,
  type ShopifyAdminSimulator,
} from "../../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../../simulators/shopify/shopify-store";
import { resetShopifyForTests, shopify, SHOPIFY_API_VERSION } from "../../app/shopify.server";
import { DANISH_ORDER } from "../support/order-templates";
import { adminHeaders, sessionToken } from "../support/reliability-session";
import { routeShopifyLibraryTo } from "../support/shopify-library-route";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * Install and background access in Shopify mode, with Shopify's side played by the simulator:
 * App Bridge's session token is exchanged for an expiring offline token (no billing step), the
 * token and its refresh token are stored sealed, and a worker refreshes an expired token — or
 * moves a non-expiring one to an expiring one — before it calls the Admin API.
 */
const APP = { apiKey: "install-test-key", apiSecret: "install-test-secret" };
const SHOP = "install-test.myshopify.com";
const SESSION_ID = `offline_${SHOP}`;
const HOUR = 3600_000;

describe("Shopify install and offline tokens (token exchange, refresh, migration)", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let simulator: ShopifyAdminSimulator;
  let unroute: () => void;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    simulator = await startShopifyAdminSimulator({
      store: new ShopifyStore(),
      oauth: {
        app: { clientId: APP.apiKey, clientSecret: APP.apiSecret },
        shop: SHOP,
        scopes: "read_orders",
      },
    });
    Object.assign(process.env, {
      SHOPIFY_API_KEY: APP.apiKey,
      SHOPIFY_API_SECRET: APP.apiSecret,
      SHOPIFY_APP_URL: "https://ledger-bridge.example",
      SCOPES: "read_orders",
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SHOPIFY_ADMIN_BASE_URL: simulator.url,
    });
    resetEnvForTests();
    resetShopifyForTests();
    globalThis.ledgerBridgeSecretBox = undefined;
    globalThis.ledgerBridgePrisma = db;
    unroute = routeShopifyLibraryTo({ [SHOP]: simulator.url });
  });
  afterAll(async () => {
    unroute?.();
    globalThis.ledgerBridgePrisma = undefined;
    globalThis.ledgerBridgeSecretBox = undefined;
    process.env = saved;
    resetEnvForTests();
    resetShopifyForTests();
    await simulator?.close();
    await database?.close();
  });

  const adminRequest = (secret = APP.apiSecret) =>
    new Request("https://ledger-bridge.example/app/transfers", {
      headers: adminHeaders(sessionToken(SHOP, { apiKey: APP.apiKey, apiSecret: secret })),
    });
  const storedRow = () => db.session.findUniqueOrThrow({ where: { id: SESSION_ID } });
  const storedSession = async () => (await shopify().sessionStorage?.loadSession(SESSION_ID))!;
  const orderGid = () => {
    const order = simulator.store.createOrderFromTemplate(
      JSON.parse(DANISH_ORDER) as Record<string, unknown>,
    );
    return String(order.graphql.id);
  };

  it("refuses a session token not signed with the app's secret, and asks Shopify for nothing", async () => {
    const refused = await requireAdmin(adminRequest("another-apps-secret")).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(401);
    expect((refused as Response).headers.get("x-shopify-retry-invalid-session-request")).toBe("1");
    expect(simulator.oauth?.grants).toEqual([]);
    expect(await db.session.count()).toBe(0);
  });

  it("installs by token exchange for an expiring offline token, with no billing step", async () => {
    const before = Date.now();
    const context = await requireAdmin(adminRequest());
    expect(context).toMatchObject({ mode: "shopify", shop: { domain: SHOP, platform: "shopify" } });
    expect(context.admin).toBeDefined();
    expect(simulator.oauth?.grants).toEqual([
      { grant: "token_exchange", requested: "offline", expiring: true },
    ]);
    // Billing-free: installing asks the Admin API nothing (no appSubscription / billing check).
    expect(simulator.operations).toEqual([]);

    const row = await storedRow();
    // Both tokens sealed at rest; the expiry of each stored.
    expect(row.accessToken).toMatch(/^v1\./);
    expect(row.refreshToken).toMatch(/^v1\./);
    expect(row.expires!.getTime()).toBeGreaterThanOrEqual(before + HOUR - 5_000);
    expect(row.expires!.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(row.refreshTokenExpires!.getTime()).toBeGreaterThan(Date.now() + 89 * 24 * HOUR);
    const session = await storedSession();
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(simulator.oauth?.acceptsAccessToken(session.accessToken)).toBe(true);

    // The next page load uses the stored session: no second grant.
    await requireAdmin(adminRequest());
    expect(simulator.oauth?.grants).toHaveLength(1);
  });

  it("refreshes an expired offline token before the worker calls the Admin API", async () => {
    const old = await storedSession();
    // An hour later: Shopify no longer takes the token, and the stored expiry says so.
    simulator.oauth?.expireAccessTokens();
    await db.session.update({ where: { id: SESSION_ID }, data: { expires: new Date(Date.now() - 60_000) } });
    const gid = orderGid();
    const stale = new AdminGraphqlClient({ baseUrl: simulator.url, accessToken: old.accessToken! });
    await expect(stale.request("query Shop { shop { id } }", {}, z.unknown())).rejects.toThrow();

    const shop = await db.shop.findFirstOrThrow({ where: { domain: SHOP } });
    const document = await (await orderSourceForShop(shop)).fetchOrder(gid);
    expect(document).not.toBeNull();
    expect(simulator.oauth?.grants.at(-1)).toEqual({
      grant: "refresh_token",
      requested: "offline",
      expiring: true,
    });

    const renewed = await storedSession();
    expect(renewed.accessToken).not.toBe(old.accessToken);
    expect(renewed.refreshToken).not.toBe(old.refreshToken);
    expect(renewed.expires!.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
    expect((await storedRow()).accessToken).toMatch(/^v1\./);
    // The replaced refresh token is retired once the new access token has been used.
    expect(simulator.oauth?.acceptsAccessToken(old.accessToken)).toBe(false);
  });

  it("moves an install's non-expiring offline token to an expiring one before the worker's call", async () => {
    const legacy = simulator.oauth!.grantNonExpiringOfflineToken();
    await db.session.update({
      where: { id: SESSION_ID },
      data: { accessToken: legacy, expires: null, refreshToken: null, refreshTokenExpires: null },
    });
    const shop = await db.shop.findFirstOrThrow({ where: { domain: SHOP } });
    expect(await (await orderSourceForShop(shop)).fetchOrder(orderGid())).not.toBeNull();
    expect(simulator.oauth?.grants.at(-1)).toEqual({
      grant: "migrate_to_expiring",
      requested: "offline",
      expiring: true,
    });
    const migrated = await storedSession();
    expect(migrated.accessToken).not.toBe(legacy);
    expect(migrated.refreshToken).toMatch(/^shprt_/);
    expect(migrated.expires).toBeInstanceOf(Date);
    // Shopify stops taking the non-expiring token once it has been exchanged.
    expect(simulator.oauth?.acceptsAccessToken(legacy)).toBe(false);
    expect((await storedRow()).refreshToken).toMatch(/^v1\./);
  });

  it("stops with Shopify's authentication error when the refresh token has expired too", async () => {
    const grants = simulator.oauth?.grants.length;
    await db.session.update({
      where: { id: SESSION_ID },
      data: { expires: new Date(Date.now() - HOUR), refreshTokenExpires: new Date(Date.now() - 1000) },
    });
    const shop = await db.shop.findFirstOrThrow({ where: { domain: SHOP } });
    const error = await orderSourceForShop(shop).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      kind: "authentication",
      retryable: false,
      messageKey: "sourceError.shopify.authentication",
    });
    expect(simulator.oauth?.grants.length).toBe(grants);
  });

  it("the worker calls the Admin API in the app's version, 2026-10", () => {
    expect(SHOPIFY_API_VERSION).toBe("2026-10");
    const graphql = simulator.server.requests.filter(
      (r) => r.path.endsWith("/graphql.json") && r.status === 200,
    );
    expect(graphql.length).toBeGreaterThan(0);
    expect(new Set(graphql.map((r) => r.path))).toEqual(new Set(["/admin/api/2026-10/graphql.json"]));
  });
});
