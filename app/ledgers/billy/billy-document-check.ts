import type { DocumentDraft } from "../../domain/invoice-draft";
import { currency, formatMinor } from "../../domain/money";
import { ledgerVatMismatchError, vatByRateMismatch } from "../ledger-vat-check";
import { fromBillyAmount } from "./billy-amounts";
import { billyInvalid } from "./billy-check-errors";
import type { BillyContext } from "./billy-context";
import type { PlannedLines } from "./billy-invoice-lines";
import type { BillyInvoice, BillyInvoiceLine } from "./billy-schemas";
import { rateBp } from "./billy-vat";

/** Never leave a draft whose totals or VAT differ from the order: delete it and say why. */
export async function verifyOrDiscard(
  context: BillyContext,
  invoice: BillyInvoice,
  lines: BillyInvoiceLine[],
  plan: PlannedLines,
  draft: DocumentDraft,
) {
  const problem = await checkAgainstDraft(context, invoice, lines, plan, draft);
  if (!problem) return;
  await context.client.delete(`/invoices/${invoice.id}`, "delete the rejected draft").catch(() => undefined);
  throw problem;
}

async function checkAgainstDraft(
  context: BillyContext,
  invoice: BillyInvoice,
  lines: BillyInvoiceLine[],
  plan: PlannedLines,
  draft: DocumentDraft,
) {
  const code = currency(invoice.currencyId);
  const gross = fromBillyAmount(invoice.grossAmount ?? invoice.amount + invoice.tax, code);
  const show = (minor: number) => `${formatMinor(minor, code)} ${code}`;
  if (gross !== draft.totals.gross) {
    return billyInvalid(
      "ledgerError.billy.totalMismatch",
      { theirs: show(gross), header: draft.header, ours: show(draft.totals.gross) },
      `gross ${gross} ≠ draft ${draft.totals.gross}; taxMode ${plan.taxMode}`,
    );
  }
  const vat = await context.vatSetup();
  const ours = new Map(plan.lines.map((line) => [line.priority, line]));
  for (const line of lines.filter((l) => !l.invoiceId || l.invoiceId === invoice.id)) {
    const planned = ours.get(line.priority ?? -1);
    if (!planned || !line.taxRateId) continue;
    const applied = rateBp(vat.taxRates.get(line.taxRateId));
    if (applied !== undefined && applied !== planned.source.vatRate) {
      return billyInvalid(
        "ledgerError.billy.rateMismatch",
        { applied: applied / 100, description: planned.description, ours: planned.source.vatRate / 100 },
        `line ${planned.priority}: taxRate ${line.taxRateId} (${applied}) ≠ ${planned.source.vatRate} (${planned.source.vatTreatment})`,
      );
    }
  }
  // Billy's own VAT per rate, line by line as it rounded them, must be the draft's.
  const own = lines.filter((l) => !l.invoiceId || l.invoiceId === invoice.id);
  if (own.every((l) => l.tax !== null && l.tax !== undefined)) {
    const byRate = new Map<number, number>();
    for (const line of own) {
      const rate = (line.taxRateId ? rateBp(vat.taxRates.get(line.taxRateId)) : 0) ?? 0;
      byRate.set(rate, (byRate.get(rate) ?? 0) + fromBillyAmount(line.tax ?? 0, code));
    }
    const mismatch = vatByRateMismatch(draft, byRate);
    if (mismatch) return ledgerVatMismatchError("billy", draft, mismatch);
  }
  return undefined;
}
