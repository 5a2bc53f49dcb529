import { z } from "zod";
import { account, accountsSetting } from "./accounts-schema";
import { gatewayMap } from "./gateway-map-schema";
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

/** Gateway name → deposit account; any gateway name is allowed ("__proto__" too). */
const gatewayAccounts = gatewayMap(GATEWAY_ACCOUNTS_INPUT, account, {
  max: MAX_GATEWAYS,
  expected: "Expected gateway names with their accounts",
  tooMany: `At most ${MAX_GATEWAYS} payment gateways can have their own account`,
});

const percent = z
  .number()
  .min(0, "A VAT rate cannot be negative")
  .max(100, "A VAT rate is at most 100 %")
  .multipleOf(0.01, "A VAT rate has at most two decimals");

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
    accounts: accountsSetting,
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
