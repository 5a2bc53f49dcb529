import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import type { PrismaClient, Shop } from "@prisma/client";
import type { ActionFunctionArgs } from "@remix-run/node";
import { resetEnvForTests } from "../../app/config/env.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import type { ShopSettingsInput } from "../../app/settings/settings-schema";
import * as transferRoute from "../../app/routes/api.woocommerce.transfer";
import * as webhookRoute from "../../app/routes/webhooks.woocommerce.$storeId";
import * as callbackRoute from "../../app/routes/woocommerce.callback";
import * as connectRoute from "../../app/routes/woocommerce.connect";
import * as connectedRoute from "../../app/routes/woocommerce.connected";
import * as settingsRoute from "../../app/routes/woocommerce.settings";
import type { WooJson } from "../../simulators/woocommerce/woo-sim-store";
import {
  startWooSimulator,
  type WooSimulator,
  type WooSimulatorOptions,
} from "../../simulators/woocommerce/woocommerce-simulator";
import { connectWithKeys } from "../../app/sources/woocommerce/connect-store.server";
import type { DineroSimulator, DineroSimulatorOptions } from "../../simulators/dinero";
import { startDineroSimulator } from "../../simulators/dinero";
import { connectDineroSimulator } from "../support/seed-dinero-shop";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The WooCommerce routes of the app served over real HTTP in this process, so the simulator's
 * webhooks and wc-auth callback reach them exactly as a store would, with the test's database.
 * (test/woocommerce/woo-app-process.test.ts covers the same routes in the built app.)
 */

type Handler = (args: ActionFunctionArgs) => Promise<Response> | Response;

/** One route served by `startRouteServer`: method, path pattern, its captured params, handler. */
export interface RouteSpec {
  method: string;
  pattern: RegExp;
  params: string[];
  handler: Handler;
}

const ROUTES: RouteSpec[] = [
  {
    method: "POST",
    pattern: /^\/webhooks\/woocommerce\/([^/]+)$/,
    params: ["storeId"],
    handler: webhookRoute.action,
  },
  { method: "POST", pattern: /^\/api\/woocommerce\/transfer$/, params: [], handler: transferRoute.action },
  { method: "GET", pattern: /^\/woocommerce\/connect$/, params: [], handler: connectRoute.loader },
  { method: "POST", pattern: /^\/woocommerce\/callback$/, params: [], handler: callbackRoute.action },
  { method: "GET", pattern: /^\/woocommerce\/connected$/, params: [], handler: connectedRoute.loader },
  { method: "GET", pattern: /^\/woocommerce\/settings$/, params: [], handler: settingsRoute.loader },
];

