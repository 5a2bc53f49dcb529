import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { startBillySimulator } from "../../simulators/billy";
import type { BillySimulator } from "../../simulators/billy";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { startDynaccountSimulator } from "../../simulators/dynaccount";
import type { RunningDynaccountSimulator } from "../../simulators/dynaccount";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { startEconomicSimulator } from "../../simulators/economic";
import type { RunningEconomicSimulator } from "../../simulators/economic";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import { log } from "../../app/lib/log.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { startWooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { openWebhookSecret, saveWooStore } from "../../app/sources/woocommerce/woo-store-repo.server";
import { signShopifyWebhook } from "../../app/webhooks/verify-local-webhook.server";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase, ManagedApp } from "../support/reliability-app";
import {
  allProcessOutput,
  createAppDatabase,
  killAllApps,
  launchApp,
  waitUntil,
} from "../support/reliability-app";
import { Canaries } from "../support/reliability-canaries";
import { settingsForLedger } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { adminHeaders, seedOfflineSession, sessionToken } from "../support/reliability-session";
import { seedShop } from "../support/reliability-shops";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { newDanishOrder, PAID } from "../woocommerce/woo-harness";

/**
 * The secret scan: every secret the app holds gets a known canary value — the ledger
 * credentials of all four ledgers (right ones, used for real transfers, and wrong ones, which end
 * in errors), Dinero's Visma Connect tokens (refreshed on the way), WooCommerce's REST keys and
 * per-store secrets, LOCAL_WEBHOOK_SECRET, SHOPIFY_API_SECRET, ENCRYPTION_KEY and the shop's
 * Shopify access token. The app runs in local and in Shopify mode at LOG_LEVEL=debug, the engine
 * also in this process; then no canary — nor its base64, hex or URL-encoded form — may appear in
 * any log line, any HTTP response or any database row, and every credential column is sealed.
 * Runtime: ~40–60 s (two app starts, ten transfers).
 */

const PROVIDERS: LedgerProviderId[] = ["dinero", "billy", "economic", "dynaccount"];
const HARNESS = { billy: billyHarness, economic: economicHarness, dynaccount: dynaccountHarness } as const;
const SEALED = /^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]*$/;
const PERSONAL_CLIENT_ID = "lb-personal-client";
const VISMA_CLIENT_ID = "isv_ledger_bridge";

