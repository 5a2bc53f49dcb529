import type { VatTreatment } from "../../domain/invoice-draft";
import type { BillySalesTaxRuleset, BillyTaxRate } from "./billy-schemas";

/**
 * In Billy, VAT on a line comes from the product's sales-tax ruleset, resolved against the
 * contact's country and type. So the ruleset is chosen per VAT treatment:
 *  - exempt: a ruleset with no rules whose fallback rate is 0 % (e.g. "Momsfrit salg");
 *  - oss / voec: a ruleset (not the default) with a private-customer rule at the line's rate,
 *    i.e. the company's OSS ruleset;
 *  - domestic, EU reverse charge and export: the company's default sales ruleset, whose rules
 *    already give 25 % in Denmark, 0 % to EU companies and 0 % outside the EU.
 * The adapter checks the rate Billy actually applied on every line after creating a document.
 */

export interface VatSetup {
  defaultRulesetId: string;
  rulesets: BillySalesTaxRuleset[];
  taxRates: Map<string, BillyTaxRate>;
}

export function rateBp(rate: BillyTaxRate | undefined): number | undefined {
  return rate ? Math.round(rate.rate * 10000) : undefined;
}

export function chooseRuleset(setup: VatSetup, treatment: VatTreatment, vatRate: number): string {
  if (treatment === "exempt") {
    const exempt = setup.rulesets.find(
      (ruleset) =>
        (ruleset.rules ?? []).length === 0 &&
        rateBp(setup.taxRates.get(ruleset.fallbackTaxRateId ?? "")) === 0,
    );
    return exempt?.id ?? setup.defaultRulesetId;
  }
  if (treatment === "oss" || treatment === "voec") {
    const destination = setup.rulesets.find(
      (ruleset) =>
        ruleset.id !== setup.defaultRulesetId &&
        (ruleset.rules ?? []).some(
          (rule) =>
            rule.contactType !== "company" &&
            rateBp(setup.taxRates.get(rule.taxRateId)) === vatRate &&
            rule.countryId !== "DK",
        ),
    );
    return destination?.id ?? setup.defaultRulesetId;
  }
  return setup.defaultRulesetId;
}