export interface RouteServer {
  url: string;
  /** Every request the routes answered: path and status. */
  log: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

/** Serves the WooCommerce routes, and `extra` routes (e.g. Shopify's webhooks) before them. */
export async function startRouteServer(extra: RouteSpec[] = []): Promise<RouteServer> {
  const log: RouteServer["log"] = [];
  const routes = [...extra, ...ROUTES];
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const match = route.pattern.exec(url.pathname) ?? [];
      const params = Object.fromEntries(
        route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
      );
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
      }
      const request = new Request(url, {
        method: req.method,
        headers,
        ...(req.method === "GET" ? {} : { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
      } as RequestInit);
      let response: Response;
      try {
        response = await route.handler({
          request,
          params,
          context: { clientAddress: req.socket.remoteAddress ?? "" },
        });
      } catch (thrown) {
        if (thrown instanceof Response) response = thrown;
        else {
          console.error(thrown);
          response = new Response(String(thrown), { status: 500 });
        }
      }
      log.push({ method: req.method ?? "", path: url.pathname, status: response.status });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function newSecretBox(): SecretBox {
  return new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
}

/** Local mode (no Shopify keys) with the test's database and secret box as the process-wide ones. */
export function useAppGlobals(db: PrismaClient, box: SecretBox): () => void {
  const saved = { ...process.env };
  for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "PUBLIC_APP_URL"]) {
    delete process.env[key];
  }
  process.env.LOG_LEVEL = "silent";
  resetEnvForTests();
  globalThis.ledgerBridgePrisma = db;
  globalThis.ledgerBridgeSecretBox = box;
  return () => {
    globalThis.ledgerBridgePrisma = undefined;
    globalThis.ledgerBridgeSecretBox = undefined;
    process.env = saved;
    resetEnvForTests();
  };
}

/** Settings for a WooCommerce shop, a Dinero connection to the simulator's organisation. */
export async function prepareWooShopForTransfers(
  db: PrismaClient,
  box: SecretBox,
  shop: Shop,
  settings: ShopSettingsInput = {
    version: 1,
    accounts: { giftCardLiability: "63080" },
    transfer: { trigger: "statuses", statuses: ["processing", "completed"] },
  },
): Promise<void> {
  await connectDineroSimulator(db, shop, { box, settings });
}

/** A Dinero simulator that the app's adapters reach: the DINERO_* base URLs point at it. */
export async function startDineroForApp(
  options: Omit<DineroSimulatorOptions, "validateRequests"> = {},
): Promise<DineroSimulator> {
  const dinero = await startDineroSimulator({ ...options, validateRequests: true });
  process.env.DINERO_API_BASE_URL = dinero.url;
  process.env.DINERO_AUTH_BASE_URL = dinero.authUrl;
  resetEnvForTests();
  return dinero;
}

/**
 * Connects the simulated store with its REST keys, as `ledger-bridge woocommerce connect` does
 * (webhooks registered to `appUrl`), and readies it for transfers to the Dinero simulator.
 */
export async function connectStoreForTransfers(
  db: PrismaClient,
  box: SecretBox,
  appUrl: string,
  woo: WooSimulator,
  settings?: ShopSettingsInput,
): Promise<Shop> {
  const connected = await connectWithKeys(
    { db, box, appUrl, allowPrivateStores: true },
    { storeUrl: woo.url, ...woo.credentials },
  );
  if (connected.status !== "connected") throw new Error(connected.message);
  const shop = await db.shop.findUniqueOrThrow({ where: { id: connected.shopId } });
  await prepareWooShopForTransfers(db, box, shop, settings);
  return shop;
}

/** A test database as the app's, its WooCommerce routes, the Dinero simulator and a store connected to both. */
export interface WooTransferBed {
  database: TestDatabase;
  db: PrismaClient;
  box: SecretBox;
  app: RouteServer;
  dinero: DineroSimulator;
  woo: WooSimulator;
  shop: Shop;
  /** Closes the store, Dinero and the routes, restores the process globals, closes the database. */
  close(): Promise<void>;
}

export interface WooTransferBedOptions {
  /** The store's orders and refunds; none by default. */
  store?: WooSimulatorOptions;
  settings?: ShopSettingsInput;
  /** Runs once the test database is the process-wide one, before any server starts. */
  onDatabase?: (database: TestDatabase) => void;
  /** Runs once the Dinero simulator is up, before the store is connected. */
  onDinero?: (dinero: DineroSimulator) => void;
}

/**
 * Everything a WooCommerce transfer test starts from: the store connected with its REST keys,
 * ready for transfers to the Dinero simulator, and the webhooks the connection sent delivered.
 */
export async function startWooTransferBed(options: WooTransferBedOptions = {}): Promise<WooTransferBed> {
  const database = await createTestDatabase();
  const db = database.prisma;
  const box = newSecretBox();
  // eslint-disable-next-line react-hooks/rules-of-hooks -- a test helper named use*, not a React hook
  const restore = useAppGlobals(db, box);
  let app: RouteServer | undefined;
  let dinero: DineroSimulator | undefined;
  let woo: WooSimulator | undefined;
  const close = async () => {
    await woo?.close();
    await dinero?.close();
    await app?.close();
    restore();
    await database.close();
  };
  try {
    options.onDatabase?.(database);
    app = await startRouteServer();
    dinero = await startDineroForApp();
    options.onDinero?.(dinero);
    woo = await startWooSimulator(options.store ?? { orders: [], refunds: [] });
    const shop = await connectStoreForTransfers(db, box, app.url, woo, options.settings);
    await woo.drainWebhooks();
    return { database, db, box, app, dinero, woo, shop, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/woocommerce");
export const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

/** The synthetic Danish order (25 % VAT, prices incl. VAT) as a new, unpaid checkout. */
export function newDanishOrder(overrides: WooJson = {}): WooJson {
  const order = JSON.parse(fixtureText("order-dk-incl-vat.synthetic.json")) as WooJson;
  for (const key of [
    "id",
    "number",
    "date_created",
    "date_created_gmt",
    "date_modified",
    "date_modified_gmt",
  ]) {
    delete order[key];
  }
  return {
    ...order,
    status: "pending",
    date_paid: null,
    date_paid_gmt: null,
    date_completed: null,
    date_completed_gmt: null,
    refunds: [],
    ...overrides,
  };
}

/** The synthetic refund's line items (one cup returned), for `store.createRefund`. */
export function danishRefundLines(): WooJson[] {
  return (JSON.parse(fixtureText("refund-dk.synthetic.json")) as { line_items: WooJson[] }).line_items;
}

export const PAID = {
  status: "processing",
  date_paid: "2026-11-20T10:00:00",
  date_paid_gmt: "2026-11-20T10:00:00",
};

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
