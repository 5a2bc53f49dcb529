import { z } from "zod/mini";

/**
 * What `GET /api/orders/:orderGid/transfer-status` returns to the order-page block. The app
 * backend builds this object and the block parses it, so both sides share this one schema.
 * `zod/mini` keeps the extension bundle well under Shopify's 64 KB budget.
 *
 * Amounts are exact decimal strings in major units (as the accounting core's preview renders
 * them): the block only displays them and never does arithmetic on them.
 */
export const TRANSFER_STATUSES = [
  "notTransferred",
  "queued",
  "running",
  "transferred",
  "failed",
  "skipped",
  "changedAfterTransfer",
  /** Parked: this order's data cannot be booked (`message` says why); the shop's other orders go on. */
  "needsAttention",
  /** The merchant booked it by hand: final. */
  "handled",
] as const;

export type TransferStatusName = (typeof TRANSFER_STATUSES)[number];

const decimal = z.string().check(z.regex(/^-?\d+(\.\d+)?$/, "a decimal amount such as 125.00"));

export const invoicePreviewSchema = z.object({
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, "an ISO 4217 currency code")),
  lines: z.array(
    z.object({
      description: z.string(),
      quantity: z.union([z.number(), decimal]),
      gross: decimal,
    }),
  ),
  totals: z.object({ net: decimal, vat: decimal, gross: decimal }),
});
export type InvoicePreview = z.infer<typeof invoicePreviewSchema>;

export const transferStatusSchema = z.object({
  status: z.enum(TRANSFER_STATUSES),
  documentNumber: z.nullish(z.string()),
  message: z.nullish(z.string()),
  ledger: z.nullish(z.string()),
  preview: z.nullish(invoicePreviewSchema),
  canTransfer: z.boolean(),
  canRetry: z.boolean(),
});
export type TransferStatus = z.infer<typeof transferStatusSchema>;

/** Body of a non-2xx answer from either route; only `message` is shown to the merchant. */
export const transferErrorSchema = z.object({ message: z.nullish(z.string()) });
