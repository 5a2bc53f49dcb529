import type { Prisma, PrismaClient } from "@prisma/client";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { loadShopSettings } from "../../settings/settings-store";
import type { SettingsStorage } from "../../settings/settings-store";
import type { ShopSettings } from "../../settings/settings-schema";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { originalJson, storableJson, storableText } from "../../lib/storable-text";
import { orderIdOfParsed } from "../../sources/order-identity";
import { parseJsonSafely } from "../../sources/shopify/parse-json-safely";
import { appendAudit } from "../audit-log.server";
import { enqueueJobWithAudit, skipCancelledJob } from "../job-queue.server";
import type { TransferProgress } from "../transfer/transfer-progress";
import { changesSinceTransfer } from "./changes-since-transfer";

/**
 * Turns a recorded Shopify webhook into work, per the shop's settings: an invoice job when the
 * order is paid (or fulfilled), a credit-note job per refund (waiting for its invoice when that
 * is not transferred yet), a skip when an order is cancelled before transfer, and a "changed
 * after transfer" flag when a transferred order is edited. Only database writes — the ledger
 * is called by workers, never from a webhook.
 */

export interface ShopifyEvent {
  shopDomain: string;
  topic: string;
  rawBody: string;
}

export type IngestOutcome =
  | { action: "enqueued"; jobId: string; created: boolean }
  | { action: "ignored"; reason: string }
  | { action: "skippedJob"; jobId: string }
  | { action: "flaggedChange"; jobId: string };

export async function ingestShopifyEvent(db: PrismaClient, event: ShopifyEvent): Promise<IngestOutcome> {
  // The settings row comes with the shop: one query instead of two on every webhook.
  const shop = await db.shop.findUnique({
    where: { platform_domain: { platform: "shopify", domain: event.shopDomain } },
    include: { settings: true },
  });
  if (!shop || shop.uninstalledAt) return { action: "ignored", reason: "the shop is not installed" };
  const parsed = parseJsonSafely(event.rawBody);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { action: "ignored", reason: "the body is not a JSON object" };
  }
  const payload = parsed as Record<string, unknown>;
  const needs =
    event.topic === "refunds/create"
      ? hasRefundIds(payload)
      : event.topic.startsWith("orders/")
        ? hasOrderId(payload)
        : true;
  if (!needs) return { action: "ignored", reason: `the ${event.topic} payload lacks the ids we key on` };
  const settings = await loadShopSettings(loadedSettings(db, shop.settings), shop.id);

  switch (event.topic) {
    case "orders/paid":
    case "orders/fulfilled": {
      const trigger = event.topic === "orders/paid" ? "paid" : "fulfilled";
      if (settings.transfer.trigger !== trigger)
        return { action: "ignored", reason: `transfers happen on ${settings.transfer.trigger}` };
      const orderId = orderGid(payload);
      const { jobId, created } = await enqueueJobWithAudit(
        db,
        {
          shopId: shop.id,
          kind: "invoice",
          orderId,
          orderName: storableText(stringField(payload, "name") ?? orderId),
          trigger,
          sourceOrder: event.rawBody,
        },
        { step: "queue", message: `Queued the invoice (order ${trigger})` },
      );
      return { action: "enqueued", jobId, created };
    }
    case "refunds/create": {
      const refund = (payload.refund ?? payload) as Record<string, unknown>;
      const orderId = `gid://shopify/Order/${String(refund.order_id)}`;
      const refundId = gidField(refund, "Refund") ?? `gid://shopify/Refund/${String(refund.id)}`;
      const invoice = await db.job.findUnique({
        where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderId}` } },
      });
      const { jobId, created } = await enqueueJobWithAudit(
        db,
        {
          shopId: shop.id,
          kind: "creditNote",
          orderId,
          orderName: invoice?.orderName ?? orderId,
          refundId,
          trigger: "paid",
          // The refund payload has no order: the credit note is built from the invoice job's order.
          sourceOrder: invoice?.sourceOrder ?? "",
          sourceRefund: event.rawBody,
          status: invoice?.status === "succeeded" ? "queued" : "waiting",
        },
        {
          step: "queue",
          message:
            invoice?.status === "succeeded"
              ? "Queued the credit note"
              : "Refund received: the credit note waits for the order's invoice",
        },
      );
      return { action: "enqueued", jobId, created };
    }
    case "orders/cancelled": {
      const orderId = orderGid(payload);
      const invoice = await db.job.findUnique({
        where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderId}` } },
        select: { id: true, shopId: true, orderId: true },
      });
      const skipped =
        invoice &&
        (await skipCancelledJob(db, invoice, "The order was cancelled before it was transferred", [
          "queued",
        ]));
      if (!skipped) return { action: "ignored", reason: "no queued invoice to skip" };
      return { action: "skippedJob", jobId: orderId };
    }
    case "orders/updated":
      return flagChangeAfterTransfer(db, shop.id, event.rawBody, payload, settings);
    default:
      return { action: "ignored", reason: `no transfer work for ${event.topic}` };
  }
}

