import { currencyOf, parseAmount } from "./sim-amounts";
import { vatPerRate, type SimulatedDocument } from "../kit/simulated-document";
import { findByName } from "./sim-values";
import type { DynaccountSimState, SimRow } from "./sim-store";

/** What tests and the contract harness read from the simulated company. */

/**
 * An invoice document is an order (our requisition) until Dynaccount invoices it; from then on
 * it is the resulting debtor_invoice. Credit notes are debtor_creditnote rows.
 */
export function simulatedDocuments(state: DynaccountSimState): SimulatedDocument[] {
  const invoices = state.table("debtor_order").rows.map((order) => {
    const invoice =
      order.is_invoiced === "YES" ? state.table("debtor_invoice").byId(Number(order.invoice_id)) : undefined;
    const row = invoice ?? order;
    return {
      kind: "invoice" as const,
      id: String(row.id),
      externalReference: String(row.requisition ?? ""),
      booked: invoice !== undefined,
      ...(invoice ? { number: String(invoice.invoice_id_) } : {}),
      totalGross: gross(row),
      ...(invoice?.time_due
        ? { dueDate: new Date(Number(invoice.time_due) * 1000).toISOString().slice(0, 10) }
        : {}),
      vatByRate: lineVat(state, row, "debtor_order_product", "order_id", order.id),
    };
  });
  const notes = state.table("debtor_creditnote").rows.map((note) => ({
    kind: "creditNote" as const,
    id: String(note.id),
    externalReference: String(note.requisition ?? ""),
    booked: note.is_booked === "YES",
    ...(note.is_booked === "YES" ? { number: String(note.invoice_id_) } : {}),
    totalGross: gross(note),
    vatByRate: lineVat(state, note, "debtor_creditnote_product", "creditnote_id", note.id),
    creditsInvoiceId: String(note.invoice_id),
  }));
  return [...invoices, ...notes];
}

export function simulatedCounts(state: DynaccountSimState) {
  const debtorPayments = state.table("accounting").rows.filter((row) => row.type === "DEBTOR_PAYMENT");
  return {
    customers: state.table("debtor").rows.length,
    products: state.table("product").rows.length,
    invoices: state.table("debtor_order").rows.length,
    creditNotes: state.table("debtor_creditnote").rows.length,
    // Money in (bank debited) is a payment; money out against a credit note is a refund.
    payments: debtorPayments.filter((row) => !String(row.amount).startsWith("-")).length,
    refunds: debtorPayments.filter((row) => String(row.amount).startsWith("-")).length,
    emails: state.emails.length,
  };
}

function gross(row: SimRow): number {
  const code = currencyOf(row.currency_name);
  return code ? (parseAmount(row.total_amount as string, code) ?? 0) : 0;
}

/** VAT per rate of a document's lines, each as the simulator computed it from its VAT code. */
function lineVat(
  state: DynaccountSimState,
  document: SimRow,
  table: string,
  column: string,
  id: SimRow["id"],
): Record<number, number> {
  const code = currencyOf(document.currency_name);
  const lines = state.table(table).rows.filter((line) => String(line[column]) === String(id));
  return vatPerRate(
    lines.map((line) => ({
      rate: Math.round(Number(findByName(state, "vatcode", line.vatcode_name)?.percent ?? 0) * 100),
      vat: code ? (parseAmount(line.vat_amount as string, code) ?? 0) : 0,
    })),
  );
}
