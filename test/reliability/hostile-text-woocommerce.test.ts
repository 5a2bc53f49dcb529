import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { Worker } from "../../app/engine/worker.server";
import type { DineroSimulator } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { originalJson } from "../../app/lib/storable-text";
import type { WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { newDanishOrder, PAID, startWooTransferBed, type WooTransferBed } from "../woocommerce/woo-harness";
import { ledgerRequestRecorder, UNSENDABLE } from "./hostile-text-support";

/**
 * Issue 13, class 2 for WooCommerce: the store simulator sends its signed order webhooks over
 * real HTTP to the app's route; the app re-reads each order through the REST API, where the
 * buyer's names, company, address, line name, SKU and note hold one hostile text each, and the
 * worker books it in the Dinero simulator. (Unpaired surrogates are Shopify-only here: PHP
 * strings are bytes, and json_encode refuses invalid UTF-8 rather than send one.)
 * Runtime: ~10 s.
 */

const TEXTS: Array<{ name: string; value: string; sent?: string }> = [
  { name: "NUL", value: "Test\u0000Kunde", sent: "TestKunde" },
  { name: "4-byte emoji", value: "Test 😀🇩🇰 Kunde" },
  { name: "RTL and bidi controls", value: "\u202eTest\u200f مرحبا \u2066Kunde\u2069" },
  { name: "control characters", value: "Test\u0001\u001fKunde", sent: "TestKunde" },
  { name: "HTML entities and tags", value: "<b>Test</b> &amp; Kunde" },
  { name: "a very long string", value: `Test ${"æ".repeat(6000)} Kunde` },
];

describe("hostile text in WooCommerce orders, webhook to Dinero", () => {
  let bed: WooTransferBed;
  let db: PrismaClient;
  let box: SecretBox;
  let woo: WooSimulator;
  let dinero: DineroSimulator;
  let worker: Worker;
  const recorder = ledgerRequestRecorder();

  beforeAll(async () => {
    bed = await startWooTransferBed({
      onDinero: (started) => {
        recorder.watch("dinero", [started.url, started.authUrl]);
        recorder.install();
      },
    });
    ({ db, box, woo, dinero } = bed);
    worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 5 },
      ledgerTimeoutMs: 10_000,
      rateLimit: { perMinute: 1_000_000, burst: 100_000 },
    });
  }, 60_000);
  afterAll(async () => {
    recorder.uninstall();
    await bed?.close();
  });

  it("accepts every delivery and books each order once, with the buyer's text where Dinero can carry it", async () => {
    const ids = new Map<number, (typeof TEXTS)[number]>();
    for (const [n, text] of TEXTS.entries()) {
      const base = newDanishOrder();
      const billing = base.billing as Record<string, unknown>;
      const lines = base.line_items as Array<Record<string, unknown>>;
      const created = woo.store.createOrder({
        ...base,
        ...PAID,
        billing: {
          ...billing,
          first_name: text.value,
          last_name: text.value,
          company: `${text.value} ApS`,
          address_1: `${text.value} 1`,
          email: `hostile-${n}@example.com`,
        },
        customer_note: `Note ${text.value}`,
        line_items: lines.map((line) => ({
          ...line,
          name: `Kop ${text.value}`,
          sku: `KOP-${n}-${text.value.slice(0, 8)}`,
        })),
      });
      ids.set(Number(created.id), text);
    }
    for (let i = 0; i < 200; i++) {
      await woo.drainWebhooks();
      if (await worker.runOnce()) continue;
      if ((await db.job.count({ where: { status: { in: ["queued", "running"] } } })) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deliveries = woo.dispatcher.log.filter((entry) => entry.kind === "delivery");
    expect(deliveries.length).toBeGreaterThanOrEqual(TEXTS.length);
    expect(deliveries.filter((entry) => entry.responseCode !== 200)).toEqual([]);

    const jobs = await db.job.findMany({ where: { kind: "invoice" } });
    expect(jobs.map((job) => `${job.orderId} ${job.status} ×${job.attempts}`).sort()).toEqual(
      [...ids.keys()].map((id) => `${id} succeeded ×1`).sort(),
    );
    const documents = dinero.state.organizations.values().next().value?.invoices;
    expect(documents?.size).toBe(TEXTS.length);
    for (const job of jobs) {
      const draft = originalJson(job.progress as unknown as { draft: DocumentDraft }).draft;
      const text = ids.get(Number(job.orderId));
      expect(draft.totals.gross).toBe(29_900);
      // Stored losslessly: the draft holds the buyer's text exactly as the store sent it.
      expect(draft.customer.address.line1).toBe(`${text?.value ?? ""} 1`);
      const expected = (text?.sent ?? text?.value ?? "").slice(0, 100);
      expect(
        recorder.textsSentTo("dinero").some((sent) => sent.includes(expected)),
        `${text?.name ?? ""}: reached Dinero as ${JSON.stringify(expected.slice(0, 30))}`,
      ).toBe(true);
      const invoices = [...(documents?.values() ?? [])].filter(
        (invoice) => invoice.ExternalReference === draft.externalReference,
      );
      expect(invoices).toHaveLength(1);
      expect(invoices[0]?.totals.gross).toBe(29_900);
    }
    expect(recorder.textsSentTo("dinero").filter((sent) => UNSENDABLE.test(sent))).toEqual([]);
  }, 120_000);
});
