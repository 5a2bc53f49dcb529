import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { DineroSimulator } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { settingsToken, signPluginBody } from "../../app/sources/woocommerce/plugin-signature";
import { phpJsonEncode } from "../../simulators/woocommerce/woo-sim-json";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { openStoreSecret } from "../../app/sources/woocommerce/woo-store-repo.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import {
  danishRefundLines,
  newDanishOrder,
  newSecretBox,
  PAID,
  connectStoreForTransfers,
  startDineroForApp,
  startRouteServer,
  useAppGlobals,
  type RouteServer,
} from "./woo-harness";

const SIGNER = fileURLToPath(
  new URL("../../extensions/woocommerce/ledger-bridge/includes/class-lb-signer.php", import.meta.url),
);
const phpAvailable = spawnSync("sh", ["-c", "command -v php"]).status === 0;

/** What the companion plugin calls: the signed Transfer endpoint and the signed "Open Ledger Bridge" link. */
describe("WooCommerce plugin endpoints", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let box: SecretBox;
  let app: RouteServer;
  let woo: WooSimulator;
  let dinero: DineroSimulator;
  let shop: Shop;
  let secret: string;
  let restore: () => void;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    box = newSecretBox();
    restore = useAppGlobals(db, box);
    app = await startRouteServer();
    dinero = await startDineroForApp();
    woo = await startWooSimulator({ orders: [], refunds: [] });
    shop = await connectStoreForTransfers(db, box, app.url, woo, {
      version: 1,
      accounts: { giftCardLiability: "63080" },
      transfer: { trigger: "manual" },
    });
    secret = await openStoreSecret(
      db,
      box,
      await db.wooStore.findUniqueOrThrow({ where: { shopId: shop.id } }),
    );
  });
  afterAll(async () => {
    await woo?.close();
    await dinero?.close();
    await app?.close();
    restore?.();
    await database?.close();
  });
  beforeEach(async () => {
    await db.job.deleteMany();
  });

  /** The request LB_Api_Client sends: wp_json_encode'd body (escaped slashes), signed over its bytes. */
  function transfer(
    orderIds: number[],
    options: { timestamp?: number; secret?: string; shopHeader?: string; bodyShop?: string } = {},
  ) {
    const body = phpJsonEncode({
      shop: options.bodyShop ?? `${woo.url}/`,
      order_ids: orderIds,
      requested_by: 7,
      timestamp: options.timestamp ?? now(),
    });
    return fetch(`${app.url}/api/woocommerce/transfer`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-lb-shop": options.shopHeader ?? `${woo.url}/`,
        "x-lb-signature": signPluginBody(body, options.secret ?? secret),
      },
      body,
    });
  }

  it("signs like the plugin's LB_Signer (same test vector as its phpunit suite)", () => {
    expect(signPluginBody('{"a":1}', "secret-1")).toBe("kCt8oPgPWPCfB78hO5Z8D0h3fCsjijv/rsTtllgWULw=");
  });

  it("queues a signed Transfer once, then reports the document number; refunds follow as credit notes", async () => {
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    woo.store.createRefund(id, { amount: "112.50", lineItems: danishRefundLines() });
    await woo.drainWebhooks();
    // Trigger "manual": webhooks queue nothing, the button does.
    expect(await db.job.count()).toBe(0);

    const first = await transfer([id]);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ results: [{ order_id: id, outcome: "queued" }] });
    const again = await transfer([id]);
    expect(await again.json()).toMatchObject({ results: [{ order_id: id, outcome: "inProgress" }] });
    const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
    expect(jobs.map((j) => [j.kind, j.status, j.trigger])).toEqual([
      ["invoice", "queued", "manual"],
      ["creditNote", "waiting", "status"],
    ]);
    expect(jobs[0]?.orderName).toBe(`#${id}`);

    const worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      // In-process simulators store what they receive at once: a short margin before looking up.
      writeMarginMs: 200,
      ledgerTimeoutMs: 2000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
    for (let i = 0; i < 20 && (await worker.runOnce()); i++) await woo.drainWebhooks();
    const invoice = await db.job.findFirstOrThrow({ where: { kind: "invoice" } });
    expect(invoice.status).toBe("succeeded");
    expect((await db.job.findFirstOrThrow({ where: { kind: "creditNote" } })).status).toBe("succeeded");

    const done = await transfer([id]);
    expect(done.status).toBe(202);
    expect(await done.json()).toMatchObject({
      results: [{ order_id: id, outcome: "alreadyTransferred", document_number: invoice.documentNumber }],
    });
  });

  it("refuses a bad signature, a stale or future timestamp, another store, and says which order is missing", async () => {
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    expect((await transfer([id], { secret: "guessed" })).status).toBe(401);
    expect((await transfer([id], { timestamp: now() - 301 })).status).toBe(401);
    // Future by more than the 300 s window even when a loaded machine takes seconds to send it.
    expect((await transfer([id], { timestamp: now() + 360 })).status).toBe(401);
    expect((await transfer([id], { shopHeader: "https://other.example/" })).status).toBe(401);
    const mismatch = await transfer([id], { bodyShop: "https://other.example/" });
    expect(mismatch.status).toBe(400);
    expect(await db.job.count()).toBe(0);

    const missing = await transfer([987654]);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: "The order was not found in the store." });
    const malformed = phpJsonEncode({ shop: `${woo.url}/`, order_ids: [], timestamp: now() });
    const bad = await fetch(`${app.url}/api/woocommerce/transfer`, {
      method: "POST",
      headers: { "x-lb-shop": `${woo.url}/`, "x-lb-signature": signPluginBody(malformed, secret) },
      body: malformed,
    });
    expect(bad.status).toBe(400);
    expect(await db.job.count()).toBe(0);
  });

  it.skipIf(!phpAvailable)("accepts a request signed by the plugin's own PHP signer", async () => {
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    const script = `define('ABSPATH', '/'); require $argv[1];
      $body = wp_json_encode_compat(array('shop' => $argv[2], 'order_ids' => array((int) $argv[3]), 'requested_by' => 1, 'timestamp' => time()));
      echo json_encode(array('body' => $body, 'signature' => (new LB_Signer($argv[4]))->sign_body($body)));
      function wp_json_encode_compat($data) { return json_encode($data); }`;
    const run = spawnSync("php", ["-r", script, SIGNER, `${woo.url}/`, String(id), secret], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const signed = JSON.parse(run.stdout) as { body: string; signature: string };
    expect(signed.body).toContain("\\/");
    const response = await fetch(`${app.url}/api/woocommerce/transfer`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-lb-shop": `${woo.url}/`,
        "x-lb-signature": signed.signature,
      },
      body: signed.body,
    });
    expect(response.status).toBe(202);
    expect(await db.job.count({ where: { orderId: String(id) } })).toBe(1);
  });

  it("trades a valid settings link once for a session cookie on the app's Settings page", async () => {
    const open = (token: string, query = "") =>
      fetch(`${app.url}/woocommerce/settings?${query}token=${encodeURIComponent(token)}`, {
        redirect: "manual",
      });
    const token = settingsToken(`${woo.url}/`, now() + 300, secret);
    const page = await open(token);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/app/settings?locale=${shop.locale}`);
    expect(page.headers.get("set-cookie")).toMatch(
      /^lb_woo_admin=[^;]+; Max-Age=7200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(await page.text()).not.toContain(secret);

    // Single use: the same link again is refused, in the browser's language.
    const again = await open(token, "locale=da&");
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("Linket er udløbet, allerede brugt eller ugyldigt");

    for (const refusedToken of [
      settingsToken(`${woo.url}/`, now() + 299, "forged"),
      settingsToken(`${woo.url}/`, now() - 1, secret),
      settingsToken(`${woo.url}/`, now() + 24 * 3600, secret),
      "garbage",
    ]) {
      const refused = await open(refusedToken);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("set-cookie")).toBeNull();
      expect(await refused.text()).toContain("expired, was already used, or is not valid");
    }
  });

  it.skipIf(!phpAvailable)("accepts the settings link the plugin's PHP signer makes", async () => {
    const script = `define('ABSPATH', '/'); require $argv[1]; echo (new LB_Signer($argv[3]))->settings_token($argv[2], time() + 240);`;
    const run = spawnSync("php", ["-r", script, SIGNER, `${woo.url}/`, secret], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    // A different expiry than the links above: each link opens the app once.
    const page = await fetch(`${app.url}/woocommerce/settings?token=${encodeURIComponent(run.stdout)}`, {
      redirect: "manual",
    });
    expect(page.status).toBe(303);
  });
});
