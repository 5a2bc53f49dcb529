import { allocate } from "./allocate";
import type { Charge } from "./charge";
import { DraftError } from "./draft-errors";
import type { DraftLine, VatTreatment } from "./invoice-draft";
import { refundAdjustmentAccount } from "./ledger-accounts";
import { splitGross } from "./vat/vat-math";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * A refund adjustment — a line refunded for less than calculated, a restocking fee, a goodwill
 * amount without lines, money beyond the refunded lines — is a change of the price after the
 * sale. Danish VAT law (momslovens § 27, stk. 3) reduces the taxable amount by it, so it is
 * credited at the VAT rates of what it reduces, in proportion to the gross booked at each rate:
 * the refunded lines when the refund has any, otherwise the whole invoice.
 */
export interface RateShare {
  rate: number;
  treatment: VatTreatment;
  account: string;
  /** Gross booked at this rate and treatment (never negative). */
  weight: number;
}

const REDUCIBLE = new Set<DraftLine["kind"]>(["item", "shipping", "fee", "discount"]);

/**
 * Gross per VAT rate and treatment of `lines` (items, shipping, fees, net of discounts; gift
 * cards are no supply and rounding is no price). The account is the configured adjustment
 * account of the treatment, else the account carrying most of that rate's gross.
 */
export function rateShares(lines: readonly DraftLine[], settings: ShopSettings): RateShare[] {
  const groups = new Map<string, { share: RateShare; accounts: Map<string, number> }>();
  for (const line of lines) {
    if (!REDUCIBLE.has(line.kind)) continue;
    const key = `${line.vatRate}|${line.vatTreatment}`;
    const group = groups.get(key) ?? {
      share: { rate: line.vatRate, treatment: line.vatTreatment, account: "", weight: 0 },
      accounts: new Map<string, number>(),
    };
    group.share.weight += line.gross;
    if (line.kind !== "discount") {
      group.accounts.set(line.account, (group.accounts.get(line.account) ?? 0) + line.gross);
    }
    groups.set(key, group);
  }
  const shares: RateShare[] = [];
  for (const { share, accounts } of groups.values()) {
    if (share.weight <= 0) continue;
    const largest = [...accounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    shares.push({
      ...share,
      account: refundAdjustmentAccount(share.treatment, settings, share.rate) ?? largest,
    });
  }
  // Highest rate first, so the allocation's tie-breaking is independent of line order.
  return shares.sort((a, b) => b.rate - a.rate || a.treatment.localeCompare(b.treatment));
}

export interface AdjustmentInput {
  /**
   * Positive = more money back to the customer. With `statedTax` in the order's price basis;
   * without it the money itself (gross), whatever the basis.
   */
  amount: number;
  /** The tax the platform states for the adjustment; undefined when it states none. */
  statedTax: number | undefined;
  shares: readonly RateShare[];
  description: string;
  field: string;
  inclusive: boolean;
}

/**
 * The adjustment as one charge per VAT rate. Without a stated tax the gross is allocated by
 * largest remainder over the rates' gross and each part's VAT is the VAT inside it, so the VAT
 * per rate is exact to the minor unit and proportional to what was invoiced at that rate; the
 * derived VAT becomes the charge's expected tax, keeping the per-rate check of the credit note.
 */
export function creditAdjustment(input: AdjustmentInput): Charge[] {
  const { amount, statedTax, shares, inclusive } = input;
  if (shares.length === 0) {
    throw new DraftError("invalidInput", input.field, "nothing on the invoice to credit this amount against");
  }
  const kind: Charge["kind"] = amount > 0 ? "item" : "discount";
  const weights = shares.map((s) => s.weight);
  const allocated = allocate(amount, weights);
  const amounts =
    statedTax === undefined
      ? reachable(
          allocated,
          shares.map((s) => s.rate),
          proportions(amount, weights),
        )
      : allocated;
  const taxes =
    statedTax === undefined
      ? undefined
      : allocate(statedTax, shares.some((s) => s.rate > 0) ? shares.map((s) => s.weight * s.rate) : weights);
  return shares
    .map((share, i): Charge => {
      const part = amounts[i] ?? 0;
      const base = {
        kind,
        description: input.description,
        quantity: 1,
        rate: share.rate,
        treatment: share.treatment,
        account: share.account,
        field: input.field,
      };
      if (taxes) return { ...base, amount: part, sourceTax: taxes[i] ?? 0, vat: taxes[i] ?? 0 };
      const { net, vat } = splitGross(part, share.rate);
      // A gross no net reaches (one in five at 25 %) books the nearest that is; the rounding line
      // takes the minor unit, as the VAT a ledger computes cannot be anything else.
      return { ...base, amount: inclusive ? net + vat : net, sourceTax: vat, vat };
    })
    .filter((c) => c.amount !== 0 || (c.sourceTax ?? 0) !== 0);
}

/**
 * One gross in five cannot be net + 25 % VAT rounded (43.22: 34.58 + 8.65 = 43.23, 34.57 + 8.64 =
 * 43.21), which would cost a rounding line and a wrong øre of VAT. Such a part trades one minor
 * unit with another rate's part (a 0 % part first: every gross is reachable there) when both
 * then are reachable, preferring the direction towards the part's exact proportion; partners are
 * tried from the lowest rate, so the result is deterministic and every part stays less than two
 * minor units from its exact proportion.
 */
function reachable(amounts: readonly number[], rates: readonly number[], exact: readonly number[]): number[] {
  const result = [...amounts];
  const sign = Math.sign(amounts.reduce((a, b) => a + b, 0));
  const ok = (gross: number, rate: number) => {
    const { net, vat } = splitGross(gross, rate);
    return net + vat === gross;
  };
  const order = rates.map((rate, j) => ({ rate, j })).sort((a, b) => a.rate - b.rate || a.j - b.j);
  result.forEach((gross, i) => {
    const rate = rates[i] ?? 0;
    if (ok(gross, rate)) return;
    const target = exact[i] ?? gross;
    const deltas = Math.abs(gross - 1 - target) <= Math.abs(gross + 1 - target) ? [-1, 1] : [1, -1];
    for (const delta of deltas) {
      const partner = order.find(({ j, rate: other }) => {
        const part = (result[j] ?? 0) - delta;
        // A part may reach zero but never the other side of the adjustment.
        return j !== i && part * sign >= 0 && ok(part, other);
      });
      if (partner && ok(gross + delta, rate)) {
        result[i] = gross + delta;
        result[partner.j] = (result[partner.j] ?? 0) - delta;
        return;
      }
    }
  });
  return result;
}

/** Each weight's exact (fractional) share of the amount, only to choose a direction above. */
function proportions(amount: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (sum === 0 ? amount / weights.length : (amount * w) / sum));
}

/**
 * The tax a platform states for an adjustment, or undefined when it states none. Shopify puts
 * `tax_amount: "0.00"` on every refund discrepancy whatever the order's VAT — it does not
 * compute tax there — so a zero tax on a non-zero amount is "not stated", never "VAT-free".
 */
export function statedAdjustmentTax(amount: number, tax: number | undefined): number | undefined {
  if (tax === undefined || (tax === 0 && amount !== 0)) return undefined;
  return tax;
}

/** Shopify's restocking fee: a discrepancy whose reason is RESTOCK (GraphQL) or names restocking. */
export function isRestockingFee(reason: string | undefined): boolean {
  return /restock/i.test(reason ?? "");
}
