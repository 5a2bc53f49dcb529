import type { DynaccountSimState, SimRow, SimValue } from "./sim-store";

/** Small readers shared by the simulator's table rules. */

export type FieldErrors = Record<string, string>;

export function text(value: SimValue | undefined): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

export function isBlank(value: SimValue | undefined): boolean {
  return text(value) === "";
}

export function positiveInt(value: SimValue | undefined): number | undefined {
  const raw = text(value);
  return /^\d{1,12}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** Accepts a Unix timestamp (what the official module sends) or an ISO date. */
export function parseTime(value: SimValue | undefined): number | undefined {
  const raw = text(value);
  if (/^\d{9,11}$/.test(raw)) return Number(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!iso) return undefined;
  const ms = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), 12);
  const date = new Date(ms);
  return date.getUTCDate() === Number(iso[3]) ? ms / 1000 : undefined;
}

export function checkTime(
  state: DynaccountSimState,
  column: string,
  value: SimValue | undefined,
  errors: FieldErrors,
): number | undefined {
  const time = parseTime(value);
  if (time === undefined) {
    errors[column] = "Invalid date, expected a Unix timestamp";
    return undefined;
  }
  const open = state
    .table("year")
    .rows.some(
      (year) => Number(year.time_start) <= time && time <= Number(year.time_end) && year.is_closed !== "YES",
    );
  if (!open) errors[column] = "The date is not in an open accounting year";
  return time;
}

export function findByName(
  state: DynaccountSimState,
  table: string,
  name: SimValue | undefined,
): SimRow | undefined {
  return isBlank(name) ? undefined : state.table(table).where("name", text(name))[0];
}

export function findAccount(state: DynaccountSimState, number: SimValue | undefined): SimRow | undefined {
  return isBlank(number) ? undefined : state.table("account").where("account_id_", text(number))[0];
}

export function findDebtor(state: DynaccountSimState, number: SimValue | undefined): SimRow | undefined {
  return isBlank(number) ? undefined : state.table("debtor").where("module_id_", text(number))[0];
}

export function isPostingAccount(account: SimRow | undefined): boolean {
  return account !== undefined && (account.type === "OPERATING" || account.type === "BALANCE");
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
