import type { ShopSettings } from "../../settings/settings-schema";

/**
 * How documents are carried into the ledger, beyond what they contain (the accounting part of
 * the settings is the builder's). Derived from the shop's settings.
 */
export interface TransferOptions {
  /** Book (approve) documents, or leave them as drafts for the bookkeeper. */
  book: boolean;
  /** Register the order's payments (and refunds) on booked documents. */
  registerPayments: boolean;
  /** E-mail the booked invoice to the customer from the ledger. */
  email: { enabled: boolean; body: string };
  /** Items as ledger products by SKU, or lines without products. */
  products: "bySku" | "none";
  /** Update an existing product's name and price to the latest order's. */
  updateProducts: boolean;
  /** Lock the invoice number to the order number where the ledger allows it. */
  lockNumber: boolean;
}

export function transferOptionsFrom(settings: ShopSettings): TransferOptions {
  return {
    book: settings.transfer.book,
    registerPayments: settings.payments.register,
    email: settings.transfer.email,
    products: settings.transfer.products,
    updateProducts: settings.transfer.updateProducts,
    lockNumber: settings.numbering === "orderNumber",
  };
}
