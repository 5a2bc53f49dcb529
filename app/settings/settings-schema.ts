import { z } from "zod";
import { EU_MEMBER_STATES } from "../domain/vat/vat-rates";
import { customerStrategiesSetting } from "./customer-strategy-schema";
import { openGatewaysSetting } from "./payment-terms-schema";
import { rulesSetting } from "./rules-schema";
import { PayoutSettingsSchema } from "./payout-settings-schema";
import { ProductSyncSettingsSchema } from "./product-sync-schema";

/**
 * Per-shop settings, version 1. Every field has a default that suits a Danish merchant on a
 * standard chart of accounts (Dinero's standard numbers: 1000 sales with VAT, 1050 sales without
 * VAT, 1100 EU goods to businesses, 1255 exports, 1350/1300 freight with/without VAT, 55000 bank),
 * so `{ version: 1 }` alone is a complete, valid configuration. Accounts are plain strings: each
 * ledger has its own chart and the settings page fills them from the ledger's own lists.
 *
 * Input is strict (unknown keys are errors: a typo must not silently fall back to a default).
 */

export const SETTINGS_VERSION = 1 as const;
/** Gateways with their own deposit account; a real shop has a handful. */
export const MAX_GATEWAYS = 200;
/** Home countries the VAT rules know (EU member states and Norway), as ISO 3166 codes. */
export const KNOWN_HOME_COUNTRIES: ReadonlySet<string> = new Set([...EU_MEMBER_STATES, "NO"]);

const account = z
  .string()
  .trim()
  .min(1, "Choose an account")
  .max(40, "Account numbers are at most 40 characters")
  .describe("Ledger account number or id");

const optionalAccount = account.optional();

/** What the settings document may hold under payments.gateways, for the JSON Schema. */
export const GATEWAY_ACCOUNTS_INPUT = z.unknown();
export const GATEWAY_ACCOUNTS_JSON_SCHEMA = {
  type: "object",
  maxProperties: MAX_GATEWAYS,
  propertyNames: { type: "string", minLength: 1, maxLength: 200 },
  additionalProperties: {
    type: "string",
    minLength: 1,
    maxLength: 40,
    description: "Ledger account number or id",
  },
} as const;

/**
 * Gateway name → deposit account. A gateway may be called anything a platform sends —
 * "constructor", "__proto__" and "toString" too — so this is not zod's record (which drops a
 * "__proto__" key) and the result has no prototype: a lookup finds only what the merchant set.
 */
const gatewayAccounts = GATEWAY_ACCOUNTS_INPUT.transform((value, ctx): Readonly<Record<string, string>> => {
  const result = Object.create(null) as Record<string, string>;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.issues.push({ code: "custom", message: "Expected gateway names with their accounts", input: value });
    return z.NEVER;
  }
  const names = Object.keys(value);
  if (names.length > MAX_GATEWAYS) {
    ctx.issues.push({
      code: "custom",
      message: `At most ${MAX_GATEWAYS} payment gateways can have their own account`,
      input: value,
    });
    return z.NEVER;
  }
  for (const name of names) {
    if (name.length === 0 || name.length > 200) {
      ctx.issues.push({
        code: "custom",
        message: "A gateway name has 1 to 200 characters",
        path: [name],
        input: name,
      });
      continue;
    }
    const parsed = account.safeParse((value as Record<string, unknown>)[name]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ code: "custom", message: issue.message, path: [name], input: issue.input });
      }
      continue;
    }
    result[name] = parsed.data;
  }
  return result;
});

const percent = z
  .number()
  .min(0, "A VAT rate cannot be negative")
  .max(100, "A VAT rate is at most 100 %")
  .multipleOf(0.01, "A VAT rate has at most two decimals");

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

