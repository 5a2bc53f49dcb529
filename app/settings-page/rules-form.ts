import type { LedgerOption } from "../ledgers/ledger-contract";
import type { ShopSettings } from "../settings/settings-schema";
import type { FormErrors } from "./settings-form";

/** One mapping or filter rule as the settings page edits it (#18): flat strings. */
export interface RuleRow {
  field: string;
  value: string;
  action: string;
  account: string;
}

export const RULES_FIELD = "rules";
const RULE_NAME = /^rules\.(\d+)\.(field|value|action|account)$/;

export function ruleRowsOf(settings: ShopSettings): RuleRow[] {
  return settings.rules.map((rule) => ({
    field: rule.field,
    value: rule.value,
    action: rule.action,
    account: rule.account ?? "",
  }));
}

export function serializeRules(rows: readonly RuleRow[], flat: Record<string, string>): void {
  rows.forEach((row, index) => {
    for (const part of ["field", "value", "action", "account"] as const)
      flat[`${RULES_FIELD}.${index}.${part}`] = row[part];
  });
}

export function parseRuleRows(flat: Readonly<Record<string, string>>): RuleRow[] {
  const rows = new Map<number, RuleRow>();
  for (const [name, value] of Object.entries(flat)) {
    const match = RULE_NAME.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? { field: "", value: "", action: "", account: "" };
    row[match[2] as keyof RuleRow] = value;
    rows.set(index, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** The rules for the settings document, in order; a skip rule carries no account. */
export function rulesDocument(rows: readonly RuleRow[]): Array<Record<string, string>> {
  return rows
    .filter((row) => row.field.trim() !== "")
    .map((row) => ({
      field: row.field.trim(),
      value: row.value,
      action: row.action.trim() || "account",
      ...(row.action.trim() === "skip" || row.account.trim() === "" ? {} : { account: row.account.trim() }),
    }));
}

/** A schema problem in a rule (rules.2.account) stays next to that rule's field. */
export function ruleFieldFor(path: string): string | undefined {
  return RULE_NAME.test(path) ? path : undefined;
}

/**
 * Rules that book on an account the ledger's chart does not hold, as errors next to the rule:
 * such a rule would stop every order it matches.
 */
export function ruleAccountsMissingFromLedger(
  settings: ShopSettings,
  salesAccounts: readonly LedgerOption[],
  ledger: string,
): FormErrors {
  const known = new Set(salesAccounts.map((option) => option.id));
  const errors: FormErrors = {};
  settings.rules.forEach((rule, index) => {
    if (rule.action !== "account" || !rule.account || known.has(rule.account)) return;
    errors[`${RULES_FIELD}.${index}.account`] = {
      key: "settings.error.unknownRuleAccount",
      params: { rule: String(index + 1), account: rule.account, ledger },
      message: `Rule ${index + 1}: ${ledger} has no account ${rule.account}`,
    };
  });
  return errors;
}
