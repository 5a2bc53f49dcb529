import { decodeProductNumber } from "../../app/ledgers/economic/economic-product-number";
import type { FieldError } from "./economic-sim-errors";
import { isObject, referenceNumber, roundHalfAway, toHundredths } from "./economic-sim-http";
import type { EconomicSimState, Json, SimLine } from "./economic-sim-state";

/**
 * How e-conomic prices a draft invoice from net line prices: each line's product → product
 * group → the group's sales account for the recipient's VAT zone → that account's VAT code and
 * rate. VAT is computed per VAT code on the summed net (2 decimals, half away from zero), which
 * is why a total built from per-line rounded VAT can differ by an øre — the adapter compares.
 * Also enforces the line rules the server has beyond the schema.
 */

export interface PricedLines {
  lines: SimLine[];
  netCents: number;
  vatCents: number;
  errors: FieldError[];
}

const SCALE_HINT = "Please check the format of your data.";

export function priceLines(state: EconomicSimState, rawLines: unknown, vatZoneNumber: number): PricedLines {
  const errors: FieldError[] = [];
  const lines: SimLine[] = [];
  const items = Array.isArray(rawLines) ? rawLines : [];
  items.forEach((raw: unknown, index) => {
    const line: Json = isObject(raw) ? raw : {};
    const at = (field: string) => ["lines", index, field];
    // Live finding: an omitted lineNumber/sortKey reaches the server as 0 and fails the minimum.
    for (const field of ["lineNumber", "sortKey"] as const) {
      if (typeof line[field] !== "number") {
        errors.push({ path: at(field), message: "Integer 0 is less than minimum value of 1.", value: 0 });
      }
    }
    const hasProduct = line.product !== undefined;
    const productNumber = productNumberOf(line.product);
    if (hasProduct && productNumber === undefined) {
      errors.push({
        path: at("product"),
        errorCode: "E04500",
        message: "No identifiers present on product. Please include either a self link or a productNumber.",
        developerHint: "Find a list of resources at https://restapi.e-conomic.com/products.",
      });
      return;
    }
    if (!hasProduct) {
      if (line.quantity !== undefined || line.unitNetPrice !== undefined) {
        errors.push({
          path: at("product"),
          message: "A product must be set on a line with quantity or unitNetPrice.",
        });
      }
      return;
    }
    const product = state.product(productNumber as string);
    if (!product) {
      errors.push({
        path: at("product"),
        errorCode: "E06000",
        message: "product does not exist.",
        value: productNumber,
        developerHint: "Find a list of resources at https://restapi.e-conomic.com/products.",
      });
      return;
    }
    if (typeof line.quantity !== "number") {
      errors.push({
        path: at("quantity"),
        errorCode: "E04730",
        message: "Property quantity must have a value when product is set.",
      });
      return;
    }
    if (typeof line.description !== "string" || line.description.length === 0) {
      errors.push({
        path: at("description"),
        message: "Property description must have a value when product is set.",
      });
    }
    const unitNetPrice =
      typeof line.unitNetPrice === "number" ? line.unitNetPrice : Number(product.data.salesPrice ?? 0);
    const priceCents = toHundredths(unitNetPrice);
    const quantityHundredths = toHundredths(line.quantity);
    const discount = typeof line.discountPercentage === "number" ? line.discountPercentage : 0;
    for (const [field, value, scaled] of [
      ["unitNetPrice", unitNetPrice, priceCents],
      ["quantity", line.quantity, quantityHundredths],
      ["discountPercentage", discount, toHundredths(discount)],
    ] as const) {
      if (scaled === undefined) {
        errors.push({
          path: at(field),
          errorCode: "E04740",
          message: `${field} scale cannot be greater then two decimal places.`,
          value,
          developerHint: SCALE_HINT,
        });
      }
    }
    if (priceCents === undefined || quantityHundredths === undefined) return;
    const groupNumber = referenceNumber(product.data.productGroup, "productGroupNumber");
    const group = state.productGroups.find((candidate) => candidate.productGroupNumber === groupNumber);
    const accountNumber = group?.salesAccounts[vatZoneNumber];
    if (accountNumber === undefined) {
      errors.push({
        path: at("product"),
        message: `The product group has no sales account for VAT zone ${vatZoneNumber}.`,
      });
      return;
    }
    const account = state.accounts.find((candidate) => candidate.accountNumber === accountNumber);
    const netCents = roundHalfAway(((quantityHundredths * priceCents) / 100) * (1 - discount / 100));
    lines.push({
      lineNumber: Number(line.lineNumber),
      sortKey: Number(line.sortKey),
      productNumber: product.productNumber,
      description: String(line.description ?? ""),
      quantity: line.quantity,
      unitNetPrice,
      ...(discount ? { discountPercentage: discount } : {}),
      accountNumber,
      ...(account?.vatCode ? { vatCode: account.vatCode } : {}),
      netCents,
    });
  });

  const netByCode = new Map<string, number>();
  for (const line of lines) {
    if (line.vatCode) netByCode.set(line.vatCode, (netByCode.get(line.vatCode) ?? 0) + line.netCents);
  }
  let vatCents = 0;
  for (const [code, net] of netByCode) {
    const rate = state.vatAccounts.find((vat) => vat.vatCode === code)?.ratePercentage ?? 0;
    vatCents += roundHalfAway((net * rate) / 100);
  }
  return { lines, netCents: lines.reduce((sum, line) => sum + line.netCents, 0), vatCents, errors };
}

function productNumberOf(reference: unknown): string | undefined {
  if (!isObject(reference)) return undefined;
  if (typeof reference.productNumber === "string" && reference.productNumber.length > 0)
    return reference.productNumber;
  if (typeof reference.self === "string") {
    const last = reference.self.split("?")[0]?.split("/").filter(Boolean).pop();
    return last ? decodeProductNumber(decodeURIComponent(last)) : undefined;
  }
  return undefined;
}
