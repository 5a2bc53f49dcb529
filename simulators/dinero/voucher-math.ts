import type { ValidationIssue } from "./dinero-error-bodies";
import type { OrganizationState, VoucherLine, VoucherRecord } from "./simulator-state";

/**
 * How the simulator prices a sales voucher. Dinero decides VAT from the line's account (its VAT
 * code), never from the line itself. Each line is rounded to øre on its own, then summed; with
 * `ShowLinesInclVat` the sent amounts are gross and the net is derived from them. The real
 * rounding order is not documented, which is exactly why the adapter compares totals afterwards.
 */

export interface LineInput {
  ProductGuid?: string | null;
  Description?: string | null;
  Comments?: string | null;
  Quantity: number;
  AccountNumber: number;
  Unit?: string | null;
  Discount: number;
  LineType?: string | null;
  BaseAmountValue: number;
}

export const UNITS = [
  "hours",
  "parts",
  "km",
  "day",
  "week",
  "month",
  "kilogram",
  "cubicMetre",
  "set",
  "litre",
  "box",
  "case",
  "carton",
  "metre",
  "package",
  "shipment",
  "squareMetre",
  "session",
  "tonne",
] as const;

/** Accounts that can never carry a sales line: they are posted to by Dinero itself. */
const NON_SALES_CATEGORIES = new Set(["Receivables", "Liquid Assets", "Vat Due"]);

export function priceLines(
  org: OrganizationState,
  inputs: LineInput[],
  showLinesInclVat: boolean,
): { ok: true; lines: VoucherLine[] } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const lines: VoucherLine[] = [];
  if (inputs.length === 0)
    issues.push({ property: "ProductLines", message: "At least one product line is required." });
  inputs.forEach((input, index) => {
    const at = (field: string) => `ProductLines[${index}].${field}`;
    const lineType = input.LineType ?? "Product";
    if (lineType !== "Product" && lineType !== "Text")
      issues.push({ property: at("LineType"), message: "LineType must be Product or Text." });
    const account = org.accounts.find((candidate) => candidate.AccountNumber === input.AccountNumber);
    if (!account)
      issues.push({
        property: at("AccountNumber"),
        message: `Account ${input.AccountNumber} does not exist.`,
      });
    else if (NON_SALES_CATEGORIES.has(account.Category)) {
      issues.push({
        property: at("AccountNumber"),
        message: `Account ${input.AccountNumber} cannot be used on a sales line.`,
      });
    }
    const product = input.ProductGuid ? org.products.get(input.ProductGuid) : undefined;
    if (input.ProductGuid && (!product || product.DeletedAt)) {
      issues.push({ property: at("ProductGuid"), message: `Product '${input.ProductGuid}' does not exist.` });
    }
    const description = input.Description ?? product?.Name ?? null;
    if (!description)
      issues.push({
        property: at("Description"),
        message: "Description is required when no ProductGuid is given.",
      });
    if (lineType === "Product" && !input.Unit)
      issues.push({ property: at("Unit"), message: "Unit is required when LineType is Product." });
    if (input.Unit && !(UNITS as readonly string[]).includes(input.Unit))
      issues.push({ property: at("Unit"), message: `Unknown unit '${input.Unit}'.` });
    if (input.Discount < 0 || input.Discount > 100)
      issues.push({ property: at("Discount"), message: "Discount must be between 0 and 100." });
    if (!account || !description) return;

    const rate = org.vatTypes.find((vat) => vat.VatCode === account.VatCode)?.VatRate ?? 0;
    const isText = lineType === "Text";
    const amount = isText
      ? 0
      : roundHalfAway(input.Quantity * input.BaseAmountValue * (100 - input.Discount));
    const net = showLinesInclVat ? roundHalfAway(amount / (1 + rate)) : amount;
    const gross = showLinesInclVat ? amount : net + roundHalfAway(net * rate);
    const sentUnit = isText ? 0 : roundHalfAway(input.BaseAmountValue * 100);
    lines.push({
      ProductGuid: input.ProductGuid ?? null,
      Description: description,
      Comments: input.Comments ?? null,
      Quantity: input.Quantity,
      AccountNumber: account.AccountNumber,
      AccountName: account.Name,
      Unit: input.Unit ?? null,
      Discount: input.Discount,
      LineType: isText ? "Text" : "Product",
      sentUnitAmount: input.BaseAmountValue,
      unitNet: showLinesInclVat ? roundHalfAway(sentUnit / (1 + rate)) : sentUnit,
      unitGross: showLinesInclVat ? sentUnit : sentUnit + roundHalfAway(sentUnit * rate),
      net,
      vat: gross - net,
      gross,
      vatRate: rate,
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, lines };
}

export function sumLines(lines: VoucherLine[]): VoucherRecord["totals"] {
  return lines.reduce(
    (totals, line) => ({
      net: totals.net + line.net,
      vat: totals.vat + line.vat,
      gross: totals.gross + line.gross,
      vatable: totals.vatable + (line.vatRate > 0 ? line.net : 0),
      nonVatable: totals.nonVatable + (line.vatRate > 0 ? 0 : line.net),
    }),
    { net: 0, vat: 0, gross: 0, vatable: 0, nonVatable: 0 },
  );
}

/** Rounds halves away from zero so credits and debits round alike (.NET MidpointRounding.AwayFromZero). */
export function roundHalfAway(value: number): number {
  const rounded = Math.round(Math.abs(value));
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Minor units → Dinero's decimal number (every Dinero currency has two decimals). */
export function toDecimal(minor: number): number {
  return Number((minor / 100).toFixed(2));
}

export function fromDecimal(value: number): number {
  return roundHalfAway(value * 100);
}
