import { currencyOf, formatAmount, parseAmount, percentToBasisPoints } from "./sim-amounts";
import type { DynaccountSimState, SimRow, SimValue } from "./sim-store";
import { findByName, isBlank, text, type FieldErrors } from "./sim-values";

/**
 * The shape of one table's write rules, and helpers the rules share: name look-ups, VAT
 * percentages, and document/voucher totals Dynaccount computes itself.
 */

export type Values = Record<string, SimValue>;

export interface TableSpec {
  writable: readonly string[];
  readOnly: readonly string[];
  required: readonly string[];
  unique?: readonly string[];
  /** Validates `row` (existing values merged with the new ones) and fills computed columns. */
  prepare(row: Values, state: DynaccountSimState, existing: SimRow | undefined): FieldErrors;
  afterWrite?(row: SimRow, state: DynaccountSimState): void;
  beforeDelete?(row: SimRow, state: DynaccountSimState): FieldErrors;
  afterDelete?(row: SimRow, state: DynaccountSimState): void;
}

export function checkName(
  state: DynaccountSimState,
  table: string,
  value: SimValue | undefined,
  column: string,
  errors: FieldErrors,
): void {
  if (!isBlank(value) && !findByName(state, table, value)) errors[column] = `"${text(value)}" does not exist`;
}

export function vatPercent(
  state: DynaccountSimState,
  name: SimValue | undefined,
  errors: FieldErrors,
): number | undefined {
  if (isBlank(name)) return 0;
  const code = findByName(state, "vatcode", name);
  if (!code) {
    errors.vatcode_name = `VAT code "${text(name)}" does not exist`;
    return undefined;
  }
  if (code.type === "PURCHASE") {
    errors.vatcode_name = `VAT code "${text(name)}" is a purchase VAT code`;
    return undefined;
  }
  return percentToBasisPoints(code.percent) ?? 0;
}

export function documentNumberExists(state: DynaccountSimState, number: SimValue | undefined): boolean {
  return (
    state.table("debtor_invoice").where("invoice_id_", text(number)).length > 0 ||
    state.table("debtor_creditnote").where("invoice_id_", text(number)).length > 0
  );
}

export function hasLines(state: DynaccountSimState, table: string, column: string, id: number): boolean {
  return state.table(table).where(column, id).length > 0;
}

export function removeLines(state: DynaccountSimState, table: string, column: string, id: number): void {
  const lines = state.table(table);
  for (const line of lines.where(column, id)) lines.remove(line.id);
}

/** Document totals are sums of the line totals (VAT per line, see sim-amounts). */
export function recomputeDocument(
  state: DynaccountSimState,
  table: string,
  id: SimValue,
  linesTable: string,
  column: string,
): void {
  const document = state.table(table).byId(Number(id));
  const code = currencyOf(document?.currency_name);
  if (!document || !code) return;
  let vat = 0;
  let gross = 0;
  let net = 0;
  for (const line of state.table(linesTable).where(column, document.id)) {
    vat += parseAmount(line.vat_amount as string, code) ?? 0;
    gross += parseAmount(line.total_amount as string, code) ?? 0;
    net += parseAmount(line.profit_amount as string, code) ?? 0;
  }
  Object.assign(document, {
    vat_amount: formatAmount(vat, code),
    total_amount: formatAmount(gross, code),
    profit_amount: formatAmount(net, code),
  });
}

/** balance_amount: what the voucher's rows post in total (amount to the account, the opposite to the offset). */
export function recomputeVoucher(state: DynaccountSimState, enclosureId: number): void {
  const voucher = state.table("enclosure").byId(enclosureId);
  if (!voucher) return;
  const dkk = currencyOf("DKK");
  if (!dkk) return;
  let balance = 0;
  for (const row of state.table("accounting").where("enclosure_id", enclosureId)) {
    const amount = parseAmount(row.amount as string, currencyOf(row.currency_name) ?? dkk) ?? 0;
    if (!isBlank(row.account_id_)) balance += amount;
    if (!isBlank(row.accountoff_id_)) balance -= amount;
  }
  voucher.balance_amount = formatAmount(balance, dkk);
}
