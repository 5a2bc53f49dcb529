import type { LedgerOption } from "../ledgers/ledger-contract";
import type { ShopSettings } from "../settings/settings-schema";
import type { FormErrors } from "./settings-form";

/** The per-rate account fields, and the treatment each belongs to. */
const RATE_FIELDS = ["oss", "voec"] as const;

/**
 * Per-rate accounts (accounts.byRate.oss/voec) the ledger's chart does not hold, as errors next
 * to their field: a rate booked on an account the ledger lacks would stop every such transfer.
 */
export function rateAccountsMissingFromLedger(
  settings: ShopSettings,
  salesAccounts: readonly LedgerOption[],
  ledger: string,
): FormErrors {
  const known = new Set(salesAccounts.map((option) => option.id));
  const errors: FormErrors = {};
  for (const treatment of RATE_FIELDS) {
    const missing = Object.entries(settings.accounts.byRate[treatment])
      .filter(([, account]) => !known.has(account))
      .sort(([a], [b]) => Number(b) - Number(a));
    const [first] = missing;
    if (!first) continue;
    const [rate, account] = first;
    errors[`accounts.byRate.${treatment}`] = {
      key: "settings.error.unknownAccount",
      params: { account, rate, ledger },
      message: `${ledger} has no account ${account} (chosen for ${rate} %)`,
    };
  }
  return errors;
}
