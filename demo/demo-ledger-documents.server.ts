import type { BillySimState } from "../simulators/billy/sim-state";
import type { OrganizationState, VoucherRecord } from "../simulators/dinero/simulator-state";
import { simulatedDocuments } from "../simulators/dynaccount/sim-probe";
import type { DynaccountSimState, SimRow } from "../simulators/dynaccount/sim-store";
import type { EconomicSimState, SimInvoice } from "../simulators/economic/economic-sim-state";
import type { DemoLedgerDocument } from "./demo-types";

/**
 * Reads the documents each ledger simulator holds, in one shape, for the demo's Ledger panel:
 * straight from the in-process state, so the newcomer sees exactly what the ledger received.
 */

export function dineroDocuments(org: OrganizationState | undefined): DemoLedgerDocument[] {
  if (!org) return [];
  const live = (vouchers: Iterable<VoucherRecord>) => [...vouchers].filter((v) => v.DeletedAt === null);
  return live([...org.invoices.values(), ...org.creditNotes.values()]).map((voucher) => {
    const settled = voucher.payments.reduce((sum, payment) => sum + payment.amountVoucherCurrency, 0);
    return {
      kind: voucher.kind,
      number: voucher.Number > 0 ? String(voucher.Number) : null,
      customer: voucher.ContactGuid ? (org.contacts.get(voucher.ContactGuid)?.Name ?? null) : null,
      totalMinor: Math.abs(voucher.totals.gross),
      currency: voucher.Currency,
      booked: voucher.Status === "Booked",
      paid: voucher.payments.length > 0 && Math.abs(settled) >= Math.abs(voucher.totals.gross),
      externalReference: voucher.ExternalReference ?? "",
    };
  });
}

export function billyDocuments(state: BillySimState): DemoLedgerDocument[] {
  return [...state.invoices.values()]
    .filter((invoice) => invoice.state !== "voided")
    .map((invoice) => ({
      kind: invoice.type,
      number: invoice.state === "approved" ? invoice.invoiceNo : null,
      customer: state.contacts.get(invoice.contactId)?.name ?? null,
      totalMinor: Math.abs(invoice.amountMinor + invoice.taxMinor),
      currency: invoice.currencyId,
      booked: invoice.state === "approved",
      paid: invoice.isPaid,
      externalReference: invoice.externalId ?? "",
    }));
}

export function economicDocuments(state: EconomicSimState): DemoLedgerDocument[] {
  const entries = state.voucherEntries();
  return state.invoices.map((invoice: SimInvoice) => {
    const booked = invoice.bookedInvoiceNumber !== undefined;
    const recipient = invoice.data.recipient as { name?: unknown } | undefined;
    const references = invoice.data.references as { other?: unknown } | undefined;
    return {
      kind: invoice.grossCents < 0 ? "creditNote" : "invoice",
      number: booked ? String(invoice.bookedInvoiceNumber) : null,
      customer: typeof recipient?.name === "string" ? recipient.name : null,
      totalMinor: Math.abs(invoice.grossCents),
      currency: invoice.currency,
      booked,
      // e-conomic takes payments as journal entries for the bookkeeper to book.
      paid: booked && entries.some((entry) => entry.customerInvoice === invoice.bookedInvoiceNumber),
      externalReference: typeof references?.other === "string" ? references.other : "",
    };
  });
}

export function dynaccountDocuments(state: DynaccountSimState): DemoLedgerDocument[] {
  const debtorName = (row: SimRow | undefined) => {
    const debtor = state.table("debtor").where("module_id_", String(row?.module_id_ ?? ""))[0];
    return debtor?.name ? String(debtor.name) : null;
  };
  const payments = state.table("accounting").rows.filter((row) => row.type === "DEBTOR_PAYMENT");
  return simulatedDocuments(state).map((document) => {
    const table =
      document.kind === "creditNote"
        ? "debtor_creditnote"
        : document.booked
          ? "debtor_invoice"
          : "debtor_order";
    const row = state.table(table).byId(Number(document.id));
    return {
      kind: document.kind,
      number: document.number ?? null,
      customer: debtorName(row),
      totalMinor: Math.abs(document.totalGross),
      currency: String(row?.currency_name ?? "DKK"),
      booked: document.booked,
      paid:
        document.number !== undefined &&
        payments.some((payment) => String(payment.invoice_id_) === document.number),
      externalReference: document.externalReference,
    };
  });
}
