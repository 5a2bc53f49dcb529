import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../lib/secret-box.server";
import { secretBox } from "../../lib/secrets.server";
import type { StatusWriteBack, StatusWriteBackResult } from "../source-contract";
import { findWooStore, wooClientFor } from "./woo-store-repo.server";

/** Order meta the companion plugin displays (LB_Order_Status in extensions/woocommerce). */
export const ORDER_META = {
  status: "_ledger_bridge_status",
  documentNumber: "_ledger_bridge_document_number",
  error: "_ledger_bridge_error",
  creditNotes: "_ledger_bridge_credit_notes",
} as const;

export type WriteBackResult = StatusWriteBackResult;

/**
 * After a WooCommerce order's job settles, writes its outcome onto the order as meta through
 * the REST API (meta only: WooCommerce recalculates totals when a PUT carries lines), where the
 * plugin's order box and list column show it. The invoice decides the status; a credit note adds
 * its number, or its error without hiding that the invoice went through. The engine audits what
 * was written (a source writes no audit of its own).
 */
export async function writeBackWooStatus(
  db: PrismaClient,
  jobId: string,
  options: { box?: SecretBox; timeoutMs?: number } = {},
): Promise<WriteBackResult> {
  const job = await db.job.findUnique({ where: { id: jobId }, include: { shop: true } });
  if (!job || job.shop.platform !== "woocommerce") return { skipped: "not a WooCommerce order" };
  const store = await findWooStore(db, job.shopId);
  if (!store) return { skipped: "the store is not connected" };
  const message = (job.lastError as { message?: string } | null)?.message ?? "";
  const meta: Array<{ key: string; value: string }> = [];
  if (job.kind === "invoice") {
    if (job.status === "succeeded") {
      meta.push(
        { key: ORDER_META.status, value: "transferred" },
        { key: ORDER_META.documentNumber, value: job.documentNumber ?? job.documentId ?? "" },
        { key: ORDER_META.error, value: "" },
      );
    } else if (job.status === "failed" || job.status === "skipped") {
      meta.push({ key: ORDER_META.status, value: job.status }, { key: ORDER_META.error, value: message });
    } else if (job.status === "needsAttention") {
      // The plugin's own status names (snake_case, as WordPress meta values are): it offers Retry.
      meta.push(
        { key: ORDER_META.status, value: "needs_attention" },
        { key: ORDER_META.error, value: message },
      );
    } else if (job.status === "handled") {
      meta.push({ key: ORDER_META.status, value: "handled" }, { key: ORDER_META.error, value: "" });
    }
  } else if (job.status === "succeeded") {
    const notes = await db.job.findMany({
      where: { shopId: job.shopId, orderId: job.orderId, kind: "creditNote", status: "succeeded" },
      orderBy: { seq: "asc" },
      select: { documentNumber: true, documentId: true },
    });
    meta.push({
      key: ORDER_META.creditNotes,
      value: notes.map((n) => n.documentNumber ?? n.documentId ?? "").join(", "),
    });
  } else if (job.status === "failed") {
    meta.push({ key: ORDER_META.error, value: `Credit note for refund ${job.refundId ?? ""}: ${message}` });
  }
  if (meta.length === 0) return { skipped: `nothing to write for a ${job.status} job` };

  const client = await wooClientFor(db, options.box ?? secretBox(), store, {
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  await client.updateOrderMeta(job.orderId, meta);
  return { written: meta };
}

/** The write-back as the source contract's capability. */
export const wooStatusWriteBack: StatusWriteBack = {
  write: (db, job, options) => writeBackWooStatus(db, job.id, options),
};
