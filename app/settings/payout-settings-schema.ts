import { z } from "zod";
import type { PayoutAccounts } from "../domain/payouts/payout-entry";

/**
 * The payout section of a shop's settings (issue 19). Off by default: turning it on is what asks
 * Shopify for `read_shopify_payments_payouts`. The clearing account is not chosen here: it is the
 * deposit account the transfers already post Shopify Payments' payments to (payments.gateways),
 * so the payout takes out of it exactly what the transfers put in.
 */
const account = z
  .string()
  .trim()
  .min(1, "Choose an account")
  .max(40, "Account numbers are at most 40 characters")
  .describe("Ledger account number or id");

export const PAYOUT_ACCOUNT_FIELDS = [
  "bankAccount",
  "feeAccount",
  "disputesAccount",
  "reservesAccount",
  "adjustmentsAccount",
] as const;

export const PayoutSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Book Shopify Payments payouts and their fees"),
    bankAccount: account.optional().describe("The bank account payouts arrive in"),
    feeAccount: account.optional().describe("Expense account for the card fees Shopify Payments keeps"),
    feeVatCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .nullable()
      .default(null)
      .describe(
        "VAT code on the fee line; none by default: Danish card-processing fees are VAT-exempt financial services",
      ),
    disputesAccount: account.optional().describe("Chargebacks, dispute fees and their reversals"),
    reservesAccount: account.optional().describe("Funds Shopify reserves or releases"),
    adjustmentsAccount: account.optional().describe("Every other adjustment Shopify makes"),
  })
  .superRefine((payouts, ctx) => {
    if (!payouts.enabled) return;
    for (const field of PAYOUT_ACCOUNT_FIELDS) {
      if (!payouts[field])
        ctx.addIssue({ code: "custom", path: [field], message: "Payouts are on: choose this account" });
    }
  })
  .prefault({});

export type PayoutSettings = z.output<typeof PayoutSettingsSchema>;

/** The gateway whose deposit account is the clearing account Shopify Payments payouts settle. */
export const SHOPIFY_PAYMENTS_GATEWAY = "shopify_payments";

/**
 * The accounts a payout is booked to, or the fields still missing (payouts off, or an account not
 * chosen yet).
 */
export function payoutAccountsFrom(settings: {
  payouts: PayoutSettings;
  payments: { defaultDepositAccount: string; gateways: Readonly<Record<string, string>> };
}): { ok: true; accounts: PayoutAccounts } | { ok: false; missing: string[] } {
  const p = settings.payouts;
  const missing = PAYOUT_ACCOUNT_FIELDS.filter((field) => !p[field]);
  if (missing.length > 0 || !p.bankAccount || !p.feeAccount || !p.disputesAccount)
    return { ok: false, missing: missing.map((f) => `payouts.${f}`) };
  return {
    ok: true,
    accounts: {
      clearing:
        settings.payments.gateways[SHOPIFY_PAYMENTS_GATEWAY] ?? settings.payments.defaultDepositAccount,
      bank: p.bankAccount,
      fees: p.feeAccount,
      disputes: p.disputesAccount,
      reserves: p.reservesAccount ?? "",
      adjustments: p.adjustmentsAccount ?? "",
      feeVatCode: p.feeVatCode,
    },
  };
}
