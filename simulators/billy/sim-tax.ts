import type { BillySimState, SimContact, SimTaxRate, TaxMode } from "./sim-state";

/**
 * How the simulated Billy prices a line: the product's sales-tax ruleset picks a tax rate by the
 * contact's country / country group / type (lowest priority number first), falling back to the
 * ruleset's fallback rate. VAT is then rounded per line to the currency's minor unit, half
 * away from zero. Billy publishes the rule properties but not the resolution order or the
 * rounding; this is the reading documented in docs/ledgers/billy.md.
 */

export function resolveTaxRate(
  state: BillySimState,
  rulesetId: string,
  contact: SimContact,
): SimTaxRate | undefined {
  const ruleset = state.salesTaxRulesets.get(rulesetId);
  if (!ruleset) return undefined;
  const rules = [...state.salesTaxRules.values()]
    .filter((rule) => rule.rulesetId === rulesetId)
    .sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    if (rule.countryId && rule.countryId !== contact.countryId) continue;
    if (rule.countryGroupId) {
      const group = state.countryGroups.get(rule.countryGroupId);
      if (!group?.countryIds.includes(contact.countryId)) continue;
    }
    if (rule.contactType && rule.contactType !== contact.type) continue;
    return state.taxRates.get(rule.taxRateId);
  }
  return state.taxRates.get(ruleset.fallbackTaxRateId);
}

/** Integer division rounded half away from zero. */
export function divRound(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/** Rounds a float amount of minor units half away from zero, shedding float noise first. */
export function roundMinor(value: number): number {
  const cleaned = Math.round(value * 1e6) / 1e6;
  return Math.sign(cleaned) * Math.round(Math.abs(cleaned));
}

export interface LineMoney {
  /** Net amount (excl. VAT), minor units. */
  amountMinor: number;
  taxMinor: number;
}

/**
 * `lineTotalMinor` is quantity × unit price after discount, in minor units, in the invoice's
 * tax mode: with `incl` it is the gross amount, with `excl` the net.
 */
export function priceLine(lineTotalMinor: number, rateBp: number, taxMode: TaxMode): LineMoney {
  if (taxMode === "incl") {
    const taxMinor = divRound(lineTotalMinor * rateBp, 10000 + rateBp);
    return { amountMinor: lineTotalMinor - taxMinor, taxMinor };
  }
  return { amountMinor: lineTotalMinor, taxMinor: divRound(lineTotalMinor * rateBp, 10000) };
}
