import { randomBytes } from "node:crypto";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { appendAudit } from "../../app/engine/audit-log.server";
import { enqueuePayoutJob } from "../../app/engine/job-queue.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { settingsToken, signPluginBody } from "../../app/sources/woocommerce/plugin-signature";
import { phpJsonEncode } from "../../simulators/woocommerce/woo-sim-json";
import { openStoreSecret, saveWooStore } from "../../app/sources/woocommerce/woo-store-repo.server";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase, ManagedApp } from "../support/reliability-app";
import { createAppDatabase, killAllApps, launchApp, onPostgres } from "../support/reliability-app";
import { routeFiles } from "../support/reliability-routes";
import type { ShopifyAppCredentials } from "../support/reliability-session";
import { adminHeaders, seedOfflineSession, sessionToken } from "../support/reliability-session";
import { DINERO_SIMULATOR_CREDENTIALS, seedShop } from "../support/reliability-shops";

/**
 * The issue's isolation suite: shops A and B, each with transfers (booked, failed, and one order
 * id both shops share), audit entries, settings, a ledger connection, a paused state and a
 * WooCommerce store. Through every route that reads or acts on shop data, with A's context —
 * in Shopify mode a real session token for A (an HS256 JWT signed with the app secret, checked
 * by `authenticate.admin` in the running app) and in local mode the demo shop — nothing of B is
 * returned (every B value carries the marker TENANTB) and nothing of B changes (its rows are
 * compared before and after). The same requests with B's token do show B's data, so the
 * absence is not an authentication failure. Runtime: ~20–30 s (two app starts).
 */

const MARK = { a: "TENANTA", b: "TENANTB" } as const;
const APP: ShopifyAppCredentials = {
  apiKey: "isolation-api-key",
  apiSecret: randomBytes(24).toString("hex"),
};
const ORG = { a: 310001, b: 320002 } as const;
const API_KEY = { a: "dinero-key-tenant-a", b: "dinero-key-tenant-b" } as const;

type Tenant = "a" | "b";

/** Ids of one tenant's data, as the probes address it. */
interface TenantData {
  shop: Shop;
  /** Booked invoice, failed invoice, and the order id both shops have. */
  booked: { gid: string; numeric: string };
  failed: { gid: string; numeric: string; jobId: string };
  shared: { gid: string; numeric: string };
  jobIds: string[];
  /** A Shopify Payments payout settling the booked order, named with the tenant's marker. */
  payoutId: string;
  wooStoreUrl: string;
  wooStoreSecret: string;
}

/** The Danish order with this tenant's marker in every customer-facing field. */
function tenantOrder(tenant: Tenant, n: number): { body: string; gid: string; numeric: string } {
  const order = danishOrder(n);
  const mark = MARK[tenant];
  const body = order.order
    .replaceAll("indkob@kaffebaren.example", `${mark.toLowerCase()}-buyer@example.dk`)
    .replaceAll("Kaffebaren ApS", `${mark} Kaffebaren ApS`)
    .replaceAll("Mette Holm", `${mark} Mette Holm`)
    .replaceAll(`"${order.name}"`, `"#${mark}-${n}"`);
  return { body, gid: order.orderId, numeric: order.orderId.split("/").pop() ?? "" };
}

