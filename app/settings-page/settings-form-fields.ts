import { PAYOUT_FORM_FIELDS } from "./payout-form-fields";

/**
 * Every field of the settings page, grouped in sections, each named by its dotted path in the
 * settings document (app/settings/settings-schema.ts). The page renders from this list and
 * settings-form.ts maps between the document and the form with it, so a field cannot be shown
 * without being saved, or saved under another name.
 */

import { CUSTOMER_TYPES, type CustomerType } from "../settings/customer-strategy-schema";

export type FieldControl = "text" | "multiline" | "number" | "checkbox" | "select" | "account";

/** Which of the ledger's lists fills an account dropdown. */
export type AccountList = "sales" | "deposit";

export interface FieldSpec {
  name: string;
  control: FieldControl;
  /** The stored value's type (checkbox and "true"/"false" selects are booleans). */
  value: "string" | "number" | "boolean" | "list" | "rateAccounts";
  /** Select choices, as stored. */
  options?: readonly string[];
  accountList?: AccountList;
  /** Empty means "not set" (the schema's optional fields). */
  optional?: boolean;
}

const account = (name: string, optional = false, list: AccountList = "sales"): FieldSpec => ({
  name,
  control: "account",
  value: "string",
  accountList: list,
  ...(optional ? { optional } : {}),
});
const select = (name: string, options: readonly string[]): FieldSpec => ({
  name,
  control: "select",
  value: "string",
  options,
});
const checkbox = (name: string): FieldSpec => ({ name, control: "checkbox", value: "boolean" });
const text = (name: string, control: "text" | "multiline" = "text"): FieldSpec => ({
  name,
  control,
  value: "string",
});
/** Accounts per VAT rate, typed as "19 = 1011, 7 = 1012" (the rate in percent, then the account). */
const rateAccounts = (name: string): FieldSpec => ({ name, control: "text", value: "rateAccounts" });
const number = (name: string): FieldSpec => ({ name, control: "number", value: "number" });

const TREATMENTS = ["domestic", "exempt", "euReverseCharge", "export"] as const;

/** Customer strategy per customer type (#18); an empty "find by" is the general setting. */
const customerTypeFields = (type: CustomerType): FieldSpec[] => [
  select(`customers.byType.${type}.mode`, ["match", "single"]),
  {
    ...select(`customers.byType.${type}.matchBy`, ["", "email", "phone", "vatNumber", "reference"]),
    optional: true,
  },
  { ...text(`customers.byType.${type}.name`), optional: true },
  { ...text(`customers.byType.${type}.ledgerCustomerId`), optional: true },
];

export const SETTINGS_SECTIONS = [
  {
    id: "transfer",
    fields: [
      select("transfer.trigger", ["paid", "fulfilled", "statuses", "manual"]),
      { name: "transfer.statuses", control: "text", value: "list" },
      checkbox("transfer.skipTestOrders"),
      select("issueDate", ["paid", "created", "fulfilled"]),
    ],
  },
  {
    id: "booking",
    fields: [
      { name: "transfer.book", control: "select", value: "boolean", options: ["true", "false"] },
      select("numbering", ["ledger", "orderNumber"]),
      text("orderNumberPrefix"),
      number("paymentTermsDays"),
      select("documentCurrency", ["presentment", "shop"]),
    ],
  },
  {
    id: "accounts",
    fields: [
      ...TREATMENTS.map((t) => account(`accounts.revenue.${t}`)),
      ...TREATMENTS.map((t) => account(`accounts.shipping.${t}`)),
      // No ledger lists liability accounts, so this one is typed.
      { name: "accounts.giftCardLiability", control: "text", value: "string", optional: true },
      account("accounts.tips"),
    ],
  },
  {
    id: "vat",
    fields: [
      text("homeCountry"),
      number("vat.domesticRate"),
      checkbox("vat.oss.enabled"),
      account("accounts.revenue.oss", true),
      account("accounts.shipping.oss", true),
      rateAccounts("accounts.byRate.oss"),
      checkbox("vat.voec.enabled"),
      account("accounts.revenue.voec", true),
      account("accounts.shipping.voec", true),
      rateAccounts("accounts.byRate.voec"),
    ],
  },
  {
    id: "overrides",
    fields: [
      ...[...TREATMENTS, "oss", "voec"].map((t) => account(`accounts.fees.${t}`, true)),
      ...[...TREATMENTS, "oss", "voec"].map((t) => account(`accounts.discounts.${t}`, true)),
      ...[...TREATMENTS, "oss", "voec"].map((t) => account(`accounts.refundAdjustments.${t}`, true)),
    ],
  },
  {
    id: "payments",
    fields: [checkbox("payments.register"), account("payments.defaultDepositAccount", false, "deposit")],
  },
  {
    id: "customers",
    fields: [
      select("customers.matchBy", ["email", "phone", "vatNumber", "reference"]),
      select("customers.companyChange", ["create", "update"]),
      ...CUSTOMER_TYPES.flatMap(customerTypeFields),
    ],
  },
  {
    id: "lines",
    fields: [
      select("lines.discounts", ["separateLines", "reducedPrices"]),
      checkbox("lines.shippingAsLine"),
      checkbox("lines.includeFreeShipping"),
      { name: "lines.tipFeeNames", control: "text", value: "list" },
      text("texts.header"),
      text("texts.comment", "multiline"),
      text("texts.creditNoteHeader"),
      text("texts.creditNoteComment", "multiline"),
      text("texts.shipping"),
      text("texts.discount"),
      text("texts.giftCard"),
      text("texts.fee"),
      text("texts.rounding"),
      text("texts.refundAdjustment"),
      text("texts.restockingFee"),
    ],
  },
  {
    id: "products",
    fields: [select("transfer.products", ["bySku", "none"]), checkbox("transfer.updateProducts")],
  },
  {
    id: "email",
    fields: [checkbox("transfer.email.enabled"), text("transfer.email.body", "multiline")],
  },
  {
    id: "rounding",
    fields: [number("rounding.toleranceMinorUnits"), account("rounding.account")],
  },
  { id: "payouts", fields: PAYOUT_FORM_FIELDS },
] as const satisfies ReadonlyArray<{ id: string; fields: readonly FieldSpec[] }>;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]["id"];

export const SETTINGS_FIELDS: readonly FieldSpec[] = SETTINGS_SECTIONS.flatMap((s) => s.fields);

/** Payment gateway → deposit account rows are named `payments.gateways.<row>.gateway|account`. */
export const GATEWAYS_FIELD = "payments.gateways";
