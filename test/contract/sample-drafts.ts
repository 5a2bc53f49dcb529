import type { CreditNoteDraft, DraftCustomer, DraftLine, InvoiceDraft } from "../../app/domain/invoice-draft";
import { currency } from "../../app/domain/money";
import type { LedgerHarness } from "./ledger-harness";

/**
 * Hand-built drafts for the contract suite: the adapters are tested against exactly the shape
 * the accounting core produces, without depending on the builder.
 */

type Accounts = LedgerHarness["accounts"];

function line(
  accounts: Accounts,
  init: { kind: DraftLine["kind"]; description: string; sku?: string; quantity: number; unitNet: number },
): DraftLine {
  const net = init.quantity * init.unitNet;
  const vat = Math.round(net / 4);
  return {
    kind: init.kind,
    description: init.description,
    ...(init.sku ? { sku: init.sku } : {}),
    quantity: init.quantity,
    unitNet: init.unitNet,
    vatRate: 2500,
    vatTreatment: "domestic",
    net,
    vat,
    gross: net + vat,
    account: accounts.sales,
  };
}

export function sampleCustomer(email: string): DraftCustomer {
  return {
    match: { key: "email", value: email },
    reference: `shopify-customer-${email}`,
    name: "Karen Jensen",
    email,
    phone: "+4512345678",
    isBusiness: false,
    address: { line1: "Vestergade 12", zip: "8000", city: "Aarhus C", countryCode: "DK" },
  };
}

export function sampleInvoice(
  accounts: Accounts,
  options: { orderNumber: number; email: string; shop?: string },
): InvoiceDraft {
  const ref = `lb-t-${options.shop ?? "s1"}-${options.orderNumber}`;
  const lines = [
    line(accounts, {
      kind: "item",
      description: "T-shirt, red, M",
      sku: "TSHIRT-RED-M",
      quantity: 2,
      unitNet: 8000,
    }),
    line(accounts, {
      kind: "item",
      description: "Mug, stoneware",
      sku: "MUG-STONE",
      quantity: 1,
      unitNet: 12000,
    }),
    line(accounts, { kind: "shipping", description: "Shipping: GLS pakkeshop", quantity: 1, unitNet: 3200 }),
  ];
  const totals = sum(lines);
  return {
    kind: "invoice",
    externalReference: ref,
    currency: currency("DKK"),
    issueDate: "2026-11-20",
    pricesIncludeVat: true,
    customer: sampleCustomer(options.email),
    lines,
    totals,
    vatByRate: [{ vatRate: 2500, net: totals.net, vat: totals.vat }],
    header: `Order #${options.orderNumber}`,
    comment: `Shopify order #${options.orderNumber}`,
    order: {
      id: `gid://shopify/Order/${options.orderNumber}`,
      name: `#${options.orderNumber}`,
      number: String(options.orderNumber),
    },
    payments: [
      {
        amount: totals.gross,
        gateway: "shopify_payments",
        depositAccount: accounts.deposit,
        date: "2026-11-20",
        reference: `txn-${options.orderNumber}`,
      },
    ],
    paymentTermsDays: 0,
  };
}

/** Credits one T-shirt of the invoice. */
export function sampleCreditNote(
  accounts: Accounts,
  invoice: InvoiceDraft,
  refundId: string,
): CreditNoteDraft {
  const lines = [
    line(accounts, {
      kind: "item",
      description: "T-shirt, red, M",
      sku: "TSHIRT-RED-M",
      quantity: 1,
      unitNet: 8000,
    }),
  ];
  const totals = sum(lines);
  return {
    kind: "creditNote",
    externalReference: `${invoice.externalReference}-r${refundId}`,
    creditsExternalReference: invoice.externalReference,
    refund: { id: refundId },
    currency: invoice.currency,
    issueDate: "2026-11-21",
    pricesIncludeVat: invoice.pricesIncludeVat,
    customer: invoice.customer,
    lines,
    totals,
    vatByRate: [{ vatRate: 2500, net: totals.net, vat: totals.vat }],
    header: `Refund for ${invoice.header}`,
    comment: `Refund ${refundId} of ${invoice.comment}`,
    order: invoice.order,
    payments: [
      {
        amount: totals.gross,
        gateway: "shopify_payments",
        depositAccount: accounts.deposit,
        date: "2026-11-21",
        reference: `refund-${refundId}`,
      },
    ],
  };
}

function sum(lines: DraftLine[]) {
  return lines.reduce(
    (acc, l) => ({ net: acc.net + l.net, vat: acc.vat + l.vat, gross: acc.gross + l.gross }),
    { net: 0, vat: 0, gross: 0 },
  );
}