async function seedTenant(
  db: PrismaClient,
  box: SecretBox,
  tenant: Tenant,
  domain: string,
): Promise<TenantData> {
  const mark = MARK[tenant];
  const shop = await seedShop(db, {
    domain,
    settings: {
      version: 1,
      accounts: { giftCardLiability: "63080" },
      texts: { header: `${mark} header {orderName}`, comment: `${mark} comment` },
    },
    connection: {
      provider: "dinero",
      credentials: { ...DINERO_SIMULATOR_CREDENTIALS, apiKey: API_KEY[tenant] },
      organisationId: String(ORG[tenant]),
      organisationName: `${mark} Regnskab ApS`,
    },
    box,
  });
  const base = tenant === "a" ? 100 : 200;
  const booked = tenantOrder(tenant, base + 1);
  const failed = tenantOrder(tenant, base + 2);
  // The same Shopify order id in both shops (ids are per platform, shops are not).
  const shared = tenantOrder(tenant, 999);
  for (const order of [booked, failed, shared]) {
    await db.webhookEvent.create({
      data: {
        platform: "shopify",
        shopDomain: domain,
        topic: "orders/paid",
        deliveryId: `${mark}-${order.numeric}`,
        body: order.body,
      },
    });
    await ingestShopifyEvent(db, { shopDomain: domain, topic: "orders/paid", rawBody: order.body });
  }
  const jobOf = (gid: string) =>
    db.job.findUniqueOrThrow({
      where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${gid}` } },
    });
  const bookedJob = await jobOf(booked.gid);
  const failedJob = await jobOf(failed.gid);
  const sharedJob = await jobOf(shared.gid);
  const fail = (id: string) =>
    db.job.update({
      where: { id },
      data: {
        status: "failed",
        attempts: 3,
        finishedAt: new Date(),
        lastError: {
          kind: "validation",
          message: `${mark}: the account is missing`,
          retryable: false,
          at: "x",
        },
      },
    });
  const succeed = (id: string, number: string) =>
    db.job.update({
      where: { id },
      data: {
        status: "succeeded",
        attempts: 1,
        finishedAt: new Date(),
        documentId: `${mark}-doc`,
        documentNumber: number,
      },
    });
  await succeed(bookedJob.id, `${mark}-7001`);
  await fail(failedJob.id);
  // The shared order: booked in B, failed in A — each shop must see only its own state.
  await (tenant === "b" ? succeed(sharedJob.id, `${mark}-7999`) : fail(sharedJob.id));
  await appendAudit(db, {
    shopId: shop.id,
    orderId: failed.gid,
    jobId: failedJob.id,
    step: "failed",
    level: "error",
    message: `${mark}: the account is missing`,
  });
  await db.shop.update({
    where: { id: shop.id },
    data: { paused: true, pausedAt: new Date(), pausedReason: `#${mark}-${base + 2}: ${mark} paused` },
  });
  // A payout of the booked order; its id is the same number in both shops, like the shared order.
  const payoutId = tenant === "a" ? "7100" : "7200";
  await enqueuePayoutJob(db, {
    shopId: shop.id,
    payoutId,
    trigger: "manual",
    body: JSON.stringify({
      source: "shopifyPayments",
      id: payoutId,
      issuedAt: "2026-12-01T00:00:00Z",
      status: "paid",
      direction: "deposit",
      currency: "DKK",
      net: 24100,
      transactions: [
        {
          id: `${mark}-charge`,
          category: "sale",
          providerType: "CHARGE",
          amount: 24900,
          fee: 800,
          net: 24100,
          date: "2026-12-01T00:00:00Z",
          order: { id: booked.gid, name: `#${mark}-${base + 1}` },
        },
      ],
    }),
  });
  const store = await saveWooStore(db, box, {
    // As the connect flow stores it (normalized, no trailing slash), so signed links find it.
    storeUrl: `https://${mark.toLowerCase()}-store.example`,
    appUrl: "https://ledger-bridge.example",
    keys: { consumerKey: `ck_${mark}`, consumerSecret: `cs_${mark}` },
  });
  return {
    shop,
    booked: { gid: booked.gid, numeric: booked.numeric },
    failed: { gid: failed.gid, numeric: failed.numeric, jobId: failedJob.id },
    shared: { gid: shared.gid, numeric: shared.numeric },
    jobIds: [bookedJob.id, failedJob.id, sharedJob.id],
    payoutId,
    wooStoreUrl: store.storeUrl,
    wooStoreSecret: await openStoreSecret(db, box, store),
  };
}

/** Everything of one shop a route could change. */
async function snapshot(db: PrismaClient, data: TenantData) {
  const shopId = data.shop.id;
  return {
    shop: await db.shop.findUnique({
      where: { id: shopId },
      select: { domain: true, paused: true, pausedReason: true, uninstalledAt: true, locale: true },
    }),
    settings: (await db.shopSettings.findUnique({ where: { shopId } }))?.settings,
    connection: await db.ledgerConnection.findUnique({
      where: { shopId },
      select: {
        provider: true,
        organisationId: true,
        organisationName: true,
        credentials: true,
        status: true,
      },
    }),
    jobs: await db.job.findMany({
      where: { shopId },
      orderBy: { seq: "asc" },
      select: {
        id: true,
        status: true,
        attempts: true,
        trigger: true,
        runAfter: true,
        documentNumber: true,
        lastError: true,
      },
    }),
    audit: await db.auditEntry.count({ where: { shopId } }),
    webhooks: await db.webhookEvent.count({ where: { shopDomain: data.shop.domain } }),
    backfills: await db.backfill.count({ where: { shopId } }),
    sessions: await db.session.findMany({ where: { shop: data.shop.domain }, orderBy: { id: "asc" } }),
    woo: await db.wooStore.findMany({ where: { shop: { domain: data.wooStoreUrl } } }),
  };
}

