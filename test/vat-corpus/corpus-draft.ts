import { buildInvoice } from "../../app/domain/build-invoice";
import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import type { LedgerVatRounding } from "../../app/domain/vat/ledger-rounding";
import { resolveSettings } from "../../app/domain/preview";
import { mapSourceOrder } from "../../app/sources/map-source";
import type { CorpusCase } from "./corpus-cases";

const SHOP = "corpus.myshopify.com";

/** The case's settings, with tips on the "TIPS" account unless the caller names ledger accounts. */
export function corpusSettings(
  c: CorpusCase,
  accounts: Record<string, unknown> = {},
): Record<string, unknown> {
  const base = { version: 1, ...(c.settings ?? {}) } as Record<string, unknown>;
  const baseAccounts = (base.accounts ?? {}) as Record<string, unknown>;
  return { ...base, accounts: { tips: "TIPS", ...baseAccounts, ...accounts } };
}

/** Payload → canonical order → invoice draft, as the engine builds it for a ledger rounding VAT so. */
export function corpusDraft(
  c: CorpusCase,
  payload: unknown,
  settingsInput: unknown,
  vatRounding?: LedgerVatRounding,
): InvoiceDraft {
  const settings = resolveSettings(settingsInput);
  const order = mapSourceOrder(c.source, JSON.stringify(payload), settings);
  return buildInvoice({ order, settings, shop: SHOP, ...(vatRounding ? { vatRounding } : {}) }).draft;
}
