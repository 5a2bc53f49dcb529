import type { Job, PrismaClient, Shop } from "@prisma/client";
import { previewDocument } from "../domain/preview";
import { auditTrail } from "../engine/audit-log.server";
import type { JobStatus } from "../engine/job-types";
import type { ManualTransferResult } from "../engine/manual-transfer.server";
import { requestManualTransfer } from "../engine/manual-transfer.server";
import type { OrderTransferStatus } from "../engine/order-transfer-status.server";
import { orderTransferStatus } from "../engine/order-transfer-status.server";
import type { TransferProgress } from "../engine/transfer/transfer-progress";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { log } from "../lib/log.server";
import { orderSourceFor } from "../sources/order-source-for.server";
import { ShopifyAdminError } from "../sources/shopify/admin-graphql/admin-graphql-errors";
import { parseJsonSafely } from "../sources/shopify/parse-json-safely";
import { OrderSourceUnavailableError } from "../sources/shopify/shop-order-source.server";
import { WooStoreUnavailableError } from "../sources/woocommerce/store-order-source.server";
import { WooCommerceError } from "../sources/woocommerce/woocommerce-error";
import type { DocumentView } from "./document-view";
import { viewOfDraft, viewOfPreview } from "./document-view";
import { errorKind, errorMessage } from "./list-transfers.server";
import { orderIdFor } from "./order-ids";
import { handledBy } from "./parked-jobs.server";

export interface CreditNoteView {
  jobId: string;
  refundId: string | null;
  status: JobStatus;
  documentNumber: string | null;
  message: string | null;
  /** The kind of the last failure, for reasons the page translates itself. */
  messageKind: string | null;
  /** Who marked it handled manually, and when. */
  handled: HandledView | null;
  updatedAt: string;
  document: DocumentView | null;
}

export interface AuditView {
  id: string;
  at: string;
  step: string;
  level: "info" | "warn" | "error";
  message: string;
}

export interface HandledView {
  by: string;
  at: string;
}

export interface OrderDetail {
  orderId: string;
  numericId: string;
  orderName: string | null;
  /** The invoice's job, which Retry and "Mark as handled manually" act on. */
  invoiceJobId: string | null;
  /** Who marked the invoice handled manually, and when. */
  handled: HandledView | null;
  /** What the order-page block shows: status, document number, message, Transfer / Retry. */
  transfer: Omit<OrderTransferStatus, "preview">;
  /** The invoice as booked (the frozen draft) or as it would be booked now. */
  invoice: DocumentView | null;
  /** Why there is no invoice preview, in the core's words (e.g. a missing account). */
  invoiceProblem: string | null;
  creditNotes: CreditNoteView[];
  audit: AuditView[];
}

/** Everything the order page shows about one order of the shop (Shopify or WooCommerce), by its numeric id. */
export async function orderDetail(
  db: PrismaClient,
  shop: Shop,
  numericId: string,
  readOrder: (shop: Shop, orderId: string) => Promise<string | undefined> = readOrderFromShop,
): Promise<OrderDetail> {
  const orderId = orderIdFor(shop.platform, numericId);
  const [status, jobs, trail] = await Promise.all([
    orderTransferStatus(db, shop, orderId),
    db.job.findMany({ where: { shopId: shop.id, orderId }, orderBy: { seq: "asc" } }),
    auditTrail(db, shop.id, orderId),
  ]);
  const invoiceJob = jobs.find((job) => job.kind === "invoice");
  const known = invoiceJob?.sourceOrder || (await latestOrderBody(db, shop, orderId));
  // An order no webhook brought (lost, or never sent) can still be transferred from the shop.
  const fromShop =
    known || jobs.length > 0 ? undefined : await readOrder(shop, orderId).catch(() => undefined);
  const body = known ?? fromShop;
  const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
  const invoice = documentFor(shop, settings, invoiceJob, body);
  const { preview: _preview, ...reported } = status;
  const transfer = fromShop ? { ...reported, canTransfer: true } : reported;
  const handled = await handledOf(db, shop.id, jobs);
  return {
    orderId,
    numericId,
    orderName: invoiceJob?.orderName ?? jobs[0]?.orderName ?? nameOf(body),
    invoiceJobId: invoiceJob?.id ?? null,
    handled: (invoiceJob && handled.get(invoiceJob.id)) ?? null,
    transfer,
    invoice: invoice.document,
    invoiceProblem: invoice.problem,
    creditNotes: jobs
      .filter((job) => job.kind === "creditNote")
      .map((job) => ({
        jobId: job.id,
        refundId: job.refundId,
        status: job.status as JobStatus,
        documentNumber: job.documentNumber,
        message: errorMessage(job.lastError),
        messageKind: errorKind(job.lastError),
        handled: handled.get(job.id) ?? null,
        updatedAt: job.updatedAt.toISOString(),
        document: documentFor(shop, settings, job, job.sourceOrder || body, job.sourceRefund ?? undefined)
          .document,
      })),
    audit: trail.map((entry) => ({
      id: String(entry.id),
      at: entry.at.toISOString(),
      step: entry.step,
      level: entry.level === "error" || entry.level === "warn" ? entry.level : "info",
      message: entry.message,
    })),
  };
}