interface Probe {
  /** The route file in app/routes it exercises; rows for absent files are skipped. */
  route: string;
  name: string;
  method: "GET" | "POST";
  path: (a: TenantData, b: TenantData) => string;
  form?: (a: TenantData, b: TenantData) => Array<[string, string]>;
  headers?: (a: TenantData, b: TenantData) => Record<string, string>;
  body?: (a: TenantData, b: TenantData) => string;
  /** Requests authenticated by something other than the admin session (a store's signature). */
  unauthenticated?: boolean;
  /** What the page shows back of the request itself (a search box), left out of the scan. */
  echo?: string;
}

const encoded = (gid: string) => encodeURIComponent(gid);

/** The table: adding a route that takes shop data is adding rows here (the coverage test insists). */
const PROBES: Probe[] = [
  { route: "app._index.tsx", name: "home page", method: "GET", path: () => "/app" },
  { route: "app.tsx", name: "app frame", method: "GET", path: () => "/app?locale=da" },
  {
    route: "api.orders.$orderId.transfer-status.ts",
    name: "B's booked order's status",
    method: "GET",
    path: (_a, b) => `/api/orders/${encoded(b.booked.gid)}/transfer-status`,
  },
  {
    route: "api.orders.$orderId.transfer-status.ts",
    name: "the shared order id's status",
    method: "GET",
    path: (a) => `/api/orders/${encoded(a.shared.gid)}/transfer-status`,
  },
  {
    route: "api.orders.$orderId.transfer.ts",
    name: "Transfer on B's failed order",
    method: "POST",
    path: (_a, b) => `/api/orders/${encoded(b.failed.gid)}/transfer`,
  },
  {
    route: "api.orders.$orderId.transfer.ts",
    name: "Transfer on B's booked order",
    method: "POST",
    path: (_a, b) => `/api/orders/${encoded(b.booked.gid)}/transfer`,
  },
  { route: "app.transfers.tsx", name: "transfers list", method: "GET", path: () => "/app/transfers" },
  {
    route: "app.transfers.tsx",
    name: "transfers search for B's marker and number",
    method: "GET",
    path: () => `/app/transfers?q=${MARK.b}-7001`,
    echo: `${MARK.b}-7001`,
  },
  {
    route: "app.transfers.tsx",
    name: "transfers search for B's order name",
    method: "GET",
    path: () => `/app/transfers?q=${encodeURIComponent(`#${MARK.b}-201`)}`,
    echo: `#${MARK.b}-201`,
  },
  { route: "app.transfers.tsx", name: "failed tab", method: "GET", path: () => "/app/transfers?tab=failed" },
  {
    route: "app.transfers.tsx",
    name: "pages around every sequence number",
    method: "GET",
    path: () => "/app/transfers?cursor=b999999999",
  },
  {
    route: "app.transfers.tsx",
    name: "retry of B's failed job by id",
    method: "POST",
    path: () => "/app/transfers",
    form: (_a, b) => [
      ["intent", "retry"],
      ["id", b.failed.jobId],
      ...b.jobIds.map((id): [string, string] => ["id", id]),
    ],
  },
  {
    route: "app.transfers.tsx",
    name: "historical import",
    method: "POST",
    path: () => "/app/transfers",
    form: () => [
      ["intent", "import"],
      ["from", "2026-01-01"],
      ["to", "2026-01-02"],
    ],
  },
  {
    route: "app.transfers.tsx",
    name: "bulk retry of all failed",
    method: "POST",
    path: () => "/app/transfers",
    form: () => [["intent", "retryAllFailed"]],
  },
  {
    route: "app.transfers.tsx",
    name: "resume",
    method: "POST",
    path: () => "/app/transfers",
    form: () => [["intent", "resume"]],
  },
  {
    route: "app.orders.$orderId.tsx",
    name: "B's booked order's page",
    method: "GET",
    path: (_a, b) => `/app/orders/${b.booked.numeric}`,
  },
  {
    route: "app.orders.$orderId.tsx",
    name: "the shared order's page",
    method: "GET",
    path: (a) => `/app/orders/${a.shared.numeric}`,
  },
  {
    route: "app.orders.$orderId.tsx",
    name: "Transfer on B's failed order's page",
    method: "POST",
    path: (_a, b) => `/app/orders/${b.failed.numeric}`,
    form: () => [["intent", "transfer"]],
  },
  { route: "app.payouts.tsx", name: "payouts list", method: "GET", path: () => "/app/payouts" },
  {
    route: "app.payouts.tsx",
    name: "fetch new payouts",
    method: "POST",
    path: () => "/app/payouts",
    form: () => [["intent", "sync"]],
  },
  {
    route: "app.payouts.$id.tsx",
    name: "B's payout's page",
    method: "GET",
    path: (_a, b) => `/app/payouts/${b.payoutId}`,
  },
  {
    route: "app.payouts.$id.tsx",
    name: "Retry on B's payout",
    method: "POST",
    path: (_a, b) => `/app/payouts/${b.payoutId}`,
    form: () => [["intent", "retry"]],
  },
  {
    route: "app.payouts.$id.tsx",
    name: "Transfer of B's order from B's payout",
    method: "POST",
    path: (_a, b) => `/app/payouts/${b.payoutId}`,
    form: (_a, b) => [
      ["intent", "transfer"],
      ["orderId", b.failed.gid],
    ],
  },
  { route: "app.settings.tsx", name: "settings page", method: "GET", path: () => "/app/settings" },
  {
    route: "app.settings.tsx",
    name: "settings save",
    method: "POST",
    path: () => "/app/settings",
    form: () => [["texts.header", "TENANTA saved {orderName}"]],
  },
  {
    route: "app.settings.preview.tsx",
    name: "settings preview",
    method: "POST",
    path: () => "/app/settings/preview",
    form: () => [["texts.header", "preview {orderName}"]],
  },
  {
    route: "app.settings.preview.tsx",
    name: "settings preview (GET)",
    method: "GET",
    path: () => "/app/settings/preview",
  },
  { route: "app.connect.tsx", name: "connect page", method: "GET", path: () => "/app/connect" },
  {
    route: "app.connect.tsx",
    name: "choose B's organisation",
    method: "POST",
    path: () => "/app/connect",
    form: () => [
      ["intent", "organisation"],
      ["organisationId", String(ORG.b)],
    ],
  },
  {
    route: "app.connect.tsx",
    name: "test B's credentials",
    method: "POST",
    path: () => "/app/connect",
    form: () => [
      ["intent", "test"],
      ["provider", "dinero"],
    ],
  },
  { route: "app.demo.tsx", name: "demo page", method: "GET", path: () => "/app/demo" },
  { route: "auth.$.tsx", name: "auth callback", method: "GET", path: () => "/auth/session-token" },
  {
    route: "api.woocommerce.transfer.ts",
    name: "A's store secret, B's store header",
    method: "POST",
    unauthenticated: true,
    path: () => "/api/woocommerce/transfer",
    body: (_a, b) => pluginBody(b.wooStoreUrl),
    headers: (a, b) => ({
      "content-type": "application/json",
      "x-lb-shop": b.wooStoreUrl,
      "x-lb-signature": signPluginBody(pluginBody(b.wooStoreUrl), a.wooStoreSecret),
    }),
  },
  {
    route: "api.woocommerce.transfer.ts",
    name: "A's store, a body naming B's store",
    method: "POST",
    unauthenticated: true,
    path: () => "/api/woocommerce/transfer",
    body: (_a, b) => pluginBody(b.wooStoreUrl),
    headers: (a, b) => ({
      "content-type": "application/json",
      "x-lb-shop": a.wooStoreUrl,
      "x-lb-signature": signPluginBody(pluginBody(b.wooStoreUrl), a.wooStoreSecret),
    }),
  },
  {
    route: "woocommerce.settings.tsx",
    name: "B's settings link signed with A's store secret",
    method: "GET",
    unauthenticated: true,
    path: (a, b) =>
      `/woocommerce/settings?token=${encodeURIComponent(settingsToken(b.wooStoreUrl, Math.floor(Date.now() / 1000) + 600, a.wooStoreSecret))}`,
  },
];

