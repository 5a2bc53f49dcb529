import type { PausedState } from "../app/transfers/transfers-overview.server";
import { pausedState } from "../app/transfers/transfers-overview.server";
import type { Job, PrismaClient, Shop } from "@prisma/client";
import type { JobStatus } from "../app/engine/job-types";
import type { LedgerProviderId } from "../app/ledgers/ledger-contract";
import { isLedgerProviderId, LEDGER_PROVIDER_IDS, LEDGER_PROVIDERS } from "../app/ledgers/registry";
import { loadShopSettings } from "../app/settings/settings-store";
import { prismaSettingsStorage } from "../app/shops/shop-settings-storage.server";
import type { Json } from "../simulators/shopify/rest-to-graphql";
import type { JobErrorText } from "../app/i18n/job-error-text";
import { jobErrorOf } from "../app/i18n/job-error-text";
import { errorMessage } from "./job-message";
import { readSnapshot } from "../app/db/read-snapshot.server";
import { demoPayoutView, type DemoPayoutView } from "./demo-payouts.server";
import type { DemoEnvironment, DemoLedgerDocument, DemoWooOrder } from "./demo-types";

/** Everything the demo page shows: the connection, the shop's orders and what the ledger holds. */

export interface DemoTransferView {
  status: JobStatus;
  documentNumber: string | null;
  message: string | null;
  /** The failure keyed, for the page's language. */
  messageText: JobErrorText | null;
}

export interface DemoOrderRow {
  orderId: string;
  numericId: string;
  name: string;
  customer: string;
  total: string;
  currency: string;
  createdAt: string;
  fulfilled: boolean;
  refunded: boolean;
  /** False while the order's webhook was held back ("the webhook that never arrived"). */
  webhookDelivered: boolean;
  invoice: DemoTransferView | null;
  creditNotes: DemoTransferView[];
}

export interface DemoSimulatorView {
  provider: LedgerProviderId;
  name: string;
  url: string;
  organisationName: string;
  credentials: Array<{ field: string; value: string }>;
}

/** The demo's WooCommerce store: where it runs, its keys, and its orders with their transfers. */
export interface DemoWooCommerceView {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Connected to the app (its shop exists and the webhooks are registered). */
  connected: boolean;
  connectError: string | null;
  /** The same rows as the Shopify orders (`webhookDelivered`, `fulfilled` mean little here). */
  orders: DemoOrderRow[];
}

export interface DemoOverview {
  shopifyUrl: string | null;
  woocommerce: DemoWooCommerceView | null;
  connection: { provider: string; name: string; organisationName: string | null; simulated: boolean } | null;
  simulators: DemoSimulatorView[];
  orders: DemoOrderRow[];
  ledgerDocuments: DemoLedgerDocument[] | null;
  paused: PausedState | null;
  /** The gap the failing order trips over, and the account that closes it. */
  giftCardAccount: { missing: boolean; fix: string | null };
  /** The latest Shopify Payments payout and the clearing account it empties. */
  payout: DemoPayoutView | null;
  /** Something is on its way: the page keeps refreshing. */
  pending: boolean;
}

const MAX_ORDERS = 25;
const FRESH_MS = 15_000;

