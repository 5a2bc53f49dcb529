import { chargeToLines, taxByRate, type Charge } from "./charge";
import { mulDivRound } from "./decimal";
import { fillTemplate, textValues } from "./document-texts";
import { DraftError } from "./draft-errors";
import { isoDate, paymentsFromTransactions } from "./draft-payments";
import { layOutCredit } from "./credit-layout";
import { registeredPayments } from "./payment-handling";
import { creditNoteReference, shortId } from "./external-reference";
import { bucketsOf, revenueBuckets, spread } from "./credit-buckets";
import { discountAccount, shippingAccount } from "./ledger-accounts";
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
  const invoiceHasDiscountLines = invoice.lines.some((l) => l.kind === "discount");
  const separate = settings.lines.discounts === "separateLines" && invoiceHasDiscountLines;
  const charges: Charge[] = [];

  refund.lines.forEach((refunded, index) => {
    const field = refunded.path ?? `refund_line_items[${index}]`;
    if (!Number.isSafeInteger(refunded.quantity) || refunded.quantity < 0) {
      throw new DraftError(
        "invalidInput",
        `${field}.quantity`,
        `quantity must be a whole number ≥ 0, got ${refunded.quantity}`,
      );
    }
    if (refunded.amount < 0) {
      throw new DraftError("invalidInput", `${field}.subtotal`, "a refunded amount cannot be negative");
    }
    const invoiced = invoice.lines.filter(
      (l) => l.sourceLineId === refunded.lineId && (l.kind === "item" || l.kind === "giftCard"),
    );
    const first = invoiced[0];
    if (!first) {
      throw new DraftError(
        "invalidInput",
        `${field}.line_item_id`,
        `line ${refunded.lineId} is not on invoice ${invoice.externalReference}`,
      );
    }
    const invoicedQuantity = invoiced.reduce((acc, l) => acc + l.quantity, 0);
    const creditedBefore = previous
      .flatMap((note) => note.lines)
      .filter((l) => l.sourceLineId === refunded.lineId && l.kind === first.kind)
      .reduce((acc, l) => acc + l.quantity, 0);
    if (creditedBefore + refunded.quantity > invoicedQuantity) {
      throw new DraftError(
        "creditExceedsInvoice",
        `${field}.quantity`,
        `crediting ${refunded.quantity} of "${first.description}" would exceed the ${invoicedQuantity} invoiced (${creditedBefore} already credited)`,
      );
    }
    const quantity = refunded.quantity === 0 ? 1 : refunded.quantity;
    const fullAmount =
      refunded.quantity === 0
        ? refunded.amount
        : mulDivRound(
            invoiced.reduce((acc, l) => acc + basisOf(l), 0),
            refunded.quantity,
            invoicedQuantity,
          );
    if (refunded.amount > fullAmount + settings.rounding.toleranceMinorUnits) {
      throw new DraftError(
        "creditExceedsInvoice",
        `${field}.subtotal`,
        `refunds ${money(refunded.amount)} for "${first.description}" but only ${money(fullAmount)} was invoiced for ${refunded.quantity}`,
      );
    }
    const discount = separate ? fullAmount - refunded.amount : 0;
    const base = {
      description: first.description,
      ...(first.sku ? { sku: first.sku } : {}),
      rate: first.vatRate,
      treatment: first.vatTreatment,
      field,
    };
    charges.push({
      ...base,
      kind: first.kind,
      sourceLineId: refunded.lineId,
      quantity,
      amount: discount > 0 ? fullAmount : refunded.amount,
      account: first.account,
      ...(refunded.tax !== undefined ? { sourceTax: refunded.tax } : {}),
      // With a separate discount line the stated tax belongs to the pair; derived and settled below.
      ...(refunded.tax !== undefined && discount <= 0 ? { vat: refunded.tax } : {}),
    });
    if (discount > 0) {
      charges.push({
        rate: base.rate,
        treatment: base.treatment,
        field,
        kind: "discount",
        description: settings.texts.discount,
        quantity: 1,
        amount: -discount,
        account: discountAccount(first.vatTreatment, settings, first.vatRate),
        sourceTax: 0,
      });
    }
  });

  const invoiceShippingLines = invoice.lines.filter((l) => l.kind === "shipping");
  const invoiceShipping = bucketsOf(invoiceShippingLines, basisOf);
  const itemBuckets = revenueBuckets(invoice.lines, basisOf);
  const shippingBuckets =
    invoiceShipping.length > 0
      ? invoiceShipping
      : itemBuckets.map((b) => ({ ...b, account: shippingAccount(b.treatment, settings, b.rate) }));
  const shippingRefunds = [
    ...refund.shipping.map((s, i) => ({
      amount: s.amount,
      tax: s.tax,
      field: s.path ?? `refund_shipping_lines[${i}]`,
    })),
    // Older payloads carry shipping refunds only as adjustments; newer ones carry both, so use one.
    ...(refund.shipping.length === 0
      ? refund.adjustments
          .map((a, i) => ({ ...a, field: `order_adjustments[${i}]` }))
          .filter((a) => a.kind === "shippingRefund")
      : []),
  ];
  for (const shipping of shippingRefunds) {
    if (shipping.amount === 0) continue;
    charges.push(
      ...spread(shipping.amount, shipping.tax, shippingBuckets, {
        kind: "shipping",
        description:
          invoiceShippingLines.length === 1
            ? (invoiceShippingLines[0]?.description ?? settings.texts.shipping)
            : settings.texts.shipping,
        field: shipping.field,
        inclusive,
      }),
    );
  }

  refund.fees.forEach((fee, i) => {
    const field = fee.path ?? `fee_lines[${i}]`;
    const invoicedFees = invoice.lines.filter((l) => l.kind === "fee");
    const sameTitle = invoicedFees.filter((l) => l.description === fee.title);
    const buckets = bucketsOf(sameTitle.length > 0 ? sameTitle : invoicedFees, basisOf);
    charges.push(
      ...spread(fee.amount, fee.tax, buckets.length > 0 ? buckets : itemBuckets, {
        kind: "fee",
        description: fee.title || settings.texts.fee,
        field,
        inclusive,
      }),
    );
  });

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