export const ShopSettingsSchema = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION),
    homeCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, "Use a two-letter country code such as DK")
      .refine(
        (code) => !/^[A-Z]{2}$/.test(code) || KNOWN_HOME_COUNTRIES.has(code),
        "Choose a country Ledger Bridge knows VAT rates for: an EU member state or NO",
      )
      .default("DK")
      .describe("Where the merchant is VAT registered"),
    documentCurrency: z
      .enum(["presentment", "shop"])
      .default("presentment")
      .describe("Invoice in the currency the customer paid in (presentment) or the shop's currency"),
    vat: z
      .strictObject({
        domesticRate: percent.default(25).describe("Home-country VAT rate in percent"),
        oss: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe("Registered for OSS: EU consumer sales carry the destination country's VAT"),
          })
          .prefault({}),
        voec: z
          .strictObject({
            enabled: z.boolean().default(false).describe("Registered for Norway's VOEC scheme"),
          })
          .prefault({}),
      })
      .prefault({}),
    accounts: z
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
      .prefault({}),
    lines: z
      .strictObject({
        discounts: z
          .enum(["separateLines", "reducedPrices"])
          .default("separateLines")
          .describe("Show discounts as their own lines or reduce the item prices"),
        shippingAsLine: z
          .boolean()
          .default(true)
          .describe("Shipping as its own line; when false it is spread over the item lines"),
        includeFreeShipping: z.boolean().default(false).describe("Keep a 0.00 shipping line on the invoice"),
        tipFeeNames: z
          .array(z.string().trim().min(1).max(100))
          .max(20)
          .default(["Tip", "Tips", "Drikkepenge"])
          .describe(
            "WooCommerce fee names a tip plugin uses; such a fee without tax is booked as a VAT-free tip",
          ),
      })
      .prefault({}),
    texts: z
      .strictObject({
        header: z.string().max(250).default("Ordre {orderName}"),
        comment: z.string().max(1000).default("{source}-ordre {orderName}"),
        creditNoteHeader: z.string().max(250).default("Kreditnota for ordre {orderName}"),
        creditNoteComment: z.string().max(1000).default("Refusion {refundId} af {source}-ordre {orderName}"),
        shipping: z.string().min(1).max(100).default("Fragt"),
        discount: z.string().min(1).max(100).default("Rabat"),
        giftCard: z.string().min(1).max(100).default("Gavekort"),
        fee: z.string().min(1).max(100).default("Gebyr"),
        rounding: z.string().min(1).max(100).default("Øreafrunding"),
        refundAdjustment: z.string().min(1).max(100).default("Refusionsregulering"),
        restockingFee: z.string().min(1).max(100).default("Returgebyr"),
      })
      .prefault({})
      .describe("Texts; {orderName}, {orderNumber}, {source} and {refundId} are replaced"),
    orderNumberPrefix: z.string().max(20).default("").describe("Put in front of the order number in texts"),
    numbering: z
      .enum(["ledger", "orderNumber"])
      .default("ledger")
      .describe("Use the ledger's own numbering or lock the invoice number to the order number"),
    issueDate: z.enum(["paid", "created", "fulfilled"]).default("paid"),
    paymentTermsDays: z.int().min(0).max(365).default(0),
    customers: z
      .strictObject({
        matchBy: z
          .enum(["email", "phone", "vatNumber", "reference"])
          .default("email")
          .describe(
            "The field that finds an existing ledger customer; the shop's customer id is only a hint",
          ),
        companyChange: z
          .enum(["create", "update"])
          .default("create")
          .describe(
            "When the match finds a contact that is another buyer (a private person, or another company name or VAT number): create a new contact, or update the found one",
          ),
        byType: customerStrategiesSetting,
      })
      .prefault({}),
    payments: z
      .strictObject({
        register: z.boolean().default(true).describe("Register the order's payments on the invoice"),
        defaultDepositAccount: account.default("55000"),
        gateways: gatewayAccounts
          .prefault({})
          .describe(
            'Deposit account per gateway, e.g. {"shopify_payments": "55010"}; gift_card defaults to the gift-card liability account',
          ),
        openGateways: openGatewaysSetting,
      })
      .prefault({}),
    transfer: z
      .strictObject({
        trigger: z
          .enum(["paid", "fulfilled", "statuses", "manual"])
          .default("paid")
          .describe(
            "When an order is transferred: when paid, when fulfilled, on selected statuses (WooCommerce), or only by hand",
          ),
        statuses: z
          .array(z.string().min(1).max(40))
          .default(["processing", "completed"])
          .describe("WooCommerce order statuses that transfer the order when trigger is 'statuses'"),
        book: z
          .boolean()
          .default(true)
          .describe("Book invoices and credit notes, or leave them as drafts for the bookkeeper"),
        email: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe("E-mail the booked invoice to the customer from the ledger"),
            body: z.string().max(2000).default("Tak for din ordre {orderName}. Fakturaen er vedhæftet."),
          })
          .prefault({}),
        products: z
          .enum(["bySku", "none"])
          .default("bySku")
          .describe("Create or find ledger products by SKU, or book item lines without products"),
        updateProducts: z
          .boolean()
          .default(false)
          .describe("Update an existing product's name and price from the latest order"),
        skipTestOrders: z
          .boolean()
          .default(true)
          .describe("Never transfer Shopify test orders automatically"),
      })
      .prefault({}),
    rules: rulesSetting,
    rounding: z
      .strictObject({
        account: account.default("1050").describe("A VAT-free account for øre differences"),
        toleranceMinorUnits: z
          .int()
          .min(0)
          .max(10_000)
          .default(50)
          .describe(
            "Largest difference (minor units) booked as a rounding line; beyond it the transfer stops",
          ),
      })
      .prefault({}),
    payouts: PayoutSettingsSchema.describe("Shopify Payments payouts booked in the ledger (issue 19)"),
    products: ProductSyncSettingsSchema.describe("Shop products kept in the ledger (issue 18)"),
  })
  .superRefine((settings, ctx) => {
    if (settings.vat.oss.enabled && !settings.accounts.revenue.oss) {
      ctx.addIssue({
        code: "custom",
        path: ["accounts", "revenue", "oss"],
        message: "OSS is enabled: choose the account for EU consumer sales",
      });
    }
    if (settings.vat.voec.enabled && !settings.accounts.revenue.voec) {
      ctx.addIssue({
        code: "custom",
        path: ["accounts", "revenue", "voec"],
        message: "VOEC is enabled: choose the account for Norwegian VOEC sales",
      });
    }
  });

export type ShopSettings = z.output<typeof ShopSettingsSchema>;
export type ShopSettingsInput = z.input<typeof ShopSettingsSchema>;

/** The complete default settings. */
export function defaultSettings(): ShopSettings {
  return ShopSettingsSchema.parse({ version: SETTINGS_VERSION });
}
