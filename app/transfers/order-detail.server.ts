import { draftProblem } from "../engine/transfer/classify-transfer-error";
import type { AuditText, NestedText } from "../i18n/audit-text";
import { auditTextOf } from "../i18n/audit-text";
import { jobErrorOf, type JobErrorText } from "../i18n/job-error-text";
import type { Job, PrismaClient, Shop } from "@prisma/client";
import { previewDocument } from "../domain/preview";
import type { LedgerVatRounding } from "../domain/vat/ledger-rounding";
import { auditTrail } from "../engine/audit-log.server";
import { vatRoundingForShop } from "../engine/ledger-connections.server";
import type { JobStatus } from "../engine/job-types";
import type { ManualTransferResult } from "../engine/manual-transfer.server";
import { requestManualTransfer } from "../engine/manual-transfer.server";
import type { OrderTransferStatus } from "../engine/order-transfer-status.server";
import { orderTransferStatus } from "../engine/order-transfer-status.server";
import type { TransferProgress } from "../engine/transfer/transfer-progress";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { findOrder, readOrderFromShop, type ReadOrderFromPlatform } from "../sources/find-order.server";
import { parseJsonSafely } from "../sources/shopify/parse-json-safely";
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
  /** The failure's catalogue key and parameters, for the page to show in the merchant's language. */
  messageText: JobErrorText | null;
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
  /** The message as a catalogue key (entries written before keys have none). */
  text: AuditText | null;
}

export interface HandledView {
  by: string;
  /** Who, as a keyed text (older entries have only `by`). */
  byText?: NestedText;
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
  invoiceProblem: JobErrorText | null;
  creditNotes: CreditNoteView[];
  audit: AuditView[];
}

/** Everything the order page shows about one order of the shop (Shopify or WooCommerce), by its numeric id. */
export async function orderDetail(
  db: PrismaClient,
  shop: Shop,
  numericId: string,
  readOrder: ReadOrderFromPlatform = (s, id) => readOrderFromShop(s, id, db),
): Promise<OrderDetail> {
  const orderId = orderIdFor(shop.platform, numericId);
  const [jobs, trail] = await Promise.all([
    db.job.findMany({ where: { shopId: shop.id, orderId }, orderBy: { seq: "asc" } }),
    auditTrail(db, shop.id, orderId),
  ]);
  const invoiceJob = jobs.find((job) => job.kind === "invoice");
  // A job carries its own order; an order without one is found by its id (the shop, else its
  // own recorded webhook), once, for the status and the preview alike.
  const found = invoiceJob?.sourceOrder ? null : await findOrder(db, shop, orderId, readOrder);
  const status = await orderTransferStatus(db, shop, orderId, readOrder, found);
  const body = invoiceJob?.sourceOrder || found?.body;
  const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
  // Previewed as the connected ledger will get it (its own VAT rounding decides the layout).
  const rounding = await vatRoundingForShop(db, shop.id);
  const invoice = documentFor(shop, { settings, ...rounding }, invoiceJob, body);
  const { preview: _preview, ...transfer } = status;
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
        messageText: jobErrorOf(job.lastError),
        handled: handled.get(job.id) ?? null,
        updatedAt: job.updatedAt.toISOString(),
        document: documentFor(
          shop,
          { settings, ...rounding },
          job,
          job.sourceOrder || body,
          job.sourceRefund ?? undefined,
        ).document,
      })),
    audit: trail.map((entry) => ({
      id: String(entry.id),
      at: entry.at.toISOString(),
      step: entry.step,
      level: entry.level === "error" || entry.level === "warn" ? entry.level : "info",
      message: entry.message,
      text: auditTextOf(entry.data),
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
  readOrder: ReadOrderFromPlatform = (s, id) => readOrderFromShop(s, id, db),
): Promise<ManualTransferResult> {
  const orderId = orderIdFor(shop.platform, numericId);
  const result = await requestManualTransfer(db, shop, orderId, undefined, readOrder);
  if (result.outcome === "queued") {
    // A job queued by hand has no order name yet; the transfers list shows the order by it.
    const job = await db.job.findUnique({ where: { id: result.jobId }, select: { sourceOrder: true } });
    const name = nameOf(job?.sourceOrder);
    if (name)
      await db.job.updateMany({ where: { id: result.jobId, orderName: null }, data: { orderName: name } });
  }
  return result;
}

function documentFor(
  shop: Shop,
  { settings, vatRounding }: { settings: unknown; vatRounding?: LedgerVatRounding },
  job: Job | undefined,
  order: string | undefined,
  refund?: string,
): { document: DocumentView | null; problem: JobErrorText | null } {
  const frozen = (job?.progress as TransferProgress | null)?.draft;
  if (frozen) return { document: viewOfDraft(frozen), problem: null };
  if (!order) return { document: null, problem: null };
  try {
    const preview = previewDocument({
      source: shop.platform,
      order,
      settings,
      shop: shop.domain,
      ...(vatRounding ? { vatRounding } : {}),
      ...(refund ? { refund } : {}),
    });
    return { document: viewOfPreview(preview), problem: null };
  } catch (error) {
    return { document: null, problem: draftProblem(error) };
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
