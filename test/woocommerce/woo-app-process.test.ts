import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsToken, signPluginBody } from "../../app/sources/woocommerce/plugin-signature";
import { phpJsonEncode } from "../../simulators/woocommerce/woo-sim-json";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase } from "../support/test-database";
import { newDanishOrder, PAID, waitFor } from "./woo-harness";

const onPostgres = Boolean(process.env.DATABASE_URL?.startsWith("postgres"));

/**
 * The built app (`ledger-bridge start`, local mode) with a simulated store: the Connect button's
 * whole round trip, webhooks into the real route and worker, the plugin's signed calls.
 */
describe("WooCommerce against the running app", () => {
  let app: AppProcess;
  let woo: WooSimulator;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    postgres = onPostgres ? await createPostgresDatabase({ migrate: false }) : undefined;
    woo = await startWooSimulator({ orders: [], refunds: [], wcAuth: { allowHttpCallback: true } });
    app = await startAppProcess({
      ...(postgres ? { DATABASE_URL: postgres.url } : { PGLITE_DATA_DIR: "memory://woo-app-process" }),
      WORKER_POLL_MS: "100",
    });
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await woo?.close();
    await postgres?.close();
  });

  const plugin = () => woo.settingsGroups.get("ledger_bridge");

  it("connects through the Connect button and wc-auth, and configures the plugin", async () => {
    let url = `${app.url}/woocommerce/connect?shop=${encodeURIComponent(`${woo.url}/`)}`;
    let response = await fetch(url, { redirect: "manual" });
    for (let hop = 0; response.status === 302 && hop < 4; hop++) {
      url = new URL(response.headers.get("location") ?? "", url).toString();
      response = await fetch(url, { redirect: "manual" });
    }
    expect(url.startsWith(`${app.url}/woocommerce/connected?success=1&user_id=`)).toBe(true);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your WooCommerce store is connected");

    expect(woo.webhooks).toHaveLength(4);
    expect(
      woo.webhooks.every(
        (w) => w.status === "active" && w.deliveryUrl.startsWith(`${app.url}/webhooks/woocommerce/`),
      ),
    ).toBe(true);
    await woo.drainWebhooks();
    expect(woo.dispatcher.log.filter((d) => d.kind === "ping").map((d) => d.responseCode)).toEqual([
      200, 200, 200, 200,
    ]);
    expect(plugin()?.get("ledger_bridge_app_url")).toBe(app.url);
    expect(plugin()?.get("ledger_bridge_store_secret")?.length).toBeGreaterThanOrEqual(40);
  });

  it("receives signed webhooks, refuses forged ones, and writes the worker's result back to the order", async () => {
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await woo.drainWebhooks();
    const delivery = woo.dispatcher.log.find((d) => d.kind === "delivery" && d.topic === "order.created");
    expect(delivery?.responseCode).toBe(200);

    const forged = await fetch(woo.webhooks[0]?.deliveryUrl ?? "", {
      method: "POST",
      headers: {
        "x-wc-webhook-topic": "order.updated",
        "x-wc-webhook-signature": signPluginBody(delivery?.body ?? "", "guessed"),
      },
      body: delivery?.body ?? "",
    });
    expect(forged.status).toBe(401);

    // No ledger is connected yet: the worker fails the invoice and says so on the order.
    const status = await waitFor(
      "the status written back",
      async () => {
        const meta = (woo.store.orders.get(id)?.meta_data ?? []) as Array<{ key: string; value: unknown }>;
        return meta.find((m) => m.key === "_ledger_bridge_status")?.value as string | undefined;
      },
      30_000,
    );
    expect(status).toBe("failed");
    const meta = (woo.store.orders.get(id)?.meta_data ?? []) as Array<{ key: string; value: unknown }>;
    expect(String(meta.find((m) => m.key === "_ledger_bridge_error")?.value)).toContain(
      "No accounting system is connected",
    );
  });

  it("serves the plugin's Transfer endpoint and settings link with the secret it received", async () => {
    const secret = plugin()?.get("ledger_bridge_store_secret") ?? "";
    const id = Number(woo.store.createOrder(newDanishOrder()).id);
    await woo.drainWebhooks();
    const body = phpJsonEncode({
      shop: `${woo.url}/`,
      order_ids: [id],
      requested_by: 1,
      timestamp: Math.floor(Date.now() / 1000),
    });
    const send = (signature: string) =>
      fetch(`${app.url}/api/woocommerce/transfer`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-lb-shop": `${woo.url}/`,
          "x-lb-signature": signature,
        },
        body,
      });
    expect((await send(signPluginBody(body, "guessed"))).status).toBe(401);
    const accepted = await send(signPluginBody(body, secret));
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ results: [{ order_id: id, outcome: "queued" }] });

    const token = settingsToken(`${woo.url}/`, Math.floor(Date.now() / 1000) + 300, secret);
    const opened = await fetch(`${app.url}/woocommerce/settings?token=${encodeURIComponent(token)}`, {
      redirect: "manual",
    });
    expect(opened.status).toBe(303);
    const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await fetch(`${app.url}${opened.headers.get("location") ?? ""}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`WooCommerce store ${woo.url}`);
  });
});
