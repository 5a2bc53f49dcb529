import { DraftError } from "../../domain/draft-errors";
import { formatScaled } from "../../domain/decimal";
import { exponentOf, parseMinor, type CurrencyCode } from "../../domain/money";
import { sourceAmount, sourceCurrency } from "../source-money";
import type { RestMoneySet } from "./shopify-rest-schemas";

export type DocumentCurrencyMode = "presentment" | "shop";

/**
 * Which of Shopify's two money sets the document is in. Every REST amount has a `*_set` twin
 * with shop and presentment money; GraphQL has `shopMoney`/`presentmentMoney`.
 */
export class ShopifyMoney {
  readonly document: CurrencyCode;

  constructor(
    readonly mode: DocumentCurrencyMode,
    readonly shop: CurrencyCode,
    readonly presentment: CurrencyCode,
  ) {
    this.document = mode === "presentment" ? presentment : shop;
  }

  static fromCodes(
    mode: DocumentCurrencyMode,
    shop: string | null | undefined,
    presentment: string | null | undefined,
    fields: { shop: string; presentment: string },
  ) {
    const shopCode = sourceCurrency(shop, fields.shop);
    const presentmentCode = presentment ? sourceCurrency(presentment, fields.presentment) : shopCode;
    return new ShopifyMoney(mode, shopCode, presentmentCode);
  }

  /** A REST amount: from its `*_set` in the document currency, else the plain (shop) field. */
  rest(plain: string | number | null | undefined, set: RestMoneySet, field: string): number {
    if (set) {
      const chosen = this.mode === "presentment" ? set.presentment_money : set.shop_money;
      const code = chosen.currency_code ?? chosen.currency;
      if (code && code.toUpperCase() !== this.document) {
        throw new DraftError(
          "invalidInput",
          `${field}_set`,
          `expected ${this.document} but the payload says ${code}`,
        );
      }
      return sourceAmount(chosen.amount, this.document, `${field}_set`);
    }
    if (this.document !== this.shop) {
      throw new DraftError(
        "invalidInput",
        `${field}_set`,
        `the amount in ${this.document} (the customer's currency) is missing; only the shop currency is present`,
      );
    }
    return sourceAmount(plain, this.shop, field);
  }

  /** Like `rest`, but 0 when the field is absent altogether. */
  restOptional(plain: string | number | null | undefined, set: RestMoneySet, field: string): number {
    if (!set && (plain === null || plain === undefined || plain === "")) return 0;
    return this.rest(plain, set, field);
  }

  /** A GraphQL MoneyBag. */
  bag(bag: GraphqlMoneyBag | null | undefined, field: string): number {
    if (!bag) throw new DraftError("invalidInput", field, "the amount is missing");
    const chosen = this.mode === "presentment" ? bag.presentmentMoney : bag.shopMoney;
    if (!chosen) throw new DraftError("invalidInput", field, `the ${this.mode} amount is missing`);
    if (chosen.currencyCode && chosen.currencyCode.toUpperCase() !== this.document) {
      throw new DraftError(
        "invalidInput",
        field,
        `expected ${this.document} but the payload says ${chosen.currencyCode}`,
      );
    }
    return sourceAmount(chosen.amount, this.document, field);
  }

  /**
   * Shopify's own rate between the two currencies, from the order total it states in both; only
   * when the customer paid in another currency than the shop's.
   */
  exchangeRate(shopTotal: string | number | undefined, presentmentTotal: string | number | undefined) {
    if (this.shop === this.presentment || shopTotal === undefined || presentmentTotal === undefined) {
      return undefined;
    }
    const shop = parseMinor(shopTotal, this.shop);
    const presentment = parseMinor(presentmentTotal, this.presentment);
    if (shop <= 0 || presentment <= 0) return undefined;
    // rate = (shop / 10^eShop) / (presentment / 10^ePresentment), to six decimals, half up.
    const numerator = BigInt(shop) * 10n ** BigInt(exponentOf(this.presentment) + 6);
    const denominator = BigInt(presentment) * 10n ** BigInt(exponentOf(this.shop));
    const micro = Number((2n * numerator + denominator) / (2n * denominator));
    return { from: this.presentment, to: this.shop, rate: formatScaled(micro, 6) };
  }

  bagOptional(bag: GraphqlMoneyBag | null | undefined, field: string): number {
    return bag ? this.bag(bag, field) : 0;
  }
}

export interface GraphqlMoneyBag {
  shopMoney?: { amount: string | number; currencyCode?: string | null | undefined } | null | undefined;
  presentmentMoney?: { amount: string | number; currencyCode?: string | null | undefined } | null | undefined;
}
