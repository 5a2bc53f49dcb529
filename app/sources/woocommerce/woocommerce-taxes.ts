import { parseScaled } from "../../domain/decimal";
import { exponentOf, type CurrencyCode } from "../../domain/money";
import { allocate } from "../../domain/allocate";
import type { TaxLine } from "../../domain/order";
import { ratePercentToBasisPoints } from "../../domain/vat/vat-rate-format";
import { mulDivRound } from "../../domain/decimal";

interface RateInfo {
  title: string;
  rate: number;
  rateSource: TaxLine["rateSource"];
}

interface TaxedItem {
  total: number;
  taxes: ReadonlyArray<{ id: string | number; total?: string | number | null | undefined }>;
}

/**
 * WooCommerce names a line's taxes by rate id; the rate itself is on the order's `tax_lines`
 * (`rate_percent`, since WooCommerce 3.7). For older orders without it, the rate is derived from
 * the order's own totals per rate id — tax_total / taxed base — and marked "derived".
 */
export function buildRateTable(
  taxLines: ReadonlyArray<{
    rate_id: string | number;
    label?: string | null | undefined;
    rate_code?: string | null | undefined;
    rate_percent?: string | number | null | undefined;
    tax_total?: string | number | null | undefined;
    shipping_tax_total?: string | number | null | undefined;
  }>,
  items: readonly TaxedItem[],
  code: CurrencyCode,
): Map<string, RateInfo> {
  const table = new Map<string, RateInfo>();
  for (const line of taxLines) {
    const key = String(line.rate_id);
    const title = line.label ?? line.rate_code ?? "Tax";
    if (line.rate_percent !== null && line.rate_percent !== undefined && line.rate_percent !== "") {
      table.set(key, { title, rate: ratePercentToBasisPoints(line.rate_percent), rateSource: "stated" });
      continue;
    }
    const tax = parseMoney(line.tax_total, code) + parseMoney(line.shipping_tax_total, code);
    const base = items
      .filter((i) => i.taxes.some((t) => String(t.id) === key))
      .reduce((acc, i) => acc + i.total, 0);
    table.set(key, { title, rate: base === 0 ? 0 : mulDivRound(tax, 10_000, base), rateSource: "derived" });
  }
  return table;
}

/**
 * A line's tax lines: each tax entry's unrounded amount, rounded so together they equal the
 * line's rounded `total_tax` (the figure WooCommerce's totals are built from).
 */
export function lineTaxLines(
  taxes: ReadonlyArray<{ id: string | number; total?: string | number | null | undefined }>,
  totalTax: number,
  rates: ReadonlyMap<string, RateInfo>,
  code: CurrencyCode,
): TaxLine[] {
  const entries = taxes.filter((t) => t.total !== "" && t.total !== null && t.total !== undefined);
  if (entries.length === 0) {
    return totalTax === 0 ? [] : [{ title: "Tax", rate: 0, amount: totalTax, rateSource: "derived" }];
  }
  const scale = exponentOf(code) + 4;
  const precise = entries.map((t) => Math.abs(parseScaled(t.total ?? 0, scale, "halfUp")));
  const amounts =
    entries.length === 1
      ? [totalTax]
      : allocate(Math.abs(totalTax), precise).map((a) => a * Math.sign(totalTax || 1));
  return entries.map((t, i) => {
    const info = rates.get(String(t.id));
    return {
      title: info?.title ?? "Tax",
      rate: info?.rate ?? 0,
      amount: amounts[i] ?? 0,
      rateSource: info?.rateSource ?? "derived",
    };
  });
}

function parseMoney(value: string | number | null | undefined, code: CurrencyCode): number {
  if (value === null || value === undefined || value === "") return 0;
  return parseScaled(value, exponentOf(code), "halfUp");
}
