import type { LedgerOption } from "../ledgers/ledger-contract";
import { defaultSettings, type ShopSettings } from "../settings/settings-schema";

/**
 * Working first settings for a freshly connected ledger. The default settings name Dinero's
 * standard chart of accounts; other ledgers number (or identify) accounts differently, so every
 * account is chosen from the ledger's own lists by what its name says — Danish and English
 * wording alike — falling back to the nearest sensible account. The merchant reviews the result
 * on the settings page; the point is that the first transfer does not fail on an unknown account.
 */

export interface LedgerLists {
  salesAccounts: LedgerOption[];
  depositAccounts: LedgerOption[];
}

const WITH_VAT = /m\/moms|med moms|momspligtig|indland|\b[US]25\b|with vat|domestic/i;
const WITHOUT_VAT = /u\/moms|uden moms|momsfri|no vat|without vat|exempt|zero[- ]rated/i;
const SHIPPING = /fragt|freight|shipping|forsendelse|porto/i;
const NOT_GOODS =
  /fragt|freight|shipping|gebyr|fee|valuta|currency|rabat|discount|afrunding|øredifferen|rounding/i;
const EU = /\bEU\b|european union/i;
const OUTSIDE_EU = /uden for eu|udland|outside the eu|non-eu|export|eksport|world/i;
const ROUNDING = /øreafrunding|øredifferen|afrunding|rounding/i;
const TIPS = /drikkepenge|\btips?\b|gratuit/i;
const GIFT_CARD = /gavekort|gift ?card/i;
const BANK = /\bbank/i;
/** A VAT rate in an account's name: "OSS 19 %", "Salg OSS 5,5%", "VOEC 15 pct". */
const RATE = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|pct\b|procent\b|percent\b)/i;

/**
 * Accounts whose names say both the treatment and a rate ("OSS 7 %"), by that rate in percent
 * as the settings key it ("7", "5.5"); the first account per rate wins.
 */
function accountsByRate(sales: readonly LedgerOption[], treatment: RegExp): Record<string, string> {
  const byRate: Record<string, string> = {};
  for (const option of sales) {
    if (!treatment.test(option.label)) continue;
    const rate = RATE.exec(option.label)?.[1]?.replace(",", ".");
    if (rate === undefined) continue;
    const key = String(Number(rate));
    byRate[key] ??= option.id;
  }
  return byRate;
}

/** Gateways whose clearing accounts are often kept apart, keyed as the shop reports them. */
const GATEWAY_ACCOUNTS: ReadonlyArray<[gateway: string, pattern: RegExp]> = [
  ["shopify_payments", /shopify payments/i],
  ["mobilepay", /mobilepay/i],
  ["paypal", /paypal/i],
  ["stripe", /stripe/i],
];

export function proposeSettings(lists: LedgerLists, base: ShopSettings = defaultSettings()): ShopSettings {
  const sales = lists.salesAccounts;
  const first = (options: LedgerOption[], include: RegExp, exclude?: RegExp) =>
    options.find((o) => include.test(o.label) && !(exclude && exclude.test(o.label)))?.id;

  const domestic = first(sales, WITH_VAT, NOT_GOODS) ?? sales[0]?.id ?? base.accounts.revenue.domestic;
  const exempt = first(sales, WITHOUT_VAT, NOT_GOODS) ?? domestic;
  const euReverseCharge =
    first(sales, EU, new RegExp(`${OUTSIDE_EU.source}|${NOT_GOODS.source}`, "i")) ?? exempt;
  const exportAccount = first(sales, OUTSIDE_EU, NOT_GOODS) ?? exempt;
  // The treatment's own account is one that names no rate; per-rate accounts name theirs.
  const oss = first(sales, /\bOSS\b/, RATE) ?? first(sales, /\bOSS\b/);
  const voec = first(sales, /\bVOEC\b/, RATE) ?? first(sales, /\bVOEC\b/);
  const shippingWithVat = sales.find((o) => SHIPPING.test(o.label) && !WITHOUT_VAT.test(o.label))?.id;
  const shippingWithoutVat = sales.find((o) => SHIPPING.test(o.label) && WITHOUT_VAT.test(o.label))?.id;

  const deposit = lists.depositAccounts;
  const defaultDeposit = first(deposit, BANK, /EUR|USD|valuta/i) ?? deposit[0]?.id;
  const gateways: Record<string, string> = {};
  for (const [gateway, pattern] of GATEWAY_ACCOUNTS) {
    const account = first(deposit, pattern);
    if (account) gateways[gateway] = account;
  }
  const giftCardLiability = first([...deposit, ...sales], GIFT_CARD);

  return {
    ...base,
    accounts: {
      ...base.accounts,
      revenue: {
        domestic,
        exempt,
        euReverseCharge,
        export: exportAccount,
        ...(oss ? { oss } : {}),
        ...(voec ? { voec } : {}),
      },
      shipping: {
        domestic: shippingWithVat ?? domestic,
        exempt: shippingWithoutVat ?? exempt,
        euReverseCharge: shippingWithoutVat ?? euReverseCharge,
        export: shippingWithoutVat ?? exportAccount,
      },
      fees: {},
      discounts: {},
      // Tips carry no VAT: a tips account from the chart, else the one for sales without VAT.
      tips: first(sales, TIPS) ?? exempt,
      ...(giftCardLiability ? { giftCardLiability } : {}),
      byRate: { oss: accountsByRate(sales, /\bOSS\b/), voec: accountsByRate(sales, /\bVOEC\b/) },
    },
    payments: {
      ...base.payments,
      ...(defaultDeposit ? { defaultDepositAccount: defaultDeposit } : {}),
      gateways,
    },
    rounding: { ...base.rounding, account: first(sales, ROUNDING) ?? exempt },
  };
}
