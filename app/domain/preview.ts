import { buildCreditNote } from "./build-credit-note";
import { buildInvoice } from "./build-invoice";
import { DraftError } from "./draft-errors";
import type { DocumentDraft } from "./invoice-draft";
import type { DraftWarning } from "./draft-warning";
import { renderMessage } from "../i18n/render-message";
import { formatMinor } from "./money";
import { mapSourceOrder, mapSourceRefund } from "../sources/map-source";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { formatRatePercent } from "./vat/vat-rate-format";
import type { LedgerVatRounding } from "./vat/ledger-rounding";
import { explanationText } from "./vat/rounding-explanation";
import type { TreatmentDecision } from "./vat/vat-treatment";

export type PreviewSource = "shopify" | "woocommerce";

export interface PreviewInput {
  source: PreviewSource;
  /** The order payload: raw JSON text (keeps big Shopify ids exact) or already parsed JSON. */
  order: unknown;
  /** A refund payload of that order: previews the credit note instead of the invoice. */
  refund?: unknown;
  /** Stored or submitted settings of any version, possibly partial; defaults when absent. */
  settings?: unknown;
  /** Shop domain, part of the external reference; a placeholder when previewing offline. */
  shop?: string;
  /** How the connected ledger rounds VAT (`LedgerProviderMeta.vatRounding`); per line when none. */
  vatRounding?: LedgerVatRounding;
}

export interface PreviewLine {
  kind: string;
  description: string;
  sku?: string;
  quantity: string;
  unitNet: string;
  vatRate: string;
  net: string;
  vat: string;
  gross: string;
  account: string;
  discountCode?: string;
}

export interface PreviewDocument {
  kind: "invoice" | "creditNote";
  currency: string;
  externalReference: string;
  issueDate: string;
  header: string;
  customer: { name: string; email?: string; vatNumber?: string; countryCode?: string; isBusiness: boolean };
  vat: { treatment: string; country: string; reason: string };
  lines: PreviewLine[];
  totals: { net: string; vat: string; gross: string };
  vatByRate: Array<{ vatRate: string; net: string; vat: string }>;
  payments: Array<{ gateway: string; amount: string; account: string; date: string }>;
  /** Shopify's rate when the document is in the customer's currency: 1 from = rate to. */
  exchangeRate?: { from: string; to: string; rate: string };
  /** What the merchant should know, by catalogue key and parameters; `text` is the English. */
  warnings: PreviewWarning[];
  /** Why the layout is as it is (a rounding line), in Danish and English. */
  explanations?: Array<{ key: string; da: string; en: string }>;
}

export interface PreviewWarning extends DraftWarning {
  text: string;
}

const PREVIEW_SHOP = "preview.invalid";

/**
 * What would be booked for an order (or one of its refunds), without side effects: map the
 * payload, build the invoice (and the credit note), render amounts as decimal strings in major
 * units and VAT rates in percent. The order page and the CLI share this. Throws `DraftError`,
 * whose message names the field, for anything that cannot be booked correctly.
 */
export function previewDocument(input: PreviewInput): PreviewDocument {
  const settings = resolveSettings(input.settings);
  const shop = input.shop ?? PREVIEW_SHOP;
  const order = mapSourceOrder(input.source, input.order, settings);
  const rounding = input.vatRounding ? { vatRounding: input.vatRounding } : {};
  const { draft: invoice, decision } = buildInvoice({ order, settings, shop, ...rounding });
  if (input.refund === undefined) return render(invoice, decision);
  const refund = mapSourceRefund(input.source, input.refund, order, settings);
  const creditNote = buildCreditNote({ refund, invoice, settings, shop, ...rounding });
  return render(creditNote, decision);
}

export function resolveSettings(raw: unknown): ShopSettings {
  const result = parseSettings(raw ?? { version: 1 });
  if (!result.ok) {
    const first = result.errors[0];
    const rest = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : "";
    throw new DraftError(
      "invalidInput",
      `settings.${first?.path ?? ""}`,
      `${first?.message ?? "invalid"}${rest}`,
    );
  }
  return result.settings;
}

function render(draft: DocumentDraft, decision: TreatmentDecision): PreviewDocument {
  const amount = (value: number) => formatMinor(value, draft.currency);
  const c = draft.customer;
  return {
    kind: draft.kind,
    currency: draft.currency,
    externalReference: draft.externalReference,
    issueDate: draft.issueDate,
    header: draft.header,
    customer: {
      name: c.name,
      ...(c.email ? { email: c.email } : {}),
      ...(c.vatNumber ? { vatNumber: c.vatNumber } : {}),
      ...((c.shippingAddress ?? c.address).countryCode
        ? { countryCode: (c.shippingAddress ?? c.address).countryCode }
        : {}),
      isBusiness: c.isBusiness,
    },
    vat: { treatment: decision.treatment, country: decision.countryCode, reason: decision.reason },
    lines: draft.lines.map((line) => ({
      kind: line.kind,
      description: line.description,
      ...(line.sku ? { sku: line.sku } : {}),
      quantity: String(line.quantity),
      unitNet: amount(line.unitNet),
      vatRate: formatRatePercent(line.vatRate),
      net: amount(line.net),
      vat: amount(line.vat),
      gross: amount(line.gross),
      account: line.account,
      ...(line.discountCode ? { discountCode: line.discountCode } : {}),
    })),
    totals: {
      net: amount(draft.totals.net),
      vat: amount(draft.totals.vat),
      gross: amount(draft.totals.gross),
    },
    vatByRate: draft.vatByRate.map((b) => ({
      vatRate: formatRatePercent(b.vatRate),
      net: amount(b.net),
      vat: amount(b.vat),
    })),
    payments: draft.payments.map((p) => ({
      gateway: p.gateway,
      amount: amount(p.amount),
      account: p.depositAccount,
      date: p.date,
    })),
    ...(draft.exchangeRate ? { exchangeRate: draft.exchangeRate } : {}),
    warnings: (draft.warnings ?? []).map((w) => ({
      ...w,
      text: renderMessage("en", w.key, { ...w.params }),
    })),
    ...(draft.explanations
      ? {
          explanations: draft.explanations.map((e) => ({
            key: e.key,
            da: explanationText(e, "da"),
            en: explanationText(e, "en"),
          })),
        }
      : {}),
  };
}
