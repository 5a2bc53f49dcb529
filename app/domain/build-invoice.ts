import { chargeToLines } from "./charge";
import { fillTemplate, textValues } from "./document-texts";
import { DraftError } from "./draft-errors";
import { customerFor } from "./customer-strategy";
import { isoDate, paymentsFromTransactions, depositAccountFor } from "./draft-payments";
import { invoiceReference } from "./external-reference";
import { invoiceCharges } from "./invoice-charges";
import { openTermsFor, registeredPayments } from "./payment-handling";
import { ruleFieldKey, skipRuleFor } from "./rules/evaluate-rules";
import type { DraftPayment, InvoiceDraft } from "./invoice-draft";
import { formatMinor } from "./money";
import type { Order } from "./order";
import { reconcile } from "./reconcile";
import type { ShopSettings } from "../settings/settings-schema";
import { DEFAULT_VAT_ROUNDING, layOutForDocumentRate, type LedgerVatRounding } from "./vat/ledger-rounding";
import { roundingExplanations } from "./vat/rounding-explanation";
import { ratePercentToBasisPoints } from "./vat/vat-rate-format";
import { chargedTax, decideTreatment, type TreatmentDecision } from "./vat/vat-treatment";
import { draftWarning, type DraftWarning } from "./draft-warning";

export interface BuildInvoiceInput {
  order: Order;
  settings: ShopSettings;
  /** The shop's domain (Shopify) or site URL (WooCommerce); part of the external reference. */
  shop: string;
  /** How the receiving ledger rounds VAT (its adapter's `vatRounding`); per line when unknown. */
  vatRounding?: LedgerVatRounding;
}

export interface BuiltInvoice {
  draft: InvoiceDraft;
  decision: TreatmentDecision;
}

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded", "processing", "completed"]);

/**
 * Order + settings → the invoice a careful bookkeeper would type: every line with its VAT rate
 * and account, totals equal to the order total to the minor unit (an explicit rounding line
 * within the tolerance, an error beyond it), VAT per rate matching what the shop charged.
 * Throws `DraftError` naming the field when the order cannot be booked correctly.
 */
