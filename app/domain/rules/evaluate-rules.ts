import type { Order, OrderLine } from "../order";
import { orderGateways } from "../payment-handling";
import type { MappingRule, RuleField } from "../../settings/rules-schema";

/**
 * The mapping and filter rules (#18), evaluated on the canonical order: pure, the first rule
 * that matches decides. Values compare trimmed and without regard to case, as a merchant types
 * them ("gavekort" is "Gavekort").
 */

export interface RuleMatch {
  rule: MappingRule;
  /** 1-based, as the settings page numbers the rules. */
  number: number;
}

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `rule`'s condition holds for the order, or — for line fields — for `line`. */
function holds(rule: MappingRule, order: Order, line: OrderLine | undefined): boolean {
  const field: RuleField = rule.field;
  switch (field) {
    case "productType":
      return line
        ? same(line.productType, rule.value)
        : order.lines.some((l) => same(l.productType, rule.value));
    case "vendor":
      return line ? same(line.vendor, rule.value) : order.lines.some((l) => same(l.vendor, rule.value));
    case "tag":
      return (order.tags ?? []).some((tag) => same(tag, rule.value));
    case "salesChannel":
      return same(order.salesChannel, rule.value);
    case "gateway":
      return orderGateways(order).some((gateway) => same(gateway, rule.value));
    case "zeroTotal":
      return order.totals.total === 0;
  }
}

/** The first skip rule the order matches: the order is not transferred. */
export function skipRuleFor(rules: readonly MappingRule[], order: Order): RuleMatch | undefined {
  const index = rules.findIndex((rule) => rule.action === "skip" && holds(rule, order, undefined));
  const rule = rules[index];
  return rule ? { rule, number: index + 1 } : undefined;
}

/** The first account rule an item line matches: the line is booked on the rule's account. */
export function accountRuleFor(
  rules: readonly MappingRule[],
  order: Order,
  line: OrderLine,
): (RuleMatch & { account: string }) | undefined {
  const index = rules.findIndex(
    (rule) => rule.action === "account" && rule.account && holds(rule, order, line),
  );
  const rule = rules[index];
  return rule?.account ? { rule, number: index + 1, account: rule.account } : undefined;
}

/** The catalogue key naming a rule's field, for texts that explain a rule. */
export function ruleFieldKey(field: RuleField) {
  return `settings.rules.field.${field}` as const;
}