/** Never rewrites a booked invoice: records what differs so the merchant can decide. */
async function flagChangeAfterTransfer(
  db: PrismaClient,
  shopId: string,
  rawBody: string,
  payload: Record<string, unknown>,
  settings: ShopSettings,
): Promise<IngestOutcome> {
  const orderId = orderGid(payload);
  const job = await db.job.findUnique({
    where: { shopId_businessKey: { shopId, businessKey: `invoice:${orderId}` } },
  });
  if (!job || job.status !== "succeeded") {
    // Not transferred yet: the job (if any) will read this newer order when it runs — or, parked
    // or failed, when the merchant retries it (a retry rebuilds the draft while nothing is booked).
    if (job && (job.status === "queued" || job.status === "failed" || job.status === "needsAttention"))
      await db.job.updateMany({
        where: { id: job.id, status: { in: ["queued", "failed", "needsAttention"] } },
        data: { sourceOrder: rawBody },
      });
    return { action: "ignored", reason: "the order is not transferred yet" };
  }
  const transferred = originalJson(job.progress as TransferProgress | null)?.draft as
    InvoiceDraft | undefined;
  if (!transferred) return { action: "ignored", reason: "no transferred draft to compare" };
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
  const differences = changesSinceTransfer(transferred, "shopify", rawBody, settings, shop.domain);
  if (differences.length === 0) return { action: "ignored", reason: "nothing booked has changed" };
  await db.job.update({
    where: { id: job.id },
    // Differences quote the buyer's SKUs and line names.
    data: { changedAfterTransfer: storableJson({ at: new Date().toISOString(), differences }) },
  });
  await appendAudit(db, {
    shopId,
    orderId,
    jobId: job.id,
    step: "changed",
    level: "warn",
    message: `Changed after transfer: ${differences.join("; ")}`,
  });
  return { action: "flaggedChange", jobId: job.id };
}

/** Settings storage over a row already read (reads cost no query; writes go to the database). */
function loadedSettings(db: PrismaClient, row: { settings: Prisma.JsonValue } | null): SettingsStorage {
  return { read: async () => row?.settings ?? undefined, write: prismaSettingsStorage(db).write };
}

/**
 * The order the body itself is (its own id fields), as the delivery record keys it too: a job
 * is always keyed on the order whose body it stores. Only called once hasOrderId said yes.
 */
function orderGid(payload: Record<string, unknown>): string {
  const orderId = orderIdOfParsed("shopify", payload);
  if (orderId === null) throw new Error("the order payload lacks its id");
  return orderId;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * The record's GraphQL id, only in Shopify's own form: an id is a key (and a database value),
 * so any other text in the field — a NUL, a surrogate, another order's id with a suffix —
 * falls back to the numeric id instead of becoming the order's identity.
 */
function gidField(record: Record<string, unknown>, type: "Order" | "Refund"): string | undefined {
  const value = stringField(record, "admin_graphql_api_id");
  return value !== undefined && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value) ? value : undefined;
}

function hasOrderId(payload: Record<string, unknown>): boolean {
  return orderIdOfParsed("shopify", payload) !== null;
}

function hasRefundIds(payload: Record<string, unknown>): boolean {
  const refund = (payload.refund ?? payload) as Record<string, unknown>;
  return idLike(refund.order_id) && (gidField(refund, "Refund") !== undefined || idLike(refund.id));
}

function idLike(value: unknown): boolean {
  return (
    (typeof value === "number" && Number.isInteger(value) && value > 0) ||
    (typeof value === "string" && /^\d+$/.test(value))
  );
}