/** Who marked each handled job of the order handled, from the audit log. */
async function handledOf(db: PrismaClient, shopId: string, jobs: Job[]): Promise<Map<string, HandledView>> {
  const views = new Map<string, HandledView>();
  for (const job of jobs) {
    if (job.status !== "handled") continue;
    const view = await handledBy(db, shopId, job.id);
    if (view) views.set(job.id, view);
  }
  return views;
}

/** The page's Transfer / Retry button: the same rules as the order block's. */
export async function transferOrder(
  db: PrismaClient,
  shop: Shop,
  numericId: string,
  readOrder: (shop: Shop, orderId: string) => Promise<string | undefined> = readOrderFromShop,
): Promise<ManualTransferResult> {
  const orderId = orderIdFor(shop.platform, numericId);
  let result = await requestManualTransfer(db, shop, orderId);
  if (result.outcome === "unknownOrder") {
    // No webhook brought this order (lost, or never sent): read it from the shop itself.
    const order = await readOrder(shop, orderId);
    if (order) result = await requestManualTransfer(db, shop, orderId, order);
  }
  if (result.outcome === "queued") {
    // A job queued by hand has no order name yet; the transfers list shows the order by it.
    const job = await db.job.findUnique({ where: { id: result.jobId }, select: { sourceOrder: true } });
    const name = nameOf(job?.sourceOrder);
    if (name)
      await db.job.updateMany({ where: { id: result.jobId, orderName: null }, data: { orderName: name } });
  }
  return result;
}

/**
 * The order as the shop itself has it: Shopify's Admin API (in local mode the demo's Shopify
 * simulator) or the WooCommerce store's REST API, whichever the shop's platform is.
 */
export async function readOrderFromShop(shop: Shop, orderId: string): Promise<string | undefined> {
  try {
    return (await (await orderSourceFor(shop)).fetchOrder(orderId))?.order;
  } catch (error) {
    if (error instanceof OrderSourceUnavailableError || error instanceof WooStoreUnavailableError) {
      return undefined;
    }
    // Shopify unreachable or busy for a moment: "not here yet, try again" rather than a 500.
    if (error instanceof ShopifyAdminError && error.retryable) return undefined;
    // A store that cannot be read (offline, keys revoked) shows the order as unknown; the
    // store's problem is recorded for the merchant by the poll.
    if (error instanceof WooCommerceError) {
      log.warn("woocommerce order could not be read", { shop: shop.domain, orderId, error: error.message });
      return undefined;
    }
    throw error;
  }
}

function documentFor(
  shop: Shop,
  settings: unknown,
  job: Job | undefined,
  order: string | undefined,
  refund?: string,
): { document: DocumentView | null; problem: string | null } {
  const frozen = (job?.progress as TransferProgress | null)?.draft;
  if (frozen) return { document: viewOfDraft(frozen), problem: null };
  if (!order) return { document: null, problem: null };
  try {
    const preview = previewDocument({
      source: shop.platform,
      order,
      settings,
      shop: shop.domain,
      ...(refund ? { refund } : {}),
    });
    return { document: viewOfPreview(preview), problem: null };
  } catch (error) {
    return { document: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

function nameOf(body: string | undefined): string | null {
  if (!body) return null;
  const parsed = parseJsonSafely(body);
  if (typeof parsed !== "object" || parsed === null) return null;
  // Shopify's orders carry a name ("#1042"); WooCommerce's a number ("1042").
  const { name, number } = parsed as { name?: unknown; number?: unknown };
  if (typeof name === "string") return name;
  return typeof number === "string" || typeof number === "number" ? `#${number}` : null;
}

/** The newest order webhook that carried this order: the order as the shop last described it. */
async function latestOrderBody(db: PrismaClient, shop: Shop, orderId: string): Promise<string | undefined> {
  const event = await db.webhookEvent.findFirst({
    where: {
      platform: shop.platform,
      shopDomain: shop.domain,
      topic: { startsWith: "orders/" },
      body: { contains: `"${orderId}"` },
    },
    orderBy: { receivedAt: "desc" },
    select: { body: true },
  });
  return event?.body;
}
