import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYOUT_SCOPE, storedPayoutScope } from "../../app/auth/payout-scope.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { pollPayouts } from "../../app/engine/payouts/payout-poll.server";
import { loader as payoutsLoader, action as payoutsAction } from "../../app/routes/app.payouts";
import { resetShopifyForTests } from "../../app/shopify.server";
import { action as settingsAction } from "../../app/routes/app.settings";
import { serializeForm, settingsToForm } from "../../app/settings-page/settings-form";
import { parseSettings } from "../../app/settings/parse-settings";
import { payoutSourceForShop } from "../../app/sources/shopify/shop-payout-source.server";
import { simulatePaymentsAccount } from "../../simulators/shopify/payments-account";
import {
  startShopifyAdminSimulator,
  type ShopifyAdminSimulator,
} from "../../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../../simulators/shopify/shopify-store";
import { adminHeaders, sessionToken } from "../support/reliability-session";
import { routeShopifyLibraryTo } from "../support/shopify-library-route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The optional payout scope in Shopify mode, with the library's scopes API answered by the Shopify
 * simulator: the Payouts page says the scope is missing and its button sends the merchant to
 * Shopify's grant screen (optional_scopes=read_shopify_payments_payouts); the poll skips the shop
 * with that reason until the grant reaches its offline session, then reads its payouts.
 */
const APP = { apiKey: "scope-test-key", apiSecret: "scope-test-secret" };
const SHOP = "scope-test.myshopify.com";
const accessScopes = { requested: ["read_orders"], optional: [PAYOUT_SCOPE], granted: ["read_orders"] };
const PAYOUTS_ON = (() => {
  const parsed = parseSettings({
    version: 1,
    payouts: {
      enabled: true,
      bankAccount: "5810",
      feeAccount: "7220",
      disputesAccount: "7230",
      reservesAccount: "5830",
      adjustmentsAccount: "7240",
    },
  });
  if (!parsed.ok) throw new Error("invalid test settings");
  return parsed.settings;
})();
const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10);

describe("the payout scope, requested on demand (Shopify mode)", () => {
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
      accessScopes,
      payments: simulatePaymentsAccount(
        [
          {
            kind: "charge",
            order: { id: "gid://shopify/Order/1", name: "#1001" },
            amount: 24_900,
            day: yesterday,
          },
        ],
        { currency: "DKK", fees: { rateBp: 190, fixed: 180 } },
      ),
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

  const page = (init: RequestInit = {}) =>
    new Request("https://ledger-bridge.example/app/payouts", {
      ...init,
      headers: adminHeaders(sessionToken(SHOP, APP)),
    });
  const loaderData = async () =>
    (await (await payoutsLoader({ request: page(), params: {}, context: {} })).json()) as {
      enabled: boolean;
      scopeGranted: boolean;
    };
  const sourceFor = payoutSourceForShop;
  /** The optional scopes of the library's redirect (App Bridge's reauthorize header) to Shopify's install page. */
  const grantScreen = (thrown: unknown) => {
    expect(thrown).toBeInstanceOf(Response);
    const install = new URL(
      (thrown as Response).headers.get("x-shopify-api-request-failure-reauthorize-url") ?? "",
    );
    expect(`${install.origin}${install.pathname}`).toBe(`https://${SHOP}/admin/oauth/install`);
    expect(install.searchParams.get("client_id")).toBe(APP.apiKey);
    return install.searchParams.get("optional_scopes");
  };
  const saveSettings = () =>
    settingsAction({
      request: new Request("https://ledger-bridge.example/app/settings", {
        method: "POST",
        headers: adminHeaders(sessionToken(SHOP, APP)),
        body: new URLSearchParams(serializeForm(settingsToForm(PAYOUTS_ON))),
      }),
      params: {},
      context: {},
    });
  const hasScope = { hasScope: (shop: { domain: string }) => storedPayoutScope(db, shop) };

  it("shows the missing scope while payouts are on, and its button redirects to Shopify's grant screen", async () => {
    // Installing (token exchange) creates the shop; payouts are then turned on.
    expect(await loaderData()).toMatchObject({ enabled: false, scopeGranted: true });
    const turnedOn = await saveSettings().then(
      () => undefined,
      (error: unknown) => error,
    );
    // Saved, then sent to Shopify's grant screen for the optional scope.
    expect(grantScreen(turnedOn)).toBe(PAYOUT_SCOPE);
    expect(await loaderData()).toMatchObject({ enabled: true, scopeGranted: false });

    const thrown = await payoutsAction({
      request: page({ method: "POST", body: new URLSearchParams({ intent: "grantScope" }) }),
      params: {},
      context: {},
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(grantScreen(thrown)).toBe(PAYOUT_SCOPE);

    // Fetching by hand is refused too while the scope is missing.
    const sync = await payoutsAction({
      request: page({ method: "POST", body: new URLSearchParams({ intent: "sync" }) }),
      params: {},
      context: {},
    });
    expect(sync.status).toBe(403);
  });

  it("the poll skips the shop with the reason, then reads its payouts once the grant arrives", async () => {
    expect(await pollPayouts(db, sourceFor, new Date(), hasScope)).toEqual({
      shops: 0,
      enqueued: 0,
      skipped: [{ shop: SHOP, reason: "missingScope" }],
    });
    expect(await db.job.count()).toBe(0);

    // The merchant grants it: Shopify records it and sends app/scopes_update (which updates the session).
    accessScopes.granted.push(PAYOUT_SCOPE);
    await db.session.updateMany({ where: { shop: SHOP }, data: { scope: accessScopes.granted.join(",") } });
    expect(await loaderData()).toMatchObject({ enabled: true, scopeGranted: true });
    expect(await pollPayouts(db, sourceFor, new Date(), hasScope)).toEqual({ shops: 1, enqueued: 1 });
    // Granted: saving the settings again asks for nothing.
    expect((await saveSettings()).status).toBe(200);
  });
});
