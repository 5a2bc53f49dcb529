import { z } from "zod";

/**
 * The ledger accounts the settings book on, with defaults from a Danish standard chart (see
 * settings-schema.ts). Accounts are plain strings: each ledger has its own chart.
 */

export const account = z
  .string()
  .trim()
  .min(1, "Choose an account")
  .max(40, "Account numbers are at most 40 characters")
  .describe("Ledger account number or id");

const optionalAccount = account.optional();

const revenueAccounts = z
  .strictObject({
    domestic: account.default("1000").describe("Domestic sales with VAT"),
    exempt: account.default("1050").describe("Zero-rated or VAT-exempt sales"),
    oss: optionalAccount.describe("EU distance sales to consumers under OSS (required when OSS is enabled)"),
    euReverseCharge: account
      .default("1100")
      .describe("EU sales to businesses with a VAT number (reverse charge)"),
    export: account.default("1255").describe("Sales outside the EU"),
    voec: optionalAccount.describe("Norway VOEC sales (required when VOEC is enabled)"),
  })
  .prefault({});

/** Account per VAT rate in percent ("19", "5.5"), for ledgers whose VAT follows the account. */
const ratedAccounts = z
  .record(
    z.string().regex(/^(?:100|[1-9]?\d)(?:\.\d{1,2})?$/, "Use a VAT rate in percent such as 19 or 5.5"),
    account,
  )
  .default({});

/** Overrides per VAT treatment; a missing entry falls back to the revenue account of that treatment. */
const treatmentOverrides = z.strictObject({
  domestic: optionalAccount,
  exempt: optionalAccount,
  oss: optionalAccount,
  euReverseCharge: optionalAccount,
  export: optionalAccount,
  voec: optionalAccount,
});

/** Where revenue, freight, fees, discounts, tips, refund adjustments and gift cards are booked. */
export const accountsSetting = z
  .strictObject({
    revenue: revenueAccounts,
    shipping: z
      .strictObject({
        domestic: account.default("1350").describe("Freight with VAT"),
        exempt: account.default("1300").describe("Freight without VAT"),
        oss: optionalAccount,
        euReverseCharge: account.default("1300"),
        export: account.default("1300"),
        voec: optionalAccount,
      })
      .prefault({})
      .describe("Freight accounts per VAT treatment; OSS and VOEC fall back to their revenue accounts"),
    fees: treatmentOverrides.prefault({}).describe("Fee accounts per VAT treatment"),
    discounts: treatmentOverrides.prefault({}).describe("Discount accounts per VAT treatment"),
    tips: account
      .default("1050")
      .describe("Tips the customer gave: outside VAT (no supply), booked without VAT on this account"),
    refundAdjustments: treatmentOverrides
      .prefault({})
      .describe(
        "Accounts for refund adjustments (goodwill, refunds for less than calculated, restocking fees) per VAT treatment; a missing one falls back to the account of what is credited",
      ),
    byRate: z
      .strictObject({
        oss: ratedAccounts.describe("OSS revenue account per destination VAT rate"),
        voec: ratedAccounts.describe("VOEC revenue account per Norwegian VAT rate"),
      })
      .prefault({})
      .describe(
        'Revenue accounts per VAT rate where the ledger takes VAT from the account (Dinero), e.g. {"oss": {"19": "1011", "7": "1012"}}; a rate without one uses the treatment\'s account',
      ),
    giftCardLiability: optionalAccount.describe(
      "Liability account for sold gift cards (no standard account exists; required once a gift card is sold or redeemed)",
    ),
  })
  .prefault({});
