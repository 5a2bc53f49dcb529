import { chargeToLines, taxByRate, type Charge } from "./charge";
import { fillTemplate, textValues } from "./document-texts";
import { DraftError } from "./draft-errors";
import { isoDate, paymentsFromTransactions } from "./draft-payments";
import { layOutCredit } from "./credit-layout";
import { refundedLineCharges } from "./credit-refunded-lines";
import { shippingAndFeeCharges } from "./credit-shipping-fees";
import { registeredPayments } from "./payment-handling";
import { creditNoteReference, shortId } from "./external-reference";
import type { CreditNoteDraft, DraftLine, InvoiceDraft } from "./invoice-draft";
import { formatMinor } from "./money";
import type { Refund } from "./order";
import { reconcile } from "./reconcile";
import { creditAdjustment, isRestockingFee, rateShares, statedAdjustmentTax } from "./refund-adjustments";
import type { ShopSettings } from "../settings/settings-schema";
import { draftWarning, type DraftWarning } from "./draft-warning";
import {
  DEFAULT_VAT_ROUNDING,
  layOutForDocumentRate,
  type LedgerVatRounding,
  type RoundingMove,
} from "./vat/ledger-rounding";
import { roundingExplanations } from "./vat/rounding-explanation";

export interface BuildCreditNoteInput {
  refund: Refund;
  /** The invoice draft of the refunded order; the credit note books at its rates and accounts. */
  invoice: InvoiceDraft;
  settings: ShopSettings;
  shop: string;
  /** Credit notes already issued for this invoice, so the credited total never exceeds it. */
  previousCreditNotes?: readonly CreditNoteDraft[];
  /** How the receiving ledger rounds VAT (its adapter's `vatRounding`); per line when unknown. */
  vatRounding?: LedgerVatRounding;
}

/**
 * Refund + settings + the original invoice → a credit note linked to that invoice. Each refunded
 * line is credited at the invoice line's rate, treatment and account; shipping refunds follow the
 * invoiced shipping; amount-only refunds are spread over the invoice's VAT rates. The gross equals
 * the money refunded (within the rounding tolerance) and never exceeds what was invoiced.
 */