export async function demoOverview(
  db: PrismaClient,
  shop: Shop,
  demo: DemoEnvironment,
  now: Date = new Date(),
): Promise<DemoOverview> {
  // One snapshot: the worker fails a job and pauses the shop in one commit, and the page must
  // never show the one without the other.
  const woo = demo.woocommerce;
  const { connection, settings, freshShop, stored, jobs, wooOrders, wooJobs } = await readSnapshot(
    db,
    async (tx) => {
      const stored = [...(demo.shopify?.store.orders ?? [])].reverse().slice(0, MAX_ORDERS);
      const orderIds = stored.map((order) => String(order.graphql.id));
      const wooOrders = woo?.shopId ? woo.orders() : [];
      return {
        connection: await tx.ledgerConnection.findUnique({ where: { shopId: shop.id } }),
        settings: await loadShopSettings(prismaSettingsStorage(tx), shop.id),
        freshShop: await tx.shop.findUniqueOrThrow({ where: { id: shop.id } }),
        stored,
        jobs: orderIds.length
          ? await tx.job.findMany({
              where: { shopId: shop.id, orderId: { in: orderIds } },
              orderBy: { seq: "asc" },
            })
          : [],
        // The demo's WooCommerce store is a shop of its own: its orders and their jobs.
        wooOrders,
        wooJobs:
          woo?.shopId && wooOrders.length
            ? await tx.job.findMany({
                where: { shopId: woo.shopId, orderId: { in: wooOrders.map((order) => order.id) } },
                orderBy: { seq: "asc" },
              })
            : [],
      };
    },
  );
  const provider = connection && isLedgerProviderId(connection.provider) ? connection.provider : undefined;
  const connectedLedger = provider ? demo.ledgers[provider] : undefined;
  const orders = stored.map((order) =>
    orderRow(
      order.rest ?? {},
      String(order.graphql.id),
      jobs,
      !demo.shopify?.withheld.has(String(order.graphql.id)),
    ),
  );

  const payout = await demoPayoutView(db, shop.id, demo);
  const wooRows = wooOrders.map((order) => wooOrderRow(order, wooJobs));

  const active = (status: string) => status === "queued" || status === "running";
  const fresh = (row: DemoOrderRow) => now.getTime() - Date.parse(row.createdAt) < FRESH_MS;
  const pending =
    jobs.some((job) => active(job.status)) ||
    wooJobs.some((job) => active(job.status)) ||
    wooRows.some((row) => row.invoice === null && fresh(row)) ||
    orders.some(
      (order) =>
        order.webhookDelivered &&
        order.invoice === null &&
        now.getTime() - Date.parse(order.createdAt) < FRESH_MS &&
        settings.transfer.trigger === "paid",
    );

  return {
    shopifyUrl: demo.shopify?.url ?? null,
    woocommerce: woo
      ? {
          url: woo.url,
          consumerKey: woo.credentials.consumerKey,
          consumerSecret: woo.credentials.consumerSecret,
          connected: woo.shopId !== undefined,
          connectError: woo.connectError ?? null,
          orders: wooRows,
        }
      : null,
    connection: connection
      ? {
          provider: connection.provider,
          name: provider ? LEDGER_PROVIDERS[provider].meta.displayName : connection.provider,
          organisationName: connection.organisationName,
          simulated: connectedLedger !== undefined,
        }
      : null,
    simulators: LEDGER_PROVIDER_IDS.flatMap((id) => {
      const ledger = demo.ledgers[id];
      if (!ledger) return [];
      return [
        {
          provider: id,
          name: LEDGER_PROVIDERS[id].meta.displayName,
          url: ledger.url,
          organisationName: ledger.organisationName,
          credentials: Object.entries(ledger.credentials)
            .filter(([field]) => field !== "kind")
            .map(([field, value]) => ({ field, value })),
        },
      ];
    }),
    orders,
    ledgerDocuments: connectedLedger ? connectedLedger.documents().reverse() : null,
    paused: await pausedState(db, freshShop),
    giftCardAccount: {
      missing: !settings.accounts.giftCardLiability,
      fix: connectedLedger?.giftCardLiabilityAccount ?? null,
    },
    payout,
    pending: pending || (payout !== null && (payout.status === "queued" || payout.status === "running")),
  };
}

/** A WooCommerce order as the same row the Shopify orders use (the page shows both alike). */
function wooOrderRow(order: DemoWooOrder, jobs: Job[]): DemoOrderRow {
  const mine = jobs.filter((job) => job.orderId === order.id);
  const invoice = mine.find((job) => job.kind === "invoice");
  return {
    orderId: order.id,
    numericId: order.id,
    name: `#${order.number}`,
    customer: order.customer,
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt,
    fulfilled: order.status === "completed",
    refunded: order.refunded,
    webhookDelivered: true,
    invoice: invoice ? transferView(invoice) : null,
    creditNotes: mine.filter((job) => job.kind === "creditNote").map(transferView),
  };
}

function transferView(job: Job): DemoTransferView {
  return {
    status: job.status as JobStatus,
    documentNumber: job.documentNumber,
    message: errorMessage(job.lastError),
    messageText: jobErrorOf(job.lastError),
  };
}

function orderRow(rest: Json, orderId: string, jobs: Job[], webhookDelivered: boolean): DemoOrderRow {
  const mine = jobs.filter((job) => job.orderId === orderId);
  const invoice = mine.find((job) => job.kind === "invoice");
  const billing = (rest.billing_address ?? {}) as Json;
  const total = (rest.total_price_set as { presentment_money?: { amount?: string } } | undefined)
    ?.presentment_money?.amount;
  return {
    orderId,
    numericId: orderId.slice(orderId.lastIndexOf("/") + 1),
    name: String(rest.name ?? orderId),
    customer: String(billing.company || billing.name || rest.email || ""),
    total: total ?? String(rest.total_price ?? "0.00"),
    currency: String(rest.presentment_currency ?? rest.currency ?? "DKK"),
    createdAt: String(rest.created_at ?? ""),
    fulfilled: rest.fulfillment_status === "fulfilled",
    refunded: Array.isArray(rest.refunds) && rest.refunds.length > 0,
    webhookDelivered,
    invoice: invoice ? transferView(invoice) : null,
    creditNotes: mine.filter((job) => job.kind === "creditNote").map(transferView),
  };
}
