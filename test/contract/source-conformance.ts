import http from "node:http";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildInvoice } from "../../app/domain/build-invoice";
import { ingestEvents } from "../../app/engine/ingest/ingest-events.server";
import { loadShopSettings, saveShopSettings } from "../../app/settings/settings-store";
import type { ShopSettings } from "../../app/settings/settings-schema";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import {
  fetchRefund,
  type OrderSource,
  type RawDelivery,
  type Source,
  type SourceEvent,
  type SourceEventType,
} from "../../app/sources/source-contract";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * One conformance suite for every source (as test/contract/ledger-contract-suite.ts is for the
 * ledgers): each source is driven through its own simulator — orders placed, refunded, edited and
 * cancelled there, the deliveries it sends captured over HTTP — and must verify, type, map and
 * read them as the contract says; its events then go through the one ingest use case, which must
 * apply the same rules whichever source they came from.
 */

/** Deliveries a simulator sent to the capture endpoint. */
export interface CapturedDeliveries {
  url: string;
  /** Everything received since the last take, oldest first. */
  take(): RawDelivery[];
  close(): Promise<void>;
}

/** An HTTP endpoint standing in for the app's webhook route: it keeps each request's exact bytes. */
export async function captureDeliveries(): Promise<CapturedDeliveries> {
  let received: RawDelivery[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      received.push({ rawBody: Buffer.concat(chunks), headers });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("capture server has no port");
  return {
    url: `http://127.0.0.1:${address.port}/webhook`,
    take() {
      const taken = received;
      received = [];
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PlacedOrder {
  orderId: string;
  orderName: string;
  /** The deliveries placing it caused; the one announcing the paid order is last. */
  deliveries: RawDelivery[];
}

/** A shop in a source's simulator, and what the contract's answers should be for it. */
export interface SimulatedShop {
  platform: Shop["platform"];
  domain: string;
  /** The secret deliveries are signed with. */
  secret: string;
  /** The shop's orders over the simulator's API, as the source's OrderSource. */
  orders: OrderSource;
  placePaidOrder(): Promise<PlacedOrder>;
  refund(orderId: string): Promise<{ refundId: string; deliveries: RawDelivery[] }>;
  changeCustomerEmail(orderId: string, email: string): Promise<RawDelivery[]>;
  cancel(orderId: string): Promise<RawDelivery[]>;
  /** Every order id the simulator holds. */
  heldOrderIds(): string[];
  close(): Promise<void>;
}

export interface SourceUnderTest {
  name: string;
  source: Source;
  start(): Promise<SimulatedShop>;
  /** The event type a delivery of each kind becomes (milestones, or the order's whole state). */
  expected: {
    paid: SourceEventType;
    refund: SourceEventType;
    edit: SourceEventType;
    /** Whether the shop can show our status on its orders. */
    statusWriteBack: boolean;
  };
}

const SETTINGS = { version: 1, accounts: { giftCardLiability: "63080" } };

export function runSourceConformance(subject: SourceUnderTest): void {
  describe(`${subject.name} meets the source contract`, () => {
    const { source } = subject;
    let shop: SimulatedShop;
    let database: TestDatabase;
    let db: PrismaClient;
    let settings: ShopSettings;
    let startedAt: Date;

    beforeAll(async () => {
      startedAt = new Date(Date.now() - 1_000);
      database = await createTestDatabase();
      db = database.prisma;
      shop = await subject.start();
      settings = await shopSettings(db, await freshShop());
    }, 60_000);
    afterAll(async () => {
      await shop?.close();
      await database?.close();
    });
    beforeEach(async () => {
      await db.auditEntry.deleteMany();
      await db.job.deleteMany();
    });

    let shops = 0;
    async function freshShop(): Promise<Shop> {
      const row = await db.shop.create({
        data: { platform: subject.source.platform, domain: `${++shops}-${shop.domain}` },
      });
      await saveShopSettings(prismaSettingsStorage(db), row.id, SETTINGS);
      return row;
    }

    const eventsOf = async (delivery: RawDelivery): Promise<SourceEvent[]> => {
      const verdict = source.verify(delivery, shop.secret);
      if (verdict.kind !== "delivery") throw new Error(`delivery refused: ${JSON.stringify(verdict)}`);
      return source.events(verdict.delivery, shop.orders);
    };
    const allEvents = async (deliveries: RawDelivery[]) =>
      (await Promise.all(deliveries.map(eventsOf))).flat();
    const last = <T>(items: T[]): T => {
      const item = items[items.length - 1];
      if (item === undefined) throw new Error("nothing was delivered");
      return item;
    };

    it("declares its capabilities as a typed object (absent ones null, never missing)", () => {
      expect(Object.keys(source.capabilities).sort()).toEqual(["statusWriteBack"]);
      expect(source.capabilities.statusWriteBack !== null).toBe(subject.expected.statusWriteBack);
      const writeBack = source.capabilities.statusWriteBack;
      if (writeBack) expect(typeof writeBack.write).toBe("function");
    });

    it("verify accepts a correctly signed delivery and refuses a wrong secret or an altered body", async () => {
      const placed = await shop.placePaidOrder();
      const delivery = last(placed.deliveries);
      const accepted = source.verify(delivery, shop.secret);
      expect(accepted.kind).toBe("delivery");
      expect(source.verify(delivery, `${shop.secret}x`)).toMatchObject({ kind: "rejected", status: 401 });
      const altered = Buffer.from(delivery.rawBody);
      altered[altered.length - 2] = altered[altered.length - 2] === 0x30 ? 0x31 : 0x30;
      expect(source.verify({ ...delivery, rawBody: altered }, shop.secret)).toMatchObject({
        kind: "rejected",
        status: 401,
      });
      const unsigned = new Headers(delivery.headers);
      for (const name of ["x-shopify-hmac-sha256", "x-wc-webhook-signature"]) unsigned.delete(name);
      expect(source.verify({ ...delivery, headers: unsigned }, shop.secret).kind).not.toBe("delivery");
    });

    it("a paid order's delivery becomes the expected event carrying the order, in the canonical model", async () => {
      const placed = await shop.placePaidOrder();
      const events = await eventsOf(last(placed.deliveries));
      const event = events.find((e) => e.type === subject.expected.paid);
      expect(event, JSON.stringify(events)).toBeDefined();
      if (!event || !("order" in event)) throw new Error("the paid event carries no order");
      expect(event.order.orderId).toBe(placed.orderId);
      expect(event.order.orderName).toBe(placed.orderName);
      expect(source.orderIdOf(event.order.body)).toBe(placed.orderId);
      const order = source.mapOrder(event.order.body, settings);
      expect(order.source).toBe(source.platform);
      expect(order.name).toBe(placed.orderName);
      expect(order.totals.total).toBeGreaterThan(0);
      if (event.type === "orderState") expect(event.reached.paid).toBe(true);
    });

    it("reads an order and a refund by id, in the canonical model, as the deliveries state them", async () => {
      const placed = await shop.placePaidOrder();
      const document = await shop.orders.fetchOrder(placed.orderId);
      expect(document).not.toBeNull();
      if (!document) return;
      expect(source.orderIdOf(document.order)).toBe(placed.orderId);
      const read = source.mapOrder(document.order, settings);
      const paid = await eventsOf(last(placed.deliveries));
      const delivered = paid.find((e) => "order" in e);
      if (!delivered || !("order" in delivered)) throw new Error("no order delivered");
      const fromDelivery = source.mapOrder(delivered.order.body, settings);
      expect(read.name).toBe(placed.orderName);
      expect(read.totals).toEqual(fromDelivery.totals);
      expect(read.currency).toBe(fromDelivery.currency);

      const { refundId } = await shop.refund(placed.orderId);
      const refundBody = await fetchRefund(shop.orders, placed.orderId, refundId);
      expect(refundBody).not.toBeNull();
      const refund = source.mapRefund(refundBody ?? "", read, settings);
      expect([refundId, refundId.split("/").pop()]).toContain(refund.id);
      expect(refund.lines.length + refund.transactions.length).toBeGreaterThan(0);
      expect(await shop.orders.fetchOrder(`${placed.orderId}9`.replace(/\d+$/, "999999"))).toBeNull();
    });

    it("a refund's delivery and a cancellation's become the expected events", async () => {
      const placed = await shop.placePaidOrder();
      const refunded = await shop.refund(placed.orderId);
      const refundEvents = await allEvents(refunded.deliveries);
      const refundIds = refundEvents.flatMap((e) =>
        e.type === "refund"
          ? [e.refund.refundId]
          : e.type === "orderState"
            ? e.refunds.map((r) => r.refundId)
            : [],
      );
      expect(refundEvents.map((e) => e.type)).toContain(subject.expected.refund);
      expect(refundIds).toContain(refunded.refundId);

      const edited = await allEvents(await shop.changeCustomerEmail(placed.orderId, "ny@kaffebaren.example"));
      expect(edited.map((e) => e.type)).toContain(subject.expected.edit);

      const cancelled = await allEvents(await shop.cancel(placed.orderId));
      expect(cancelled).toContainEqual({ type: "cancelled", orderId: placed.orderId, because: "cancelled" });
    });

    it("changes since and history return what the simulator holds", async () => {
      const before = startedAt;
      const placed = [await shop.placePaidOrder(), await shop.placePaidOrder()];
      const since = await collect(shop.orders.ordersUpdatedSince(before));
      expect(new Set(since.map((s) => s.id))).toEqual(new Set(shop.heldOrderIds()));
      for (const order of placed) {
        expect(since.find((s) => s.id === order.orderId)).toMatchObject({
          name: order.orderName,
          paid: true,
          test: false,
        });
      }
      expect(await collect(shop.orders.ordersUpdatedSince(new Date(Date.now() + 3_600_000)))).toEqual([]);
      const history = await collect(shop.orders.ordersCreatedBetween(before, new Date(Date.now() + 60_000)));
      expect(new Set(history.map((s) => s.id))).toEqual(new Set(shop.heldOrderIds()));
      expect(
        await collect(shop.orders.ordersCreatedBetween(new Date("2001-01-01"), new Date("2001-12-31"))),
      ).toEqual([]);
    });

    it("duplicated and out-of-order deliveries give the same events and the same jobs", async () => {
      const placed = await shop.placePaidOrder();
      const refunded = await shop.refund(placed.orderId);
      const deliveries = [...placed.deliveries, ...refunded.deliveries];
      const inOrder = await allEvents(deliveries);
      const twice = await allEvents([...deliveries, ...deliveries]);
      const reversed = await allEvents([...deliveries].reverse());
      const key = (events: SourceEvent[]) => [...new Set(events.map((e) => JSON.stringify(e)))].sort();
      expect(key(twice)).toEqual(key(inOrder));
      expect(key(reversed)).toEqual(key(inOrder));

      const jobsAfter = async (events: SourceEvent[]) => {
        const target = await freshShop();
        await ingestEvents(db, target, events, { via: "webhook" });
        const jobs = await db.job.findMany({ where: { shopId: target.id }, orderBy: { businessKey: "asc" } });
        return jobs.map((j) => [j.kind, j.orderId, j.refundId, j.status]);
      };
      const expected = await jobsAfter(inOrder);
      expect(expected.map(([kind]) => kind)).toEqual(["creditNote", "invoice"]);
      expect(await jobsAfter(twice)).toEqual(expected);
      expect(await jobsAfter(reversed)).toEqual(expected);
    });

    describe("through the one ingest use case", () => {
      let target: Shop;
      beforeAll(async () => {
        target = await freshShop();
      });
      const ingest = async (deliveries: RawDelivery[]) =>
        ingestEvents(db, target, await allEvents(deliveries), { via: "webhook" });
      const invoiceOf = (orderId: string) =>
        db.job.findUniqueOrThrow({
          where: { shopId_businessKey: { shopId: target.id, businessKey: `invoice:${orderId}` } },
        });

      it("queues one invoice for a paid order, however often it is delivered", async () => {
        const placed = await shop.placePaidOrder();
        await ingest([...placed.deliveries, ...placed.deliveries]);
        const jobs = await db.job.findMany({ where: { shopId: target.id, orderId: placed.orderId } });
        expect(jobs.map((j) => [j.kind, j.status])).toEqual([["invoice", "queued"]]);
        expect(jobs[0]?.orderName).toBe(placed.orderName);
      });

      it("cancel: skips a queued or failed invoice, never touches a running or booked one", async () => {
        const outcomes: Record<string, string> = {};
        for (const status of ["queued", "failed", "running", "succeeded"] as const) {
          const placed = await shop.placePaidOrder();
          await ingest(placed.deliveries);
          await db.job.update({ where: { id: (await invoiceOf(placed.orderId)).id }, data: { status } });
          await ingest(await shop.cancel(placed.orderId));
          const job = await invoiceOf(placed.orderId);
          outcomes[status] = job.status;
          if (status === "queued" || status === "failed") {
            expect((job.lastError as { message: string }).message).toMatch(
              /cancelled in .* before it was transferred/,
            );
          }
          if (status === "succeeded") {
            expect(job.changedAfterTransfer).toMatchObject({
              differences: [expect.stringMatching(/cancelled in .* after its invoice was booked/)],
            });
          }
        }
        expect(outcomes).toEqual({
          queued: "skipped",
          failed: "skipped",
          running: "running",
          succeeded: "succeeded",
        });
      });

      it("a refund waits for its invoice: waiting before the invoice is booked, queued after", async () => {
        const first = await shop.placePaidOrder();
        await ingest(first.deliveries);
        await ingest((await shop.refund(first.orderId)).deliveries);
        const waiting = await db.job.findFirstOrThrow({
          where: { shopId: target.id, orderId: first.orderId, kind: "creditNote" },
        });
        expect(waiting.status).toBe("waiting");

        const second = await shop.placePaidOrder();
        await ingest(second.deliveries);
        await db.job.update({
          where: { id: (await invoiceOf(second.orderId)).id },
          data: { status: "succeeded" },
        });
        await ingest((await shop.refund(second.orderId)).deliveries);
        const queued = await db.job.findFirstOrThrow({
          where: { shopId: target.id, orderId: second.orderId, kind: "creditNote" },
        });
        expect(queued.status).toBe("queued");
      });

      it("change after transfer: flagged and audited once, however often the edit is delivered", async () => {
        const placed = await shop.placePaidOrder();
        await ingest(placed.deliveries);
        const invoice = await invoiceOf(placed.orderId);
        const draft = buildInvoice({
          order: source.mapOrder(invoice.sourceOrder, settings),
          settings,
          shop: target.domain,
        }).draft;
        await db.job.update({
          where: { id: invoice.id },
          data: { status: "succeeded", progress: JSON.parse(JSON.stringify({ draft })) },
        });
        const edit = await shop.changeCustomerEmail(placed.orderId, "bogholderi@kaffebaren.example");
        await ingest(edit);
        await ingest(edit);
        await ingest([...edit].reverse());
        const flagged = await invoiceOf(placed.orderId);
        expect(flagged.status).toBe("succeeded");
        expect(flagged.changedAfterTransfer).toMatchObject({ differences: ["customer details"] });
        const audits = await db.auditEntry.findMany({
          where: { shopId: target.id, orderId: placed.orderId, step: "changed" },
        });
        expect(audits.map((a) => a.message)).toEqual(["Changed after transfer: customer details"]);
      });
    });
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function shopSettings(db: PrismaClient, shop: Shop): Promise<ShopSettings> {
  return loadShopSettings(prismaSettingsStorage(db), shop.id);
}
