import { jobErrorOf, type JobErrorText } from "../i18n/job-error-text";
import type { Job, PrismaClient, Shop } from "@prisma/client";
import { z } from "zod";
import { previewDocument } from "../domain/preview";
import { vatRoundingForShop } from "./ledger-connections.server";
import type { DocumentDraft } from "../domain/invoice-draft";
import { formatMinor } from "../domain/money";
import { LEDGER_PROVIDERS, isLedgerProviderId } from "../ledgers/registry";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { findOrder, type ReadOrderFromPlatform } from "../sources/source-registry.server";
import type { TransferProgress } from "./transfer/transfer-progress";

/**
 * What the order page shows: the invoice's transfer status, the ledger's number, the merchant's
 * message when it failed, a preview of the invoice, and whether Transfer or Retry applies. The
 * shape is the order block's contract (extensions/order-transfer-block/src/transfer-status-contract.ts).
 */
export interface OrderTransferStatus {
  status:
    | "notTransferred"
    | "queued"
    | "running"
    | "transferred"
    | "failed"
    | "skipped"
    | "changedAfterTransfer"
    /** Parked: this order's data cannot be booked; `message` is the reason. Retry applies. */
    | "needsAttention"
    /** The merchant booked it by hand: final, neither Transfer nor Retry. */
    | "handled";
  documentNumber?: string | null;
  message?: string | null;
  /** The failure's catalogue key and parameters, for pages that show it in the merchant's language. */
  messageText?: JobErrorText | null;
  ledger?: string | null;
  preview?: {
    currency: string;
    lines: Array<{ description: string; quantity: string; gross: string }>;
    totals: { net: string; vat: string; gross: string };
  } | null;
  canTransfer: boolean;
  canRetry: boolean;
}

/** Order ids as Shopify's admin gives them to the block. */
export const orderIdParam = z
  .string()
  .regex(/^gid:\/\/shopify\/Order\/\d+$/, "an order id such as gid://shopify/Order/123");

export async function orderTransferStatus(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  /** How the order is read from the shop itself (default: its platform's API). */
  readOrder?: ReadOrderFromPlatform,
  /**
   * The order as the caller already found it (the order page looks it up once for both), so
   * the shop is not asked twice; undefined here means "look it up".
   */
  found?: { body: string } | null,
): Promise<OrderTransferStatus> {
  const [job, connection] = await Promise.all([
    db.job.findUnique({
      where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderId}` } },
    }),
    db.ledgerConnection.findUnique({ where: { shopId: shop.id } }),
  ]);
  const ledger =
    connection && isLedgerProviderId(connection.provider)
      ? LEDGER_PROVIDERS[connection.provider].meta.displayName
      : null;
  // A job carries its own order; without one the order is found by its id, never by text.
  const body =
    job?.sourceOrder ||
    (found !== undefined ? found : await findOrder(db, shop, orderId, readOrder))?.body ||
    undefined;
  const { preview, previewError } = await previewFor(db, shop, job, body);
  const common = { ledger, preview };
  if (!job) {
    return {
      status: "notTransferred",
      ...common,
      message: previewError,
      canTransfer: body !== undefined,
      canRetry: false,
    };
  }
  const lastText = jobErrorOf(job.lastError);
  const lastMessage = lastText?.message ?? null;
  switch (job.status) {
    case "queued":
    case "waiting":
      return {
        status: "queued",
        ...common,
        message: lastMessage,
        messageText: lastText,
        canTransfer: false,
        canRetry: false,
      };
    case "running":
      return { status: "running", ...common, canTransfer: false, canRetry: false };
    case "succeeded": {
      const change = job.changedAfterTransfer as { differences?: string[] } | null;
      return {
        status: change ? "changedAfterTransfer" : "transferred",
        ...common,
        documentNumber: job.documentNumber,
        message: change?.differences?.join("; ") ?? null,
        canTransfer: false,
        canRetry: false,
      };
    }
    case "failed":
      return {
        status: "failed",
        ...common,
        message: lastMessage,
        messageText: lastText,
        canTransfer: false,
        canRetry: true,
      };
    case "needsAttention":
      return {
        status: "needsAttention",
        ...common,
        message: lastMessage,
        messageText: lastText,
        canTransfer: false,
        canRetry: true,
      };
    case "handled":
      return {
        status: "handled",
        ...common,
        message: lastMessage,
        messageText: lastText,
        canTransfer: false,
        canRetry: false,
      };
    default:
      return {
        status: "skipped",
        ...common,
        message: lastMessage,
        messageText: lastText,
        canTransfer: true,
        canRetry: false,
      };
  }
}

async function previewFor(db: PrismaClient, shop: Shop, job: Job | null, body: string | undefined) {
  const frozen = (job?.progress as TransferProgress | null)?.draft;
  if (frozen) return { preview: fromDraft(frozen), previewError: null };
  if (!body) return { preview: null, previewError: null };
  try {
    const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
    const document = previewDocument({
      source: shop.platform,
      order: body,
      settings,
      shop: shop.domain,
      ...(await vatRoundingForShop(db, shop.id)),
    });
    return {
      preview: {
        currency: document.currency,
        lines: document.lines.map((l) => ({
          description: l.description,
          quantity: l.quantity,
          gross: l.gross,
        })),
        totals: document.totals,
      },
      previewError: null,
    };
  } catch (error) {
    return { preview: null, previewError: error instanceof Error ? error.message : String(error) };
  }
}

function fromDraft(draft: DocumentDraft): NonNullable<OrderTransferStatus["preview"]> {
  const amount = (value: number) => formatMinor(value, draft.currency);
  return {
    currency: draft.currency,
    lines: draft.lines.map((line) => ({
      description: line.description,
      quantity: String(line.quantity),
      gross: amount(line.gross),
    })),
    totals: {
      net: amount(draft.totals.net),
      vat: amount(draft.totals.vat),
      gross: amount(draft.totals.gross),
    },
  };
}
