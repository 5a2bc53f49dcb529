import type { PreviewWarningKey } from "../i18n/pages/preview-warnings";
import type { CurrencyCode } from "./money";
import type { DraftWarning } from "./draft-warning";

/**
 * What the accounting core hands to every ledger adapter: a complete, reconciled invoice or
 * credit note in integer minor units. Adapters translate it into their ledger's shape and
 * never recompute business rules (VAT treatment, allocation, rounding) themselves.
 *
 * Invariants the builder guarantees (and tests prove):
 *  - every line: `gross === net + vat`;
 *  - `totals` are the exact sums of the lines, and `totals.gross` equals the order (or refund)
 *    total to the minor unit — any difference is an explicit `rounding` line;
 *  - `vatRate` is in basis points (2500 = 25 %), consistent with `vatTreatment`.
 */

export type VatTreatment =
  /** Danish (home-country) VAT, 25 %. */
  | "domestic"
  /** Zero-rated or VAT-exempt goods and services inside the home country. */
  | "exempt"
  /** EU B2C distance sale above the threshold: destination-country rate, booked to OSS. */
  | "oss"
  /** EU B2B sale to a customer with a valid VAT number: 0 %, reverse charge. */
  | "euReverseCharge"
  /** Export outside the EU: 0 %. */
  | "export"
  /** Norway VOEC low-value goods: Norwegian VAT collected at checkout, reported via VOEC. */
  | "voec";

export type DraftLineKind = "item" | "shipping" | "discount" | "fee" | "giftCard" | "rounding";

export interface DraftLine {
  kind: DraftLineKind;
  description: string;
  /** The webshop SKU for item lines; adapters use it to find or create the ledger product. */
  sku?: string;
  /** Whole units; discount, shipping, fee and rounding lines have 1. */
  quantity: number;
  /**
   * Unit price excluding VAT, minor units. `quantity * unitNet === net` holds for every line
   * the builder emits (a line whose total does not divide evenly is split in two).
   */
  unitNet: number;
  /** Basis points: 2500 = 25 %. */
  vatRate: number;
  vatTreatment: VatTreatment;
  net: number;
  vat: number;
  gross: number;
  /** Ledger account the line is booked to (revenue, OSS, gift-card liability, rounding…). */
  account: string;
  /** Ties discount lines to the code the customer used, for the bookkeeper. */
  discountCode?: string;
  /**
   * The source order line this line books (item and gift-card lines), so a refund of that line
   * can be credited at the same rate and account. Informational for adapters.
   */
  sourceLineId?: string;
}

export interface DraftAddress {
  line1?: string;
  line2?: string;
  zip?: string;
  city?: string;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string;
}

export type CustomerMatchKey = "email" | "phone" | "vatNumber" | "reference";

export interface DraftCustomer {
  /** The value adapters search the ledger by, per the shop's matching setting. */
  match: { key: CustomerMatchKey; value: string };
  /** Our stable reference for the customer (source + customer id, or e-mail for guests). */
  reference: string;
  name: string;
  email?: string;
  phone?: string;
  companyName?: string;
  /** VAT or CVR number, digits with optional country prefix, as given by the buyer. */
  vatNumber?: string;
  /** Danish public-sector EAN (GLN) for OIOUBL e-invoicing. */
  ean?: string;
  isBusiness: boolean;
  address: DraftAddress;
  /** Defaults to `address` when the order has no separate shipping address. */
  shippingAddress?: DraftAddress;
  /**
   * When the match field finds contacts but none is this buyer (another company name or VAT
   * number on the same e-mail): update the found contact, or create one (the default).
   */
  onCompanyChange?: "create" | "update";
  /**
   * A fixed ledger contact chosen in settings (#18): the transfer books on it as it is, without
   * looking up or creating a customer. Adapters ignore it.
   */
  ledgerId?: string;
}

export interface DraftPayment {
  /** Positive minor units, in the document's currency. */
  amount: number;
  /** The webshop gateway ("shopify_payments", "mobilepay", "gift_card", "stripe", …). */
  gateway: string;
  /** Ledger deposit account chosen in settings for this gateway. */
  depositAccount: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** The source transaction id, for reconciliation. */
  reference: string;
}

export interface DraftTotals {
  net: number;
  vat: number;
  gross: number;
}

interface DraftCommon {
  /**
   * Deterministic and unique per shop + document: written to the ledger (where it has a field
   * for it) so a retry after a crash or a lost response finds the document instead of creating
   * a second one.
   */
  externalReference: string;
  currency: CurrencyCode;
  /** ISO date (YYYY-MM-DD) the document is dated. */
  issueDate: string;
  /** Whether the webshop showed prices including VAT (drives the ledger's display setting). */
  pricesIncludeVat: boolean;
  customer: DraftCustomer;
  lines: DraftLine[];
  totals: DraftTotals;
  /** Per VAT rate (basis points) sums, e.g. for reconciling with the order's tax lines. */
  vatByRate: Array<{ vatRate: number; net: number; vat: number }>;
  /** Header text on the document, e.g. "Order #1001". */
  header: string;
  /** Free comment text, carrying the order number and anything the merchant configured. */
  comment: string;
  /** Source order identifiers. */
  order: { id: string; name: string; number: string };
  payments: DraftPayment[];
  /**
   * The shop platform's own rate when the document is in the customer's currency and the shop's
   * is another (1 `from` = `rate` `to`), for ledgers that take a rate with a foreign-currency
   * document instead of their daily rate.
   */
  exchangeRate?: { from: CurrencyCode; to: CurrencyCode; rate: string };
  /**
   * Things the merchant should know that did not stop the draft (a reduced OSS rate taken from
   * the order, a rounding line, an order that is cancelled). Optional; adapters ignore it.
   */
  warnings?: DraftWarning[];
  /**
   * What the merchant is told about the layout, in their language (catalogue key + values): why
   * a rounding line is there. Optional; adapters ignore it.
   */
  explanations?: DraftExplanation[];
}

export interface DraftExplanation {
  key: PreviewWarningKey;
  params: Record<string, string>;
}

export interface InvoiceDraft extends DraftCommon {
  kind: "invoice";
  /** Days until due; the ledger computes the due date from the issue date. */
  paymentTermsDays: number;
  /**
   * Gateways set to leave the invoice open with terms (#18) that the order used: their money is
   * not registered, on the invoice nor as a refund on its credit notes. Adapters ignore it.
   */
  openGateways?: string[];
  /** When numbering is locked to the order number: the number to book with. */
  lockedNumber?: number;
}

export interface CreditNoteDraft extends DraftCommon {
  kind: "creditNote";
  refund: { id: string };
  /** The `externalReference` of the invoice this note credits. */
  creditsExternalReference: string;
}

export type DocumentDraft = InvoiceDraft | CreditNoteDraft;