export function buildCreditNote(input: BuildCreditNoteInput): CreditNoteDraft {
  const { refund, invoice, settings } = input;
  const rounding = input.vatRounding ?? DEFAULT_VAT_ROUNDING;
  const moves: RoundingMove[] = [];
  const previous = input.previousCreditNotes ?? [];
  const money = (amount: number) => `${formatMinor(amount, invoice.currency)} ${invoice.currency}`;
  const warnings: DraftWarning[] = [...refund.notes];

  if (refund.currency !== invoice.currency) {
    throw new DraftError(
      "invalidInput",
      "currency",
      `the refund is in ${refund.currency} but the invoice is in ${invoice.currency}`,
    );
  }
  if (refund.orderId && shortId(refund.orderId) !== shortId(invoice.order.id)) {
    throw new DraftError(
      "invalidInput",
      "order_id",
      `the refund belongs to order ${refund.orderId}, not ${invoice.order.id}`,
    );
  }

  const inclusive = invoice.pricesIncludeVat;
  const basisOf = (line: DraftLine) => (inclusive ? line.gross : line.net);
  const charges: Charge[] = [
    ...refundedLineCharges(refund, invoice, settings, previous, basisOf),
    ...shippingAndFeeCharges(refund, invoice, settings, basisOf),
  ];

  // Adjustments reduce (or add to) what the refunded lines credit, so they take those lines'
  // rates; a refund without lines is a price reduction of the whole invoice.
  const invoiceShares = rateShares(invoice.lines, settings);
  const sharesOfCredited = () => {
    const credited = rateShares(
      charges.flatMap((c) => chargeToLines(c, inclusive)),
      settings,
    );
    return credited.length > 0 ? credited : invoiceShares;
  };
  refund.adjustments.forEach((adjustment, i) => {
    if (adjustment.kind === "shippingRefund" || adjustment.amount === 0) return;
    charges.push(
      ...creditAdjustment({
        amount: adjustment.amount,
        statedTax: statedAdjustmentTax(adjustment.amount, adjustment.tax),
        shares: sharesOfCredited(),
        description: isRestockingFee(adjustment.reason)
          ? settings.texts.restockingFee
          : settings.texts.refundAdjustment,
        field: `order_adjustments[${i}]`,
        inclusive,
      }),
    );
  });

  // What the credit note must total: the refund's own amount or the money sent back.
  const refundedMoney = refund.transactions
    .filter((t) => t.kind === "refund" && t.status === "success")
    .reduce((acc, t) => acc + t.amount, 0);
  const hasRefundTransactions = refund.transactions.some(
    (t) => t.kind === "refund" && t.status === "success",
  );
  const expectedField = refund.statedTotal !== undefined ? "amount" : "transactions";
  const layOut = () =>
    layOutCredit({
      charges,
      inclusive,
      currency: invoice.currency,
      tolerance: settings.rounding.toleranceMinorUnits,
      warnings,
      vatRounding: rounding,
      moves,
    });
  layOut();
  let lines = charges.flatMap((c) => chargeToLines(c, inclusive, rounding));
  const linesGross = lines.reduce((acc, l) => acc + l.gross, 0);
  let expected = refund.statedTotal ?? (hasRefundTransactions ? refundedMoney : undefined);
  if (expected === undefined) {
    expected = linesGross;
    warnings.push(draftWarning("preview.warning.noRefundMoney"));
  }
  const difference = expected - linesGross;
  const amountOnly = charges.every(
    (c) => c.kind !== "item" && c.kind !== "giftCard" && c.kind !== "shipping" && c.kind !== "fee",
  );
  if (difference > settings.rounding.toleranceMinorUnits && (amountOnly || refund.source === "woocommerce")) {
    // An amount-only refund (or money beyond the refunded lines): a price reduction of the
    // invoice, credited over its VAT rates.
    charges.push(
      ...creditAdjustment({
        amount: difference,
        statedTax: undefined,
        shares: invoiceShares,
        description: settings.texts.refundAdjustment,
        field: expectedField,
        inclusive,
      }),
    );
    layOut();
    lines = charges.flatMap((c) => chargeToLines(c, inclusive, rounding));
  }
  if (rounding === "perDocumentRate") {
    const laidOut = layOutForDocumentRate(lines);
    lines = laidOut.lines;
    moves.push(...laidOut.moves);
  }
  const explanations = roundingExplanations(moves, rounding, invoice.currency);
  warnings.push(...explanations.map((e) => draftWarning(e.key, e.params)));
  if (lines.length === 0) {
    throw new DraftError(
      "invalidInput",
      "refund",
      "the refund credits nothing: no lines, no shipping and no amount",
    );
  }

  const expectedTaxByRate = taxByRate(charges);
  const reconciled = reconcile({
    lines,
    currency: invoice.currency,
    expectedGross: expected,
    ...(expectedTaxByRate ? { expectedTaxByRate } : {}),
    ...(expectedTaxByRate
      ? { expectedTotalTax: [...expectedTaxByRate.values()].reduce((a, b) => a + b, 0) }
      : {}),
    tolerance: settings.rounding.toleranceMinorUnits,
    roundingAccount: settings.rounding.account,
    roundingText: settings.texts.rounding,
    fields: { total: expectedField, tax: "total_tax" },
  });
  warnings.push(...reconciled.warnings);

  const creditedBefore = previous.reduce((acc, note) => acc + note.totals.gross, 0);
  if (creditedBefore + reconciled.totals.gross > invoice.totals.gross) {
    throw new DraftError(
      "creditExceedsInvoice",
      expectedField,
      `crediting ${money(reconciled.totals.gross)} would exceed the invoice total ${money(invoice.totals.gross)} (${money(creditedBefore)} already credited)`,
    );
  }

  const issueDate = isoDate(refund.createdAt) ?? invoice.issueDate;
  const fallbackGateway = invoice.payments[0]?.gateway ?? invoice.openGateways?.[0];
  const payments = registeredPayments(
    paymentsFromTransactions(
      refund.transactions.map((t) =>
        t.gateway === "" && fallbackGateway ? { ...t, gateway: fallbackGateway } : t,
      ),
      new Set(["refund"]),
      settings,
      issueDate,
    ),
    settings,
  ).filter((p) => !invoice.openGateways?.includes(p.gateway));
  const texts = textValues(
    { name: invoice.order.name, number: invoice.order.number, source: refund.source },
    settings.orderNumberPrefix,
    shortId(refund.id),
  );
  return {
    kind: "creditNote",
    externalReference: creditNoteReference(refund.source, input.shop, refund.id),
    creditsExternalReference: invoice.externalReference,
    refund: { id: refund.id },
    currency: invoice.currency,
    issueDate,
    pricesIncludeVat: inclusive,
    customer: invoice.customer,
    lines: reconciled.lines,
    totals: reconciled.totals,
    vatByRate: reconciled.vatByRate,
    header: fillTemplate(settings.texts.creditNoteHeader, texts),
    comment: fillTemplate(settings.texts.creditNoteComment, texts),
    order: invoice.order,
    payments,
    // Credited at the invoice's rate, so the credit note reverses the revenue the invoice booked.
    ...(invoice.exchangeRate ? { exchangeRate: invoice.exchangeRate } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(explanations.length > 0 ? { explanations } : {}),
  };
}
