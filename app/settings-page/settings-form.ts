import type { SettingsFieldError } from "../settings/settings-errors";
import type { ShopSettings } from "../settings/settings-schema";
import { MAX_GATEWAYS, SETTINGS_VERSION } from "../settings/settings-schema";
import { gatewayRowsOf, OPEN_GATEWAYS_FIELD, termsDays } from "./gateway-terms-form";
import {
  parseRuleRows,
  ruleFieldFor,
  ruleRowsOf,
  rulesDocument,
  RULES_FIELD,
  serializeRules,
  type RuleRow,
} from "./rules-form";
import { GATEWAYS_FIELD, SETTINGS_FIELDS, type FieldSpec } from "./settings-form-fields";

/**
 * The settings page's form model and its mapping to and from the settings document. The form
 * is flat strings (what a browser submits); the document is the nested, typed settings. Kept
 * free of Remix and React so the mapping is unit-tested on its own.
 */

export interface GatewayRow {
  gateway: string;
  account: string;
  /** Days of terms when the gateway leaves the invoice open (#18); "" or absent = register as paid. */
  terms?: string;
}

export interface SettingsForm {
  /** Field name (dotted settings path) → value as the form shows it; booleans are "true"/"false". */
  values: Record<string, string>;
  gateways: GatewayRow[];
  /** Mapping and filter rules, in order (#18); absent = the form does not edit them. */
  rules?: RuleRow[];
}

/** A problem shown next to a field: a message key the page translates, or the schema's own words. */
export interface FormFieldError {
  key?: FormErrorKey;
  /** The key's parameters ({account}, {ledger}…). */
  params?: Record<string, string>;
  message: string;
}

export type FormErrorKey =
  | "settings.error.required"
  | "settings.error.number"
  | "settings.error.wholeNumber"
  | "settings.error.chooseAccount"
  | "settings.error.accountTooLong"
  | "settings.error.country"
  | "settings.error.vatRate"
  | "settings.error.ossAccount"
  | "settings.error.voecAccount"
  | "settings.error.range"
  | "settings.error.duplicateGateway"
  | "settings.error.plainNumber"
  | "settings.error.tooManyGateways"
  | "settings.error.unknownCountry"
  | "settings.error.rateAccounts"
  | "settings.error.unknownAccount"
  | "settings.error.terms"
  | "settings.error.ruleValue"
  | "settings.error.ruleAccount"
  | "settings.error.unknownRuleAccount"
  | "settings.error.singleName"
  | "settings.error.fixedCustomerNumber"
  | "settings.error.unknownPayoutAccount";

export type FormErrors = Record<string, FormFieldError>;

/** Where errors that belong to no single field are reported. */
export const FORM_LEVEL = "_form";

export function settingsToForm(settings: ShopSettings): SettingsForm {
  const values: Record<string, string> = {};
  for (const field of SETTINGS_FIELDS) {
    const value = readPath(settings, field.name);
    values[field.name] =
      value === undefined || value === null
        ? ""
        : field.value === "rateAccounts"
          ? formatRateAccounts(value)
          : Array.isArray(value)
            ? value.join(", ")
            : String(value as string | number | boolean);
  }
  return { values, gateways: gatewayRowsOf(settings), rules: ruleRowsOf(settings) };
}

/** Flattens the form for submission (FormData / fetcher). */
export function serializeForm(form: SettingsForm): Record<string, string> {
  const flat: Record<string, string> = { ...form.values };
  form.gateways.forEach((row, index) => {
    flat[`${GATEWAYS_FIELD}.${index}.gateway`] = row.gateway;
    flat[`${GATEWAYS_FIELD}.${index}.account`] = row.account;
    if (row.terms !== undefined) flat[`${GATEWAYS_FIELD}.${index}.terms`] = row.terms;
  });
  if (form.rules) serializeRules(form.rules, flat);
  if (form.rules?.length === 0) flat[RULES_FIELD] = "";
  return flat;
}

/** Reads a submitted flat form back into the form model (unknown names are ignored). */
export function parseSubmittedForm(flat: Readonly<Record<string, string>>): SettingsForm {
  const values: Record<string, string> = {};
  for (const field of SETTINGS_FIELDS) {
    const value = flat[field.name];
    if (value !== undefined) values[field.name] = value;
  }
  const rows = new Map<number, GatewayRow>();
  for (const [name, value] of Object.entries(flat)) {
    const match = /^payments\.gateways\.(\d+)\.(gateway|account|terms)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? { gateway: "", account: "" };
    row[match[2] as "gateway" | "account" | "terms"] = value;
    rows.set(index, row);
  }
  const gateways = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  const rules = parseRuleRows(flat);
  // The rules are edited only when the form sent them (an empty list is sent as "rules").
  return { values, gateways, ...(rules.length > 0 || RULES_FIELD in flat ? { rules } : {}) };
}