function pluginBody(storeUrl: string): string {
  return phpJsonEncode({
    shop: storeUrl,
    order_ids: [1],
    requested_by: 1,
    timestamp: Math.floor(Date.now() / 1000),
  });
}

/** Routes that identify the shop by something else than the admin session, and why they are not probed. */
const NOT_SHOP_DATA: Record<string, string> = {
  "_index.tsx": "redirects to /app",
  "healthz.ts": "database status only",
  "connect.dinero.callback.tsx":
    "the signed OAuth state names the shop (its signature is the Dinero connect tests' concern)",
  "woocommerce.callback.tsx": "wc-auth key delivery, matched by a one-time state hash",
  "woocommerce.connect.tsx": "starts wc-auth for a store URL the merchant types",
  "woocommerce.connected.tsx": "wc-auth return page, matched by a one-time state hash",
  "woocommerce.logout.tsx": "clears the WooCommerce session cookie; reads and changes nothing",
};

const ROUTES = routeFiles();

describe("tenant isolation: the probe table", () => {
  it("covers every route that is not a webhook", () => {
    const probed = new Set(PROBES.map((probe) => probe.route));
    const unlisted = ROUTES.filter(
      (route) =>
        !route.file.startsWith("webhooks.") && !probed.has(route.file) && !(route.file in NOT_SHOP_DATA),
    ).map((route) => route.file);
    // Webhook routes are attacked by hostile-webhooks.test.ts; every other route is listed here.
    expect(unlisted).toEqual([]);
    for (const route of ROUTES.filter((r) => r.source.includes("requireAdmin("))) {
      expect(probed.has(route.file), `${route.file} takes an admin session`).toBe(true);
    }
  });
});

