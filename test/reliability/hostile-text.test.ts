import type { Job, PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { invalidOrderDataMessage } from "../../app/engine/transfer/classify-transfer-error";
import type { Worker } from "../../app/engine/worker.server";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { originalJson, originalText } from "../../app/lib/storable-text";
import * as paidRoute from "../../app/routes/webhooks.orders.paid";
import * as updatedRoute from "../../app/routes/webhooks.orders.updated";
import type { SimulatedLedger } from "../support/reliability-ledgers";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { seedShopOnLedger } from "../support/ledger-test-bed";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { newSecretBox, startRouteServer, useAppGlobals, type RouteServer } from "../woocommerce/woo-harness";
import { ledgerRequestRecorder, UNSENDABLE } from "./hostile-text-support";

/**
 * Issue 13, class 2: every text a platform may send is storable and transferable. Signed
 * Shopify orders/paid webhooks go over real HTTP into the app's route, whose buyer name,
 * company, address, line title, SKU and note hold one hostile text each — NUL, unpaired
 * surrogates, emoji, bidi controls, other control characters, our own storage escape, HTML, a
 * very long string — or whose JSON is 10,000 levels deep or carries 20-digit ids. The worker
 * transfers them to all four ledger simulators. Each must be accepted, stored as received, and
 * booked as exactly one invoice with the order's total, its text intact wherever the ledger can
 * carry it, and the original kept in the audit where it could not.
 * Runtime: ~20–40 s (4 simulators, 40 orders).
 */

interface HostileText {
  name: string;
  value: string;
  /** What the ledger must receive instead of `value` (default: `value` itself). */
  sent?: string;
}

const HOSTILE_TEXTS: HostileText[] = [
  { name: "NUL", value: "Mette\u0000Holm", sent: "MetteHolm" },
  { name: "unpaired high surrogate", value: "Mette\ud800Holm", sent: "Mette\ufffdHolm" },
  { name: "unpaired low surrogate", value: "Mette\udfffHolm", sent: "Mette\ufffdHolm" },
  { name: "4-byte emoji and a flag", value: "Mette 😀🇩🇰 Holm" },
  { name: "RTL text and bidi controls", value: "\u202eMette\u200f مرحبا \u2066Holm\u2069" },
  { name: "bell, escape and form feed", value: "Mette\u0007\u001b\u000cHolm", sent: "MetteHolm" },
  { name: "the storage escape character", value: "Mette\ue0000000 Holm" },
  { name: "HTML and quotes", value: `<script>alert("x")</script> & 'Holm'` },
  { name: "a very long string", value: `Mette ${"Ø".repeat(6000)} Holm` },
  // Odd-length prefix: a clip at any even limit falls inside an emoji.
  { name: "a long run of emoji", value: `Mettes ${"😀".repeat(3000)}` },
];

interface HostileOrder {
  name: string;
  body: string;
  /** Text the ledger must have received for this order (a prefix, for clipped fields). */
  expectText?: string;
  /** Text that must be in the order's audit trail (the original of a changed field). */
  expectAudited?: string;
}

const json = (value: string) => JSON.stringify(value);

/** The Danish order, with its own buyer e-mail and the hostile text in every text field a buyer controls. */
function textOrder(shop: number, n: number, text: HostileText): HostileOrder {
  const value = text.value;
  const body = shopOrder(shop, n)
    .order.replaceAll(/"indkob\+s\d+@kaffebaren\.example"/g, () =>
      json(`hostile-${shop}-${n}@kaffebaren.example`),
    )
    .replaceAll('"Mette Holm"', () => json(value))
    .replaceAll('"Kaffebaren ApS"', () => json(`${value} ApS`))
    .replaceAll('"Nørregade 7"', () => json(`${value} 7`))
    .replaceAll('"Kaffekop - Blå"', () => json(`Kop ${value}`))
    .replaceAll('"Kaffekop"', () => json(value))
    .replaceAll(/"KOP-BLA-S\d+"/g, () => json(`KOP-${n}-${value.slice(0, 12)}`))
    .replace('"note_attributes"', () => `"note": ${json(`Note ${value}`)}, "note_attributes"`);
  const sent = text.sent ?? value;
  return {
    name: text.name,
    body,
    // The first 100 characters: e-conomic clips names at 250, so a long text arrives shortened.
    expectText: sent.slice(0, 100),
    ...(text.sent === undefined ? {} : { expectAudited: value }),
  };
}

/** Orders whose JSON, not a text field, is hostile. */
function structuralOrders(shop: number, n: number): HostileOrder[] {
  const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const base = (k: number) =>
    shopOrder(shop, k).order.replaceAll(/"indkob\+s\d+@kaffebaren\.example"/g, () =>
      json(`structural-${shop}-${k}@kaffebaren.example`),
    );
  const id20 = `9${String(shop)}${String(n).padStart(18, "0")}`;
  return [
    {
      name: "10,000-deep JSON in fields the app does not read",
      body: base(n).replace('"note_attributes"', `"hostile_nesting": ${deep(10_000)}, "note_attributes"`),
    },
    {
      name: "20-digit order id",
      body: base(n + 1).replace(/"id": \d+,\n {2}"admin_graphql_api_id": "gid:\/\/shopify\/Order\/\d+"/, () =>
        [`"id": ${id20},`, `  "admin_graphql_api_id": "gid://shopify/Order/${id20}"`].join("\n"),
      ),
    },
    {
      name: "an order id field that is not Shopify's id form",
      // The GraphQL id holds a NUL: the numeric id is the order's identity instead.
      body: base(n + 2).replace(
        /"admin_graphql_api_id": "(gid:\/\/shopify\/Order\/\d+)"/,
        '"admin_graphql_api_id": "$1\\u0000"',
      ),
    },
  ];
}

/** The Danish order's gross total, in øre, that every invoice here must have. */
const ORDER_GROSS = 83395;

describe("hostile text in Shopify orders, webhook to ledger", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let box: SecretBox;
  let server: RouteServer;
  let restore: () => void;
  let worker: Worker;
  const ledgers = new Map<LedgerProviderId, { simulated: SimulatedLedger; shop: Shop; index: number }>();
  const recorder = ledgerRequestRecorder();
  const sent = new Map<string, { provider: LedgerProviderId; order: HostileOrder; webhookId: string }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    box = newSecretBox();
    restore = useAppGlobals(db, box);
    server = await startRouteServer([
      { method: "POST", pattern: /^\/webhooks\/orders\/paid$/, params: [], handler: paidRoute.action },
      { method: "POST", pattern: /^\/webhooks\/orders\/updated$/, params: [], handler: updatedRoute.action },
    ]);
    for (const [index, ledger] of LEDGERS_UNDER_TEST.entries()) {
      const simulated = await ledger.start();
      Object.assign(process.env, simulated.env);
      recorder.watch(ledger.provider, Object.values(simulated.env));
      const shop = await seedShopOnLedger(db, {
        domain: `hostile-text-${ledger.provider}.myshopify.com`,
        ledger,
        simulated,
        box,
      });
      ledgers.set(ledger.provider, { simulated, shop, index });
    }
    resetEnvForTests();
    recorder.install();
    worker = createTransferWorker(db, {
      box,
      // Quick retries: a retryable failure shows as attempts > 1 within the test's time.
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 5 },
      ledgerTimeoutMs: 10_000,
      rateLimit: { perMinute: 1_000_000, burst: 100_000 },
    });
  }, 60_000);
  afterAll(async () => {
    recorder.uninstall();
    await server?.close();
    for (const { simulated } of ledgers.values()) await simulated.close();
    restore?.();
    await database?.close();
  });

  async function drain(limit = 400) {
    for (let i = 0; i < limit; i++) {
      if (await worker.runOnce()) continue;
      const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
      if (pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("accepts every hostile order with 200 and stores its body exactly as sent", async () => {
    let n = 1;
    for (const [provider, { shop, index }] of ledgers) {
      const first = n;
      n += HOSTILE_TEXTS.length + 3;
      const orders = [
        ...HOSTILE_TEXTS.map((text, k) => textOrder(index, first + k, text)),
        ...structuralOrders(index, first + HOSTILE_TEXTS.length),
      ];
      for (const order of orders) {
        const init = shopifyWebhookInit({ topic: "orders/paid", shop: shop.domain, body: order.body });
        const response = await fetch(`${server.url}/webhooks/orders/paid`, init);
        expect(response.status, `${provider}: ${order.name} → ${await response.text()}`).toBe(200);
        const webhookId = (init.headers as Record<string, string>)["x-shopify-webhook-id"] ?? "";
        sent.set(`${provider}:${order.name}`, { provider, order, webhookId });
      }
    }
    const stored = await db.webhookEvent.findMany();
    expect(stored).toHaveLength(sent.size);
    for (const { order, webhookId } of sent.values()) {
      const event = stored.find((candidate) => candidate.deliveryId === webhookId);
      expect(event?.body === order.body, `${order.name}: body kept as received`).toBe(true);
    }
    expect(await db.job.count()).toBe(sent.size);
  });

  it("books each as exactly one invoice with the order's total, at the first attempt", async () => {
    await drain();
    const jobs = await db.job.findMany({ include: { shop: true }, orderBy: { seq: "asc" } });
    expect(
      jobs
        .filter((job) => job.status !== "succeeded" || job.attempts !== 1)
        .map(
          (job) =>
            `${job.shop.domain} ${job.orderId}: ${job.status} ×${job.attempts} ${JSON.stringify(job.lastError)}`,
        ),
    ).toEqual([]);
    expect(await db.shop.count({ where: { paused: true } })).toBe(0);
    for (const [provider, { simulated, shop }] of ledgers) {
      const shopJobs = jobs.filter((job) => job.shopId === shop.id);
      const documents = simulated.probe.documents().filter((document) => document.kind === "invoice");
      expect(documents, provider).toHaveLength(shopJobs.length);
      for (const job of shopJobs) {
        const draft = draftOf(job);
        expect(draft.totals.gross, `${provider} ${job.orderId}`).toBe(ORDER_GROSS);
        const matching = documents.filter(
          (document) => document.externalReference === draft.externalReference,
        );
        expect(matching, `${provider} ${draft.externalReference}`).toHaveLength(1);
        expect(matching[0]?.booked).toBe(true);
        expect(matching[0]?.totalGross).toBe(ORDER_GROSS);
      }
    }
  }, 240_000);

  it("keeps the buyer's text in the stored draft exactly, and sends it wherever the ledger can carry it", async () => {
    // Runs after the orders above were sent and booked (the suite's tests run in order).
    expect(sent.size).toBe(ledgers.size * (HOSTILE_TEXTS.length + 3));
    const jobs = await db.job.findMany();
    for (const { provider, order } of sent.values()) {
      if (order.expectText === undefined) continue;
      const shopId = ledgers.get(provider)?.shop.id;
      const job = jobs.find(
        (candidate) => candidate.shopId === shopId && candidate.sourceOrder === order.body,
      );
      expect(job, `${provider}: ${order.name} has its job`).toBeDefined();
      if (!job) continue;
      // The draft round-trips through jsonb losslessly: the buyer's own name, NUL and all.
      const source = JSON.parse(order.body) as { billing_address: { name: string } };
      expect(JSON.stringify(draftOf(job).customer.address), `${provider}: ${order.name}`).toContain(
        JSON.stringify(`${source.billing_address.name} 7`).slice(1, -1),
      );
      const texts = recorder.textsSentTo(provider);
      expect(
        texts.some((text) => text.includes(order.expectText ?? "")),
        `${provider}: ${order.name} reached the ledger as ${JSON.stringify(order.expectText?.slice(0, 40))}`,
      ).toBe(true);
    }
    for (const provider of ledgers.keys()) {
      const unsendable = recorder.textsSentTo(provider).filter((text) => UNSENDABLE.test(text));
      expect(
        unsendable.map((text) => JSON.stringify(text.slice(0, 80))),
        provider,
      ).toEqual([]);
    }
  });

  it("writes the original of every changed field to the order's audit trail", async () => {
    expect(sent.size).toBe(ledgers.size * (HOSTILE_TEXTS.length + 3));
    const jobs = await db.job.findMany();
    for (const { provider, order } of sent.values()) {
      if (order.expectAudited === undefined) continue;
      const shopId = ledgers.get(provider)?.shop.id;
      const job = jobs.find(
        (candidate) => candidate.shopId === shopId && candidate.sourceOrder === order.body,
      );
      const trail = await db.auditEntry.findMany({ where: { jobId: job?.id ?? "", step: "text" } });
      expect(trail, `${provider}: ${order.name}`).toHaveLength(1);
      const data = originalJson(trail[0]?.data) as { fields: Array<{ field: string; original: string }> };
      const originals = data.fields.map((field) => field.original);
      expect(
        originals.some((original) => original.includes(order.expectAudited ?? "")),
        `${provider}: ${order.name}`,
      ).toBe(true);
      expect(originalText(trail[0]?.message ?? "")).toContain(provider);
    }
  });

  it("compares an edited order with the stored draft's original text, and flags real changes", async () => {
    for (const provider of ["dinero", "billy"] as const) {
      const nul = sent.get(`${provider}:NUL`);
      const shop = ledgers.get(provider)?.shop;
      if (!nul || !shop) throw new Error(`the NUL order to ${provider} was not sent`);
      const sku = /"sku": ("KOP-[^"]*")/.exec(nul.order.body)?.[1] ?? "";
      expect(JSON.parse(sku)).toContain("\u0000");
      // Billy's copy is unchanged: nothing differs from what was booked. Dinero's has another SKU.
      const edited =
        provider === "billy" ? nul.order.body : nul.order.body.replace(sku, json("KOP-\u0000-NEW"));
      const init = shopifyWebhookInit({ topic: "orders/updated", shop: shop.domain, body: edited });
      expect((await fetch(`${server.url}/webhooks/orders/updated`, init)).status).toBe(200);
      const job = await db.job.findFirstOrThrow({ where: { shopId: shop.id, sourceOrder: nul.order.body } });
      const flagged = originalJson(job.changedAfterTransfer as { differences: string[] } | null);
      if (provider === "billy") {
        expect(flagged).toBeNull();
        continue;
      }
      expect(flagged?.differences).toEqual([
        `KOP-\u0000-NEW: quantity 0 → 2`,
        `${JSON.parse(sku) as string}: quantity 2 → 0`,
      ]);
    }
  });

  describe("an order whose data cannot be booked", () => {
    let bad: Job;
    const poison = () => {
      const body = shopOrder(0, 900)
        .order.replace('"quantity": 2', '"quantity": 1e400')
        .replaceAll('"Mette Holm"', () => json("Mette\u0000Holm"));
      return { body, next: shopOrder(0, 901).order };
    };

    it("fails at its first attempt, non-retryable, with a message naming the field in English and Danish", async () => {
      const dinero = ledgers.get("dinero");
      if (!dinero) throw new Error("no Dinero shop");
      const { body, next } = poison();
      for (const order of [body, next]) {
        const init = shopifyWebhookInit({ topic: "orders/paid", shop: dinero.shop.domain, body: order });
        expect((await fetch(`${server.url}/webhooks/orders/paid`, init)).status).toBe(200);
      }
      // Bounded: without parking the next order waits behind the paused shop for good.
      await drain(60);
      bad = await db.job.findFirstOrThrow({ where: { shopId: dinero.shop.id, sourceOrder: body } });
      expect(bad.attempts).toBe(1);
      expect(bad.status).not.toBe("queued");
      expect(bad.lastError).toMatchObject({ kind: "invalidOrderData", retryable: false });
      const message = (bad.lastError as { message: string }).message;
      expect(message).toContain("line_items[0].quantity");
      expect(message).toContain("Retrying will not help");
      expect(invalidOrderDataMessage("da", "line_items[0].quantity: …")).toContain(
        "Et nyt forsøg hjælper ikke",
      );
    });

    // The queue parks one order's failure instead of pausing the shop.
    it("parks the bad order and still books the next order of the same shop", async () => {
      const dinero = ledgers.get("dinero");
      if (!dinero) throw new Error("no Dinero shop");
      const next = await db.job.findFirstOrThrow({
        where: { shopId: dinero.shop.id, sourceOrder: poison().next },
      });
      expect(next.status).toBe("succeeded");
      const parked = await db.job.findFirstOrThrow({
        where: { shopId: dinero.shop.id, sourceOrder: poison().body },
      });
      expect(parked.status).toBe("needsAttention");
      expect((await db.shop.findUniqueOrThrow({ where: { id: dinero.shop.id } })).paused).toBe(false);
    });
  });
});

function draftOf(job: Job): DocumentDraft {
  const draft = originalJson(job.progress as { draft?: DocumentDraft } | null)?.draft;
  if (!draft) throw new Error(`job ${job.id} has no draft`);
  return draft;
}
