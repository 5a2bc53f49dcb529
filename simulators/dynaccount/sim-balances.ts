import { currencyOf, parseAmount } from "./sim-amounts";
import type { DynaccountSimState } from "./sim-store";
import { findAccount, isBlank, text } from "./sim-values";

/**
 * Each account's balance in minor units (debit positive) as the booking drafts' rows would book:
 * a row posts its amount to `account_id_` and the opposite to `accountoff_id_` when that is an
 * account (a debtor on DEBTOR_* rows moves the debtor, not an account). Dynaccount books drafts
 * only in its UI, so the drafts are what a test can check the payout against.
 */
export function dynaccountAccountBalances(state: DynaccountSimState): Map<string, number> {
  const balances = new Map<string, number>();
  const add = (account: string, amount: number) =>
    balances.set(account, (balances.get(account) ?? 0) + amount);
  for (const row of state.table("accounting").rows) {
    const code = currencyOf(row.currency_name) ?? currencyOf("DKK");
    const amount = code ? (parseAmount(row.amount as string, code) ?? 0) : 0;
    if (!isBlank(row.account_id_)) add(text(row.account_id_), amount);
    const debtorSide = text(row.type).startsWith("DEBTOR");
    if (!debtorSide && !isBlank(row.accountoff_id_) && findAccount(state, row.accountoff_id_))
      add(text(row.accountoff_id_), -amount);
  }
  return balances;
}