/**
 * The settings document a form describes, for the schema to validate, plus the problems found
 * while converting (a number that is not one, a gateway row without a gateway) — those fields
 * are left out of the document so the schema reports only the rest.
 */
export function formToSettings(form: SettingsForm): {
  document: Record<string, unknown>;
  errors: FormErrors;
} {
  const document: Record<string, unknown> = { version: SETTINGS_VERSION };
  const errors: FormErrors = {};
  for (const field of SETTINGS_FIELDS) {
    const raw = form.values[field.name];
    if (raw === undefined) continue;
    const converted = convert(field, raw);
    if ("error" in converted) errors[field.name] = converted.error;
    else if (converted.value !== undefined) writePath(document, field.name, converted.value);
  }
  // A Map: a gateway may be called anything, "constructor" and "__proto__" included.
  const gateways = new Map<string, string>();
  const filled = form.gateways.filter((row) => row.gateway.trim() !== "" || row.account.trim() !== "");
  if (filled.length > MAX_GATEWAYS) {
    errors[FORM_LEVEL] = {
      key: "settings.error.tooManyGateways",
      message: `At most ${MAX_GATEWAYS} payment gateways can have their own account`,
    };
    writePath(document, GATEWAYS_FIELD, {});
    return { document, errors };
  }
  const openGateways = new Map<string, number>();
  form.gateways.forEach((row, index) => {
    const gateway = row.gateway.trim();
    const account = row.account.trim();
    const terms = (row.terms ?? "").trim();
    // A gateway with neither account nor terms (a row filled from the shop's orders) uses the defaults.
    if (account === "" && terms === "") return;
    if (gateway === "") {
      errors[`${GATEWAYS_FIELD}.${index}.gateway`] = {
        key: "settings.error.required",
        message: "Name the payment gateway",
      };
      return;
    }
    if (gateways.has(gateway)) {
      errors[`${GATEWAYS_FIELD}.${index}.gateway`] = {
        key: "settings.error.duplicateGateway",
        message: `${gateway} is listed twice`,
      };
      return;
    }
    if (terms !== "") {
      const days = termsDays(terms);
      if (days === undefined) {
        errors[`${GATEWAYS_FIELD}.${index}.terms`] = {
          key: "settings.error.terms",
          message: "0 to 365 days",
        };
      } else openGateways.set(gateway, days);
      // An open gateway books no payment: its deposit account is optional.
      if (account === "") return;
    }
    gateways.set(gateway, account);
  });
  // Own data properties, "__proto__" too (fromEntries never invokes the prototype setter).
  writePath(document, GATEWAYS_FIELD, Object.fromEntries(gateways));
  writePath(document, OPEN_GATEWAYS_FIELD, Object.fromEntries(openGateways));
  if (form.rules) document[RULES_FIELD] = rulesDocument(form.rules);
  return { document, errors };
}

/** Digits with at most one decimal comma or point; a minus only in front. */
const PLAIN_DECIMAL = /^-?\d{1,15}(?:[.,]\d{1,15})?$/;

function convert(field: FieldSpec, raw: string): { value: unknown } | { error: FormFieldError } {
  const trimmed = raw.trim();
  switch (field.value) {
    case "boolean":
      return { value: trimmed === "true" || trimmed === "on" };
    case "number": {
      if (trimmed === "") return { error: { key: "settings.error.required", message: "Required" } };
      // Plain decimals only: Number() would also take "0x19", "1e2", " 12 " and "Infinity".
      if (!PLAIN_DECIMAL.test(raw)) {
        return {
          error: {
            key: "settings.error.plainNumber",
            message: "Enter a plain number such as 25 or 12.5, without spaces or other characters",
          },
        };
      }
      return { value: Number(raw.replace(",", ".")) };
    }
    case "list":
      return {
        value: trimmed
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      };
    case "rateAccounts":
      return parseRateAccounts(trimmed);
    case "string":
      if (field.optional && trimmed === "") return { value: undefined };
      // Free texts keep their spacing; codes and account numbers do not need it.
      return { value: field.control === "multiline" || field.name.startsWith("texts.") ? raw : trimmed };
  }
}

/** "19 = 1011, 7 = 1012" → { "19": "1011", "7": "1012" }; a decimal comma is a point. */
function parseRateAccounts(text: string): { value: unknown } | { error: FormFieldError } {
  // A Map: the keys are typed by the merchant, and "__proto__" must stay a plain (refused) key.
  const pairs = new Map<string, string>();
  for (const item of text.split(/[;\n]|,(?!\d)/)) {
    if (item.trim() === "") continue;
    const match = /^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%?\s*[=:]\s*([^\s=,;:]+)\s*$/.exec(item);
    const rate = match?.[1]?.replace(",", ".");
    if (!match || rate === undefined || pairs.has(rate)) {
      return {
        error: {
          key: "settings.error.rateAccounts",
          message: "Write each VAT rate with its account, e.g. 19 = 1011, 7 = 1012, each rate once",
        },
      };
    }
    pairs.set(rate, match[2] ?? "");
  }
  return { value: Object.fromEntries(pairs) };
}

