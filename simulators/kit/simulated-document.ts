/** A document as a ledger simulator holds it, for tests and the contract harness to read. */
export interface SimulatedDocument {
  kind: "invoice" | "creditNote";
  id: string;
  externalReference: string;
  booked: boolean;
  number?: string;
  /** Gross total in minor units, as the simulator computed it. */
  totalGross: number;
  /** For credit notes: the ledger id of the invoice it credits. */
  creditsInvoiceId?: string;
  /**
   * The rate the ledger holds the document at, in the ledger's own quote (e-conomic: base-currency
   * cost of 100 units; Billy: per unit), where its API takes one.
   */
  exchangeRate?: number;
  /** VAT per rate (basis points → minor units, positive), as the simulator computed it. */
  vatByRate?: Record<number, number>;
  /** The date the ledger says the invoice is due (YYYY-MM-DD), from the terms it was given. */
  dueDate?: string;
}

/** Sums VAT per rate (a credit note's negative sums come out positive), leaving out 0 %. */
export function vatPerRate(entries: Iterable<{ rate: number; vat: number }>): Record<number, number> {
  const byRate: Record<number, number> = {};
  for (const { rate, vat } of entries) {
    if (rate === 0 && vat === 0) continue;
    byRate[rate] = (byRate[rate] ?? 0) + vat;
  }
  return Object.fromEntries(Object.entries(byRate).map(([rate, vat]) => [rate, Math.abs(vat)]));
}