describe("secrets never leave the server", () => {
  const canaries = new Canaries();
  const encryptionKey = canaries.addKey("ENCRYPTION_KEY", randomBytes(32).toString("base64"));
  const box = new SecretBox(secretKeyFromBase64(encryptionKey));
  const localWebhookSecret = canaries.make("LOCAL_WEBHOOK_SECRET");
  const shopifyApiSecret = canaries.make("SHOPIFY_API_SECRET");
  const shopifyAccessToken = canaries.add(
    "shopify-offline-token",
    `shpat_${randomBytes(16).toString("hex")}`,
  );
  const shopifyRefreshToken = canaries.add(
    "shopify-refresh-token",
    `shprt_${randomBytes(16).toString("hex")}`,
  );
  const dineroSecrets = {
    clientSecret: canaries.make("dinero-client-secret"),
    apiKey: canaries.make("dinero-api-key"),
    vismaClientSecret: canaries.make("dinero-visma-client-secret"),
    accessToken: canaries.make("dinero-access-token"),
    refreshToken: canaries.make("dinero-refresh-token"),
  };
  const billyToken = canaries.make("billy-access-token");
  const economicTokens = {
    appSecretToken: canaries.make("economic-app-secret-token"),
    agreementGrantToken: canaries.make("economic-agreement-grant-token"),
  };
  const dynaccountKeys = {
    apiKey: canaries.hex40("dynaccount-api-key"),
    apiSecret: canaries.hex40("dynaccount-api-secret"),
  };
  const wrong: Record<LedgerProviderId, Record<string, unknown>> = {
    dinero: {
      kind: "apiKey",
      clientId: PERSONAL_CLIENT_ID,
      clientSecret: canaries.make("wrong-dinero-client-secret"),
      apiKey: canaries.make("wrong-dinero-api-key"),
    },
    billy: { accessToken: canaries.make("wrong-billy-access-token") },
    economic: {
      appSecretToken: canaries.make("wrong-economic-app-secret"),
      agreementGrantToken: canaries.make("wrong-economic-grant"),
    },
    dynaccount: {
      apiId: "100001",
      apiKey: canaries.hex40("wrong-dynaccount-api-key"),
      apiSecret: canaries.hex40("wrong-dynaccount-api-secret"),
    },
  };

  let dinero: DineroSimulator;
  let billy: BillySimulator;
  let economic: RunningEconomicSimulator;
  let dynaccount: RunningDynaccountSimulator;
  let woo: WooSimulator;
  const databases: AppDatabase[] = [];
  let inProcessDb: TestDatabase | undefined;
  const responses: Array<{ where: string; text: string }> = [];
  let inProcessOutput = "";

  const ledgerEnv = () => ({
    DINERO_API_BASE_URL: dinero.url,
    DINERO_AUTH_BASE_URL: dinero.authUrl,
    BILLY_API_BASE_URL: billy.apiBaseUrl,
    ECONOMIC_API_BASE_URL: economic.url,
    DYNACCOUNT_API_BASE_URL: dynaccount.url,
  });
  const rightCredentials = (provider: LedgerProviderId) =>
    ({
      dinero: {
        kind: "apiKey",
        clientId: PERSONAL_CLIENT_ID,
        clientSecret: dineroSecrets.clientSecret,
        apiKey: dineroSecrets.apiKey,
      },
      billy: { accessToken: billyToken },
      economic: economicTokens,
      dynaccount: { apiId: dynaccount.company.apiId, ...dynaccountKeys },
    })[provider];
  const connectionFor = (provider: LedgerProviderId, credentials: Record<string, unknown>) => ({
    provider,
    credentials,
    ...(provider === "dinero" ? { organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId) } : {}),
  });
  const settingsFor = (provider: LedgerProviderId) =>
    provider === "dinero" ? undefined : settingsForLedger(HARNESS[provider]);

  beforeAll(async () => {
    dinero = await startDineroSimulator({
      clients: [
        { clientId: PERSONAL_CLIENT_ID, clientSecret: dineroSecrets.clientSecret },
        { clientId: VISMA_CLIENT_ID, clientSecret: dineroSecrets.vismaClientSecret },
      ],
      apiKeys: { [dineroSecrets.apiKey]: DINERO_SIMULATOR_DEFAULTS.organizationId },
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    });
    dinero.state.refreshTokens.set(dineroSecrets.refreshToken, {
      clientId: VISMA_CLIENT_ID,
      scope: "dineropublicapi:read dineropublicapi:write offline_access",
    });
    billy = await startBillySimulator({
      accessToken: billyToken,
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    });
    economic = await startEconomicSimulator({
      ...economicTokens,
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    });
    dynaccount = await startDynaccountSimulator({ company: dynaccountKeys });
    woo = await startWooSimulator({ orders: [], refunds: [] });
    canaries.add("woocommerce-consumer-key", woo.credentials.consumerKey);
    canaries.add("woocommerce-consumer-secret", woo.credentials.consumerSecret);
  });
  afterAll(async () => {
    await killAllApps();
    for (const simulator of [dinero, billy, economic, dynaccount, woo]) await simulator?.close();
    for (const database of databases) await database.close();
    await inProcessDb?.close();
  });

  /** Every request's answer is kept for the scan. */
  async function call(app: ManagedApp, path: string, init: RequestInit = {}) {
    const response = await fetch(`${app.url}${path}`, { redirect: "manual", ...init });
    const text = await response.text();
    responses.push({
      where: `${init.method ?? "GET"} ${path} → ${response.status}`,
      text: `${JSON.stringify([...response.headers])}\n${text}`,
    });
    return { status: response.status, text };
  }

  const webhook = (app: ManagedApp, topic: string, shop: string, body: string, secret: string) =>
    call(app, `/webhooks/${topic}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-shop-domain": shop,
        "x-shopify-webhook-id": `scan-${randomBytes(8).toString("hex")}`,
        "x-shopify-api-version": "2026-10",
        "x-shopify-hmac-sha256": signShopifyWebhook(body, secret),
      },
      body,
    });

  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

  const credentialFields = (credentials: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(credentials)
        .filter(([key]) => key !== "kind")
        .map(([key, value]) => [`credential.${key}`, String(value)]),
    );

  it("local mode: transfers with all four ledgers, wrong credentials, Visma tokens, WooCommerce and the pages", async () => {
    const database = await createAppDatabase();
    databases.push(database);
    const wooOrder = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    let wooStores: Array<{ id: string; webhookSecret: string }> = [];
    await database.use(async (db) => {
      for (const provider of PROVIDERS) {
        await seedShop(db, {
          domain: `scan-${provider}.myshopify.com`,
          ...(settingsFor(provider) ? { settings: settingsFor(provider) } : {}),
          connection: connectionFor(provider, rightCredentials(provider)),
          box,
        });
        await seedShop(db, {
          domain: `scan-${provider}-wrong.myshopify.com`,
          ...(settingsFor(provider) ? { settings: settingsFor(provider) } : {}),
          connection: connectionFor(provider, wrong[provider]),
          box,
        });
      }
      await seedShop(db, {
        domain: "scan-visma.myshopify.com",
        connection: connectionFor("dinero", {
          kind: "oauth",
          clientId: VISMA_CLIENT_ID,
          clientSecret: dineroSecrets.vismaClientSecret,
          accessToken: dineroSecrets.accessToken,
          refreshToken: dineroSecrets.refreshToken,
          // Expired: the first call refreshes it, and the rotated tokens are stored sealed.
          expiresAt: Date.now() - 60_000,
        }),
        box,
      });
      const store = await saveWooStore(db, box, {
        storeUrl: `${woo.url}/`,
        appUrl: "http://127.0.0.1/",
        keys: woo.credentials,
      });
      const wrongStore = await saveWooStore(db, box, {
        storeUrl: "http://127.0.0.1:9/",
        appUrl: "http://127.0.0.1/",
        keys: {
          consumerKey: canaries.make("wrong-woocommerce-consumer-key"),
          consumerSecret: canaries.make("wrong-woocommerce-consumer-secret"),
        },
      });
      wooStores = [
        { id: store.shopId, webhookSecret: await openWebhookSecret(db, box, store) },
        { id: wrongStore.shopId, webhookSecret: await openWebhookSecret(db, box, wrongStore) },
      ];
      wooStores.forEach((entry, index) =>
        canaries.add(`woocommerce-webhook-secret-${index}`, entry.webhookSecret),
      );
    });
    const app = await launchApp({
      ...database.env,
      ...ledgerEnv(),
      ENCRYPTION_KEY: encryptionKey,
      LOCAL_WEBHOOK_SECRET: localWebhookSecret,
      LEDGER_REQUESTS_PER_MINUTE: "1000000",
      WORKER_POLL_MS: "100",
      LOG_LEVEL: "debug",
    });

    const shops = [...PROVIDERS.flatMap((p) => [`scan-${p}`, `scan-${p}-wrong`]), "scan-visma"];
    for (const [index, shop] of shops.entries()) {
      const { order, refund } = shopOrder(index, 1);
      expect(
        (await webhook(app, "orders/paid", `${shop}.myshopify.com`, order, localWebhookSecret)).status,
      ).toBe(200);
      expect(
        (await webhook(app, "refunds/create", `${shop}.myshopify.com`, refund, localWebhookSecret)).status,
      ).toBe(200);
    }
    // The store with the right keys is read through its REST API; the other one's keys fail.
    const wooBody = JSON.stringify({ id: wooOrder, status: "processing" });
    for (const store of wooStores) {
      const delivery = await call(app, `/webhooks/woocommerce/${store.id}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-wc-webhook-topic": "order.updated",
          "x-wc-webhook-id": "1",
          "x-wc-webhook-delivery-id": "scan-1",
          "x-wc-webhook-signature": createHmac("sha256", store.webhookSecret)
            .update(wooBody)
            .digest("base64"),
        },
        body: wooBody,
      });
      expect(delivery.status).toBe(200);
    }

    // The merchant's side: testing wrong and right keys, saving them, and every page after.
    for (const provider of PROVIDERS) {
      const tested = await call(
        app,
        "/app/connect",
        form({ intent: "test", provider, ...credentialFields(wrong[provider]) }),
      );
      expect(tested.status, `testing wrong ${provider} keys`).toBe(422);
      const right = await call(
        app,
        "/app/connect",
        form({ intent: "test", provider, ...credentialFields(rightCredentials(provider)) }),
      );
      expect(right.status, `testing right ${provider} keys: ${right.text.slice(0, 300)}`).toBe(200);
    }
    const saved = await call(
      app,
      "/app/connect",
      form({ intent: "save", provider: "billy", ...credentialFields(rightCredentials("billy")) }),
    );
    expect(saved.status).toBe(302);
    for (const path of [
      "/app",
      "/app/connect",
      "/app/settings",
      "/app/transfers",
      "/app/transfers?tab=failed",
    ]) {
      expect((await call(app, path)).status, path).toBe(200);
    }
    await call(app, `/api/orders/${encodeURIComponent(danishOrder(1).orderId)}/transfer-status`);

    // Right credentials book; wrong ones fail. Wait for the books, then for the ledgers to go quiet.
    await waitUntil(
      () =>
        [
          ...(dinero.state.organizations
            .get(DINERO_SIMULATOR_DEFAULTS.organizationId)
            ?.creditNotes.values() ?? []),
        ].length >= 2 && billy.state.invoices.size >= 2,
      90_000,
      "the transfers with the right credentials",
      200,
    );
    let seen = -1;
    await waitUntil(
      () => {
        const now =
          dinero.requests.length +
          billy.requests.length +
          economic.requests.length +
          dynaccount.requests.length;
        const quiet = now === seen;
        seen = now;
        return quiet;
      },
      60_000,
      "the ledgers to go quiet",
      1500,
    );
    await app.kill("SIGTERM");
    await database.use(async (db) => {
      const jobs = await db.job.findMany({ include: { shop: { select: { domain: true } } } });
      const statusOf = (domain: string) =>
        jobs
          .filter((job) => job.shop.domain === domain)
          .map((job) => `${job.kind}:${job.status}`)
          .sort();
      for (const provider of PROVIDERS) {
        expect(statusOf(`scan-${provider}.myshopify.com`), provider).toEqual([
          "creditNote:succeeded",
          "invoice:succeeded",
        ]);
        expect(statusOf(`scan-${provider}-wrong.myshopify.com`), `wrong ${provider}`).toContain(
          "invoice:failed",
        );
      }
      expect(statusOf("scan-visma.myshopify.com")).toEqual(["creditNote:succeeded", "invoice:succeeded"]);
      expect(jobs.filter((job) => job.shop.domain === `${woo.url}/`).length).toBeGreaterThan(0);
    });
  }, 300_000);

  it("Shopify mode: session tokens, signed webhooks, and the offline token sealed on first use", async () => {
    const database = await createAppDatabase();
    databases.push(database);
    const shop = "scan-shopify.myshopify.com";
    await database.use(async (db) => {
      await seedShop(db, {
        domain: shop,
        connection: connectionFor("dinero", rightCredentials("dinero")),
        box,
      });
      // Stored in plain text, as a release before sealed sessions did.
      await seedOfflineSession(db, shop, {
        accessToken: shopifyAccessToken,
        refreshToken: shopifyRefreshToken,
      });
    });
    const app = await launchApp({
      ...database.env,
      ...ledgerEnv(),
      ENCRYPTION_KEY: encryptionKey,
      SHOPIFY_API_KEY: "secret-scan-api-key",
      SHOPIFY_API_SECRET: shopifyApiSecret,
      SHOPIFY_APP_URL: "https://ledger-bridge.example",
      SHOPIFY_ADMIN_BASE_URL: "http://127.0.0.1:9",
      LEDGER_REQUESTS_PER_MINUTE: "1000000",
      WORKER_POLL_MS: "100",
      LOG_LEVEL: "debug",
    });
    const app_ = { apiKey: "secret-scan-api-key", apiSecret: shopifyApiSecret };
    const { order, orderId } = danishOrder(4242);
    expect((await webhook(app, "orders/paid", shop, order, shopifyApiSecret)).status).toBe(200);
    expect((await webhook(app, "orders/paid", shop, order, "a guessed secret")).status).toBe(401);
    const headers = () => adminHeaders(sessionToken(shop, app_));
    for (const path of ["/app", "/app/connect", "/app/settings", "/app/transfers", `/app/orders/4242`]) {
      expect((await call(app, path, { headers: headers() })).status, path).toBe(200);
    }
    const tested = await call(app, "/app/connect", {
      ...form({ intent: "test", provider: "dinero", ...credentialFields(wrong.dinero) }),
      headers: { ...headers(), "content-type": "application/x-www-form-urlencoded" },
    });
    expect(tested.status).toBe(422);
    const forged = await call(app, "/app", {
      headers: adminHeaders(sessionToken(shop, { ...app_, apiSecret: "guess" })),
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    await waitUntil(
      async () =>
        (
          await call(app, `/api/orders/${encodeURIComponent(orderId)}/transfer-status`, {
            headers: headers(),
          })
        ).text.includes('"transferred"'),
      60_000,
      "the Shopify-mode transfer",
      300,
    );
    await app.kill("SIGTERM");
    await database.use(async (db) => {
      const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
      expect(session.accessToken).toMatch(SEALED);
      expect(session.refreshToken).toMatch(SEALED);
      expect(box.open(session.accessToken)).toBe(shopifyAccessToken);
    });
  }, 300_000);

  it("in this process: the engine with wrong keys and a revoked Visma token, and the logger's masking", async () => {
    const saved = { ...process.env };
    const write = {
      out: process.stdout.write.bind(process.stdout),
      err: process.stderr.write.bind(process.stderr),
    };
    const capture =
      (original: typeof write.out) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        inProcessOutput += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return (original as (chunk: string | Uint8Array, ...args: unknown[]) => boolean)(chunk, ...rest);
      };
    Object.assign(process.env, ledgerEnv(), { LOG_LEVEL: "debug", ENCRYPTION_KEY: encryptionKey });
    resetEnvForTests();
    process.stdout.write = capture(write.out) as typeof process.stdout.write;
    process.stderr.write = capture(write.err) as typeof process.stderr.write;
    try {
      inProcessDb = await createTestDatabase();
      const db: PrismaClient = inProcessDb.prisma;
      for (const [index, provider] of PROVIDERS.entries()) {
        const shop = await seedShop(db, {
          domain: `inproc-${provider}.myshopify.com`,
          ...(settingsFor(provider) ? { settings: settingsFor(provider) } : {}),
          connection: connectionFor(provider, wrong[provider]),
          box,
        });
        await ingestShopifyEvent(db, {
          shopDomain: shop.domain,
          topic: "orders/paid",
          rawBody: shopOrder(index, 2).order,
        });
      }
      const visma = await seedShop(db, {
        domain: "inproc-visma.myshopify.com",
        connection: connectionFor("dinero", {
          kind: "oauth",
          clientId: VISMA_CLIENT_ID,
          clientSecret: dineroSecrets.vismaClientSecret,
          accessToken: canaries.make("revoked-dinero-access-token"),
          refreshToken: canaries.make("revoked-dinero-refresh-token"),
          expiresAt: Date.now() - 60_000,
        }),
        box,
      });
      await ingestShopifyEvent(db, {
        shopDomain: visma.domain,
        topic: "orders/paid",
        rawBody: shopOrder(9, 2).order,
      });
      const worker = createTransferWorker(db, {
        box,
        backoff: { baseMs: 5, maxMs: 20, maxAttempts: 2 },
        // In-process simulators store what they receive at once: a short margin before looking up.
        writeMarginMs: 200,
        ledgerTimeoutMs: 5000,
        rateLimit: { perMinute: 1_000_000, burst: 100_000 },
      });
      for (let i = 0; i < 50 && (await worker.runOnce()); i++);
      const jobs = await db.job.findMany();
      expect(jobs.map((job) => job.status)).toEqual(jobs.map(() => "failed"));
      expect(jobs).toHaveLength(PROVIDERS.length + 1);
      // The logger masks secret-looking fields, nested ones too, as a last line of defence.
      log.error("ledger rejected the connection", {
        apiKey: dineroSecrets.apiKey,
        credentials: { accessToken: billyToken },
        connection: {
          provider: "economic",
          credentials: economicTokens,
          appSecretToken: economicTokens.appSecretToken,
        },
        requests: [{ headers: { authorization: `Bearer ${dineroSecrets.accessToken}` } }],
      });
      expect(inProcessOutput).toContain("ledger rejected the connection");
    } finally {
      process.stdout.write = write.out;
      process.stderr.write = write.err;
      process.env = saved;
      resetEnvForTests();
    }
  }, 120_000);

  it("finds no canary in any log line, response or database row, and every credential column sealed", async () => {
    // Tokens the Dinero simulator issued during the run are secrets too.
    for (const token of [...dinero.state.tokens.keys(), ...dinero.state.refreshTokens.keys()]) {
      if (token.length >= 12) canaries.add(`dinero-issued-${token.slice(0, 6)}`, token);
    }
    // The scanner itself finds what it looks for, in each form.
    expect(canaries.scan("self-check", `x${Buffer.from(billyToken).toString("base64")}x`)).toHaveLength(1);
    expect(canaries.scan("self-check", Buffer.from(encryptionKey, "base64").toString("hex"))).toHaveLength(1);
    const leaks: string[] = [];
    leaks.push(...canaries.scan("app process output", allProcessOutput()));
    leaks.push(...canaries.scan("in-process log output", inProcessOutput));
    for (const response of responses) leaks.push(...canaries.scan(response.where, response.text));
    const dumps: Array<{ where: string; db: (fn: (db: PrismaClient) => Promise<void>) => Promise<void> }> = [
      ...databases.map((database, index) => ({ where: `app database ${index + 1}`, db: database.use })),
      ...(inProcessDb
        ? [
            {
              where: "in-process database",
              db: (fn: (db: PrismaClient) => Promise<void>) => fn((inProcessDb as TestDatabase).prisma),
            },
          ]
        : []),
    ];
    let sealedColumns = 0;
    for (const dump of dumps) {
      await dump.db(async (db) => {
        const tables = {
          Shop: await db.shop.findMany(),
          ShopSettings: await db.shopSettings.findMany(),
          LedgerConnection: await db.ledgerConnection.findMany(),
          Job: await db.job.findMany(),
          AuditEntry: await db.auditEntry.findMany(),
          WebhookEvent: await db.webhookEvent.findMany(),
          Session: await db.session.findMany(),
          WooStore: await db.wooStore.findMany(),
          WooAuthRequest: await db.wooAuthRequest.findMany(),
          Backfill: await db.backfill.findMany(),
          RateLimitBucket: await db.rateLimitBucket.findMany(),
        };
        for (const [table, rows] of Object.entries(tables)) {
          const text = JSON.stringify(rows, (_key, value: unknown) =>
            typeof value === "bigint" ? String(value) : value,
          );
          leaks.push(...canaries.scan(`${dump.where}, table ${table}`, text));
        }
        const sealed = [
          ...tables.LedgerConnection.map((row) => row.credentials),
          ...tables.WooStore.flatMap((row) => [row.apiKeys, row.webhookSecret, row.storeSecret]),
          ...tables.Session.flatMap((row) => [
            row.accessToken,
            ...(row.refreshToken ? [row.refreshToken] : []),
          ]),
        ];
        for (const value of sealed) expect(value).toMatch(SEALED);
        sealedColumns += sealed.length;
      });
    }
    expect(leaks).toEqual([]);
    // The scan looked at real material: every flow ran and left output, answers and sealed rows.
    const output = allProcessOutput();
    for (const line of [
      '"message":"webhook recorded"',
      '"message":"woocommerce webhook"',
      '"level":"debug"',
    ]) {
      expect(output).toContain(line);
    }
    expect(responses.length).toBeGreaterThan(25);
    expect(sealedColumns).toBeGreaterThan(15);
    expect(canaries.labels().length).toBeGreaterThan(25);
  });
});