/** One VAT rate with its account, as the settings page shows a per-rate field. */
export interface RateAccountRow {
  rate: string;
  account: string;
}

/**
 * The rows of a per-rate field's text ("19 = 1011, 7 = 1012"), highest rate first; undefined
 * when the text is not in that form (the page then shows it as typed, with the error).
 */
export function rateAccountRows(text: string): RateAccountRow[] | undefined {
  const parsed = parseRateAccounts(text.trim());
  if ("error" in parsed) return undefined;
  return formatRateAccounts(parsed.value)
    .split(", ")
    .filter(Boolean)
    .map((pair) => {
      const [rate = "", account = ""] = pair.split(" = ");
      return { rate, account };
    });
}

/** The rows back as the field's text; a row with neither rate nor account is dropped. */
export function rateAccountsText(rows: readonly RateAccountRow[]): string {
  return rows
    .filter((row) => row.rate.trim() !== "" || row.account.trim() !== "")
    .map((row) => `${row.rate.trim()} = ${row.account.trim()}`)
    .join(", ");
}

function formatRateAccounts(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  // Highest rate first, as a bookkeeper reads them (object keys would put whole numbers first).
  return Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([rate, account]) => `${rate} = ${String(account as string)}`)
    .join(", ");
}

/**
 * Puts the schema's problems next to the fields they concern. A gateway's account is reported
 * by the schema under the gateway's name and is moved to its row; anything that matches no
 * field is reported for the whole form.
 */
export function fieldErrorsFor(errors: readonly SettingsFieldError[], form: SettingsForm): FormErrors {
  const names = new Set(SETTINGS_FIELDS.map((field) => field.name));
  const result: FormErrors = {};
  for (const error of errors) {
    const target = fieldFor(error.path, names, form);
    result[target] ??= translateSchemaMessage(error.message);
  }
  return result;
}

function fieldFor(path: string, names: ReadonlySet<string>, form: SettingsForm): string {
  if (names.has(path)) return path;
  const rule = ruleFieldFor(path);
  if (rule) return rule;
  if (path.startsWith(`${GATEWAYS_FIELD}.`)) {
    const gateway = path.slice(GATEWAYS_FIELD.length + 1);
    const index = form.gateways.findIndex((row) => row.gateway.trim() === gateway);
    if (index >= 0) return `${GATEWAYS_FIELD}.${index}.account`;
  }
  if (path.startsWith(`${OPEN_GATEWAYS_FIELD}.`)) {
    const gateway = path.slice(OPEN_GATEWAYS_FIELD.length + 1);
    const index = form.gateways.findIndex((row) => row.gateway.trim() === gateway);
    if (index >= 0) return `${GATEWAYS_FIELD}.${index}.terms`;
  }
  // A rate's account (accounts.byRate.oss.7.5) belongs to its treatment's rate field.
  const rated = /^(accounts\.byRate\.(?:oss|voec))\./.exec(path)?.[1];
  if (rated && names.has(rated)) return rated;
  // An element of a list field (transfer.statuses.0) belongs to the list.
  const parent = path.replace(/\.\d+$/, "");
  if (names.has(parent)) return parent;
  return FORM_LEVEL;
}

const SCHEMA_MESSAGES: ReadonlyArray<[RegExp, FormErrorKey]> = [
  [/^Choose an account$/, "settings.error.chooseAccount"],
  [/^Account numbers are at most/, "settings.error.accountTooLong"],
  [/two-letter country code/, "settings.error.country"],
  [/^Choose a country Ledger Bridge knows/, "settings.error.unknownCountry"],
  [/^At most \d+ payment gateways/, "settings.error.tooManyGateways"],
  [/^A VAT rate/, "settings.error.vatRate"],
  [/^OSS is enabled/, "settings.error.ossAccount"],
  [/^VOEC is enabled/, "settings.error.voecAccount"],
  [/^Give the value the rule compares with/, "settings.error.ruleValue"],
  [/^Name the fixed customer/, "settings.error.singleName"],
  [/^Choose the account matching lines are booked on/, "settings.error.ruleAccount"],
  [/expected int/i, "settings.error.wholeNumber"],
  [/^Too (small|big)/, "settings.error.range"],
];

export function translateSchemaMessage(message: string): FormFieldError {
  const key = SCHEMA_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
  return key ? { key, message } : { message };
}

function readPath(source: unknown, path: string): unknown {
  let current = source;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next !== "object" || next === null) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1] ?? path] = value;
}
