import type { Charge } from "./charge";
import { mulDivRound } from "./decimal";
import { DraftError } from "./draft-errors";
import { discountAccount } from "./ledger-accounts";
import type { CreditNoteDraft, DraftLine, InvoiceDraft } from "./invoice-draft";
import { formatMinor } from "./money";
import type { Refund } from "./order";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * A refund's refunded lines → credit charges at the invoice line's rate, treatment and account.
 * A line is never credited beyond its invoiced quantity or amount, counting earlier credit notes;
 * with separate discount lines the refunded discount is its own charge.
 */
export function refundedLineCharges(
  refund: Refund,
  invoice: InvoiceDraft,
  settings: ShopSettings,
  previous: readonly CreditNoteDraft[],
  basisOf: (line: DraftLine) => number,
): Charge[] {
  const money = (amount: number) => `${formatMinor(amount, invoice.currency)} ${invoice.currency}`;
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
  return charges;
}
