import type { Order } from "../order";
import type { MappingRule } from "../../settings/rules-schema";
import { ruleFieldKey, skipRuleFor } from "./evaluate-rules";

/**
 * The transfer decision's side of the filter rules (#18): the reason an order is kept out of the
 * ledger, in English for the log and as a catalogue key for the Transfers and order pages.
 */
export function skipByRule(
  rules: readonly MappingRule[],
  order: Order,
): { skip: string; text: { key: string; params: Record<string, string | number> } } | undefined {
  const match = skipRuleFor(rules, order);
  if (!match) return undefined;
  const { rule, number } = match;
  if (rule.field === "zeroTotal") {
    return {
      skip: `rule ${number} skips orders with a total of zero`,
      text: { key: "rules.skip.zeroTotal", params: { rule: number } },
    };
  }
  return {
    skip: `rule ${number} skips orders where ${rule.field} = ${rule.value}`,
    text: {
      key: "rules.skip.field",
      params: { rule: number, field: ruleFieldKey(rule.field), value: rule.value },
    },
  };
}
