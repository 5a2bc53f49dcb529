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
}