const MODES = [
  { mode: "Shopify", shopifyMode: true },
  { mode: "local", shopifyMode: false },
] as const;

describe.each(MODES)(
  `tenant isolation in $mode mode (${onPostgres ? "PostgreSQL" : "PGlite"})`,
  ({ shopifyMode }) => {
    let database: AppDatabase;
    let app: ManagedApp;
    let dinero: DineroSimulator;
    let a: TenantData;
    let b: TenantData;
    let before: Awaited<ReturnType<typeof snapshot>>;
    const key = randomBytes(32).toString("base64");
    const box = new SecretBox(secretKeyFromBase64(key));
    const domainA = shopifyMode ? "tenant-a.myshopify.com" : LOCAL_SHOP_DOMAIN;
    const probes = PROBES.filter((probe) => ROUTES.some((route) => route.file === probe.route));

    beforeAll(async () => {
      dinero = await startDineroSimulator({
        organizations: [
          { id: ORG.a, name: `${MARK.a} Regnskab ApS` },
          { id: ORG.b, name: `${MARK.b} Regnskab ApS` },
        ],
        apiKeys: { [API_KEY.a]: ORG.a, [API_KEY.b]: ORG.b },
        rateLimit: { limit: 1_000_000, windowMs: 60_000 },
      });
      database = await createAppDatabase();
      await database.use(async (db) => {
        a = await seedTenant(db, box, "a", domainA);
        b = await seedTenant(db, box, "b", "tenant-b.myshopify.com");
        if (shopifyMode) {
          await seedOfflineSession(db, a.shop.domain, { accessToken: "shpat_tenant_a_offline" }, box);
          await seedOfflineSession(db, b.shop.domain, { accessToken: "shpat_tenant_b_offline" }, box);
        }
        before = await snapshot(db, b);
      });
      app = await launchApp({
        ...database.env,
        ENCRYPTION_KEY: key,
        DINERO_API_BASE_URL: dinero.url,
        DINERO_AUTH_BASE_URL: dinero.authUrl,
        // Reading an order from the shop's Admin API goes nowhere: no Shopify here.
        SHOPIFY_ADMIN_BASE_URL: "http://127.0.0.1:9",
        WORKER_IN_PROCESS: "false",
        LOG_LEVEL: "warn",
        ...(shopifyMode
          ? {
              SHOPIFY_API_KEY: APP.apiKey,
              SHOPIFY_API_SECRET: APP.apiSecret,
              SHOPIFY_APP_URL: "https://ledger-bridge.example",
            }
          : {}),
      });
    }, 300_000);
    afterAll(async () => {
      await killAllApps();
      await dinero?.close();
      await database?.close();
    });

    const request = async (probe: Probe, as: TenantData) => {
      const form = probe.form?.(a, b);
      const headers: Record<string, string> = {
        ...(shopifyMode && !probe.unauthenticated ? adminHeaders(sessionToken(as.shop.domain, APP)) : {}),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...probe.headers?.(a, b),
      };
      const body = form ? new URLSearchParams(form).toString() : probe.body?.(a, b);
      const response = await fetch(`${app.url}${probe.path(a, b)}`, {
        method: probe.method,
        headers,
        redirect: "manual",
        ...(body === undefined ? {} : { body }),
      });
      return {
        status: response.status,
        text: await response.text(),
        location: response.headers.get("location"),
      };
    };

    it("shows A its own data (the probes reach the data, they are not just refused)", async () => {
      const status = await fetch(`${app.url}/api/orders/${encoded(a.booked.gid)}/transfer-status`, {
        headers: shopifyMode ? adminHeaders(sessionToken(a.shop.domain, APP)) : {},
      });
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ status: "transferred", documentNumber: `${MARK.a}-7001` });
      const list = await fetch(`${app.url}/app/transfers`, {
        headers: shopifyMode ? adminHeaders(sessionToken(a.shop.domain, APP)) : {},
      });
      expect(list.status).toBe(200);
      expect(await list.text()).toContain(`${MARK.a}-7001`);
    });

    it.each(probes.map((probe) => [`${probe.method} ${probe.route}: ${probe.name}`, probe] as const))(
      "%s returns nothing of B",
      async (_label, probe) => {
        const response = await request(probe, a);
        if (probe.echo) response.text = response.text.replaceAll(probe.echo, "");
        const label = `${probe.method} ${probe.path(a, b)} → ${response.status}`;
        expect(response.status, `${label}\n${response.text.slice(0, 500)}`).toBeLessThan(500);
        for (const leak of [MARK.b, ...b.jobIds, b.wooStoreSecret, "shpat_tenant_b"]) {
          const at = response.text.indexOf(leak);
          expect(
            at,
            `${label} contains ${leak}: …${response.text.slice(Math.max(0, at - 150), at + 150)}…`,
          ).toBe(-1);
          expect(response.location?.includes(leak) ?? false, `${label} redirects with ${leak}`).toBe(false);
        }
      },
    );

    if (shopifyMode) {
      it("shows B its own data with B's session token, and refuses forged tokens", async () => {
        const asB = await fetch(`${app.url}/api/orders/${encoded(b.shared.gid)}/transfer-status`, {
          headers: adminHeaders(sessionToken(b.shop.domain, APP)),
        });
        expect(await asB.json()).toMatchObject({ status: "transferred", documentNumber: `${MARK.b}-7999` });
        const forged = await fetch(`${app.url}/api/orders/${encoded(b.shared.gid)}/transfer-status`, {
          headers: adminHeaders(sessionToken(b.shop.domain, { ...APP, apiSecret: "not-the-app-secret" })),
        });
        expect(forged.status).toBeGreaterThanOrEqual(400);
        expect(await forged.text()).not.toContain(MARK.b);
      });
    }

    it("with A's WooCommerce store session, every probe shows nothing of B (cookie checked first)", async () => {
      const opened = await fetch(
        `${app.url}/woocommerce/settings?token=${encodeURIComponent(settingsToken(a.wooStoreUrl, Math.floor(Date.now() / 1000) + 300, a.wooStoreSecret))}`,
        { redirect: "manual" },
      );
      expect(opened.status).toBe(303);
      const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect(cookie).toMatch(/^lb_woo_admin=/);
      const home = await fetch(`${app.url}/app?locale=en`, { headers: { cookie } });
      expect(await home.text()).toContain(`WooCommerce store ${a.wooStoreUrl}`);
      // The store's own pages only; the historical import would try to reach the (fictional) store.
      for (const probe of probes.filter((p) => !p.unauthenticated && p.name !== "historical import")) {
        const form = probe.form?.(a, b);
        const response = await fetch(`${app.url}${probe.path(a, b)}`, {
          method: probe.method,
          redirect: "manual",
          headers: { cookie, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
          ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        });
        let text = await response.text();
        if (probe.echo) text = text.replaceAll(probe.echo, "");
        const label = `${probe.method} ${probe.path(a, b)} with A's store cookie → ${response.status}`;
        expect(response.status, `${label}\n${text.slice(0, 500)}`).toBeLessThan(500);
        for (const leak of [MARK.b, ...b.jobIds, b.wooStoreSecret, b.wooStoreUrl, "shpat_tenant_b"]) {
          expect(text.includes(leak), `${label} contains ${leak}`).toBe(false);
        }
      }
    });

    it("changed nothing of B, while A's own actions took effect", async () => {
      await app.kill("SIGTERM");
      await database.use(async (db) => {
        expect(await snapshot(db, b)).toEqual(before);
        // A's bulk retry and resume reached A: its failed jobs are queued again, the shop resumed.
        const aFailed = await db.job.findUniqueOrThrow({ where: { id: a.failed.jobId } });
        expect(aFailed.status).toBe("queued");
        expect((await db.shop.findUniqueOrThrow({ where: { id: a.shop.id } })).paused).toBe(false);
      });
    });
  },
);
