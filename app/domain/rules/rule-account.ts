import type { Charge } from "../charge";
import { draftWarning, type DraftWarning } from "../draft-warning";
import type { VatTreatment } from "../invoice-draft";
import type { Order, OrderLine } from "../order";
import type { ShopSettings } from "../../settings/settings-schema";
import { accountRuleFor, ruleFieldKey } from "./evaluate-rules";

/**
 * Home-country sales only: an OSS, VOEC, reverse-charge or export line stays on its treatment's
 * account, which is what the VAT return is built from (and, in Dinero, what sets its VAT).
 */
const RULE_TREATMENTS: ReadonlySet<VatTreatment> = new Set(["domestic", "exempt"]);

/**
 * An item charge on the account the first matching mapping rule names, with the reason in the
 * draft's warnings ("Kaffekop: account 1080 because product type = Gavekort (rule 1)").
 */
export function withRuleAccount(
  charge: Charge,
  line: OrderLine,
  context: { order: Order; settings: ShopSettings; warnings: DraftWarning[] },
): Charge {
  if (!RULE_TREATMENTS.has(charge.treatment)) return charge;
  const match = accountRuleFor(context.settings.rules, context.order, line);
  if (!match) return charge;
  context.warnings.push(
    draftWarning("preview.warning.ruleAccount", {
      line: line.title,
      account: match.account,
      field: ruleFieldKey(match.rule.field),
      value: match.rule.value,
      rule: match.number,
    }),
  );
  return { ...charge, account: match.account };
}
