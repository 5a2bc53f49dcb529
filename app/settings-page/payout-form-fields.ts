import type { LedgerOption } from "../ledgers/ledger-contract";
import type { ShopSettings } from "../settings/settings-schema";
import type { FormErrors } from "./settings-form";
import type { FieldSpec } from "./settings-form-fields";

/**
 * The Payouts section of the settings page (issue 19). The bank account is picked from the
 * ledger's deposit (bank) accounts; the contract lists no expense accounts, so the fee, dispute,
 * reserve and adjustment accounts are typed, like the gift-card liability account. The fee VAT
 * code is explicit: empty means no VAT (Danish card fees are exempt financial services).
 */
export const PAYOUT_FORM_FIELDS: readonly FieldSpec[] = [
  { name: "payouts.enabled", control: "checkbox", value: "boolean" },
  {
    name: "payouts.bankAccount",
    control: "account",
    value: "string",
    accountList: "deposit",
    optional: true,
  },
  { name: "payouts.feeAccount", control: "text", value: "string", optional: true },
  { name: "payouts.feeVatCode", control: "text", value: "string", optional: true },
  { name: "payouts.disputesAccount", control: "text", value: "string", optional: true },
  { name: "payouts.reservesAccount", control: "text", value: "string", optional: true },
  { name: "payouts.adjustmentsAccount", control: "text", value: "string", optional: true },
];

/** With payouts on, the bank account must be one of the ledger's bank accounts: checked on save. */
export function payoutAccountsMissingFromLedger(
  settings: ShopSettings,
  depositAccounts: readonly LedgerOption[],
  ledger: string,
): FormErrors {
  const bank = settings.payouts.bankAccount;
  if (!settings.payouts.enabled || !bank || depositAccounts.some((option) => option.id === bank)) return {};
  return {
    "payouts.bankAccount": {
      key: "settings.error.unknownPayoutAccount",
      params: { account: bank, ledger },
      message: `${ledger} has no bank account ${bank}`,
    },
  };
}