export function buildInvoice({ order, settings, shop, vatRounding }: BuildInvoiceInput): BuiltInvoice {
  const rounding = vatRounding ?? DEFAULT_VAT_ROUNDING;
  const issueDate = chooseIssueDate(order, settings);
  const decision = decideTreatment(
    order,
    {
      homeCountry: settings.homeCountry,
      domesticRate: ratePercentToBasisPoints(settings.vat.domesticRate),
      ossEnabled: settings.vat.oss.enabled,
      voecEnabled: settings.vat.voec.enabled,
    },
    issueDate,
  );
  const warnings: DraftWarning[] = [...order.notes];
  if (order.cancelledAt)
    warnings.push(
      draftWarning("preview.warning.cancelled", { date: isoDate(order.cancelledAt) ?? order.cancelledAt }),
    );
  if (order.test) warnings.push(draftWarning("preview.warning.testOrder"));
  const skipRule = skipRuleFor(settings.rules, order);
  if (skipRule) {
    warnings.push(
      draftWarning("preview.warning.ruleSkip", {
        rule: skipRule.number,
        field: ruleFieldKey(skipRule.rule.field),
        value: skipRule.rule.value,
      }),
    );
  }

  const { charges, expectedTaxByRate, roundingMoves } = invoiceCharges({
    order,
    settings,
    decision,
    orderChargedTax: chargedTax(order),
    warnings,
    vatRounding: rounding,
  });
  const perLine = charges.flatMap((charge) => {
    const booked = chargeToLines(charge, order.pricesIncludeTax, rounding);
    if (booked.length > 1 && charge.quantity === 1) {
      warnings.push(
        draftWarning("preview.warning.splitForLedgerRounding", {
          line: charge.description,
          count: booked.length,
        }),
      );
    }
    return booked;
  });
  const documentRate = rounding === "perDocumentRate" ? layOutForDocumentRate(perLine) : undefined;
  const lines = documentRate?.lines ?? perLine;
  const explanations = roundingExplanations(
    [...roundingMoves, ...(documentRate?.moves ?? [])],
    rounding,
    order.currency,
  );
  warnings.push(...explanations.map((e) => draftWarning(e.key, e.params)));
  const reconciled = reconcile({
    lines,
    currency: order.currency,
    expectedGross: order.totals.total,
    ...(expectedTaxByRate ? { expectedTaxByRate } : {}),
    expectedTotalTax: order.totals.tax,
    tolerance: settings.rounding.toleranceMinorUnits,
    roundingAccount: settings.rounding.account,
    roundingText: settings.texts.rounding,
    fields: order.paths,
  });
  warnings.push(...reconciled.warnings);

  const openTerms = openTermsFor(order, settings);
  if (openTerms) {
    warnings.push(
      draftWarning("preview.warning.openTerms", {
        gateways: openTerms.gateways.join(", "),
        days: openTerms.days,
      }),
    );
  }
  const payments = registeredPayments(
    invoicePayments(order, settings, issueDate, reconciled.totals.gross, warnings),
    settings,
  );
  const texts = textValues(order, settings.orderNumberPrefix);
  const draft: InvoiceDraft = {
    kind: "invoice",
    externalReference: invoiceReference(order.source, shop, order.id),
    currency: order.currency,
    issueDate,
    pricesIncludeVat: order.pricesIncludeTax,
    customer: customerFor(order, settings, warnings),
    lines: reconciled.lines,
    totals: reconciled.totals,
    vatByRate: reconciled.vatByRate,
    header: fillTemplate(settings.texts.header, texts),
    comment: fillTemplate(settings.texts.comment, texts),
    order: { id: order.id, name: order.name, number: order.number },
    payments,
    ...(order.exchangeRate && order.exchangeRate.from === order.currency
      ? { exchangeRate: order.exchangeRate }
      : {}),
    paymentTermsDays: openTerms?.days ?? settings.paymentTermsDays,
    ...(openTerms ? { openGateways: openTerms.gateways } : {}),
    ...(settings.numbering === "orderNumber" ? { lockedNumber: lockedNumber(order) } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(explanations.length > 0 ? { explanations } : {}),
  };
  return { draft, decision };
}

function chooseIssueDate(order: Order, settings: ShopSettings): string {
  const candidates =
    settings.issueDate === "created"
      ? [order.createdAt]
      : settings.issueDate === "fulfilled"
        ? [order.fulfilledAt, order.paidAt, order.createdAt]
        : [order.paidAt, order.createdAt];
  for (const candidate of candidates) {
    const date = isoDate(candidate);
    if (date) return date;
  }
  throw new DraftError("invalidInput", "created_at", "the order has no usable date");
}

function invoicePayments(
  order: Order,
  settings: ShopSettings,
  issueDate: string,
  total: number,
  warnings: DraftWarning[],
): DraftPayment[] {
  if (!settings.payments.register) return [];
  let payments: DraftPayment[];
  if (order.transactions.length > 0) {
    payments = paymentsFromTransactions(
      order.transactions,
      new Set(["sale", "capture"]),
      settings,
      issueDate,
    );
  } else {
    const paid = order.paidAt !== undefined || PAID_STATUSES.has(order.financialStatus ?? "");
    const [gateway, ...others] = order.paymentGateways;
    if (!paid || !gateway) return [];
    if (others.length > 0) {
      warnings.push(
        draftWarning("preview.warning.paymentsUnknown", { gateways: order.paymentGateways.join(", ") }),
      );
      return [];
    }
    payments = [
      {
        amount: total,
        gateway,
        depositAccount: depositAccountFor(gateway, settings),
        date: isoDate(order.paidAt) ?? issueDate,
        reference: order.id,
      },
    ];
  }
  const paidTotal = payments.reduce((acc, p) => acc + p.amount, 0);
  if (paidTotal > total) {
    warnings.push(
      draftWarning("preview.warning.overpaid", {
        paid: `${formatMinor(paidTotal, order.currency)} ${order.currency}`,
        total: `${formatMinor(total, order.currency)} ${order.currency}`,
      }),
    );
  }
  return payments;
}

function lockedNumber(order: Order): number {
  const number = Number(order.number);
  if (!/^\d{1,15}$/.test(order.number) || !Number.isSafeInteger(number) || number <= 0) {
    throw new DraftError(
      "invalidInput",
      "order_number",
      `numbering is locked to the order number, but "${order.number}" is not a positive whole number`,
    );
  }
  return number;
}
