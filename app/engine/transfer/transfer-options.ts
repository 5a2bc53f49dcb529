/**
 * How documents are carried into the ledger, beyond what they contain (that is the settings'
 * accounting part, read by the builder). Derived from the shop's settings.
 */
export interface TransferOptions {
  /** Book (approve) documents, or leave them as drafts for the bookkeeper. */
  book: boolean;
  /** Register the order's payments (and refunds) on booked documents. */
  registerPayments: boolean;
  /** E-mail the booked invoice to the customer from the ledger. */
  email: { enabled: boolean; body: string };
  /** Items as ledger products by SKU, or on generic lines without products. */
  products: "bySku" | "none";
  /** Update an existing product's name and price to the latest order's. */
  updateProducts: boolean;
  /** Lock the invoice number to the order number where the ledger allows it. */
  lockNumber: boolean;
  /** Never transfer Shopify test orders. */
  skipTestOrders: boolean;
}

export const DEFAULT_TRANSFER_OPTIONS: TransferOptions = {
  book: true,
  registerPayments: true,
  email: { enabled: false, body: "Tak for din ordre. Fakturaen er vedhæftet." },
  products: "bySku",
  updateProducts: false,
  lockNumber: false,
  skipTestOrders: true,
};
