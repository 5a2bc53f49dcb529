import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDraftError } from "../../app/domain/draft-errors";
import { currency } from "../../app/domain/money";
import { previewDocument, resolveSettings, type PreviewSource } from "../../app/domain/preview";
import { mapShopifyOrder } from "../../app/sources/shopify/map-shopify-order";
import { mapShopifyRefund } from "../../app/sources/shopify/map-shopify-refund";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import { ShopifyMoney } from "../../app/sources/shopify/shopify-money";
import { mapWooCommerceOrder } from "../../app/sources/woocommerce/map-woocommerce-order";
import { mapWooCommerceRefund } from "../../app/sources/woocommerce/map-woocommerce-refund";

/**
 * One golden file per real (and synthetic) fixture: the canonical model the mapper produces and
 * the document the preview prints — or the error that stops the transfer, for samples whose data
 * a Danish ledger cannot book (US sales tax). Review a diff in these files like code.
 * Regenerate after an intended change with `npx vitest run test/golden -u`.
 */

const text = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const json = (path: string) => parseJsonSafely(text(path));
const SHOP = "golden.myshopify.com";

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (isDraftError(error))
      return { error: { code: error.code, field: error.field, message: error.message } };
    throw error;
  }
}

interface Case {
  name: string;
  source: PreviewSource;
  order: string;
  refund?: string;
  settings?: string | Record<string, unknown>;
}

const cases: Case[] = [
  { name: "shopify-orders-paid-sample", source: "shopify", order: "shopify/orders-paid.sample.json" },
  { name: "shopify-order-with-refund", source: "shopify", order: "shopify/order-with-refund.fixture.json" },
  {
    name: "shopify-refund-line-items",
    source: "shopify",
    order: "shopify/order-with-refund.fixture.json",
    refund: "shopify/refund-line-items.fixture.json",
  },
  {
    name: "shopify-refund-shipping-only",
    source: "shopify",
    order: "shopify/order-with-refund.fixture.json",
    refund: "shopify/refund-shipping-only.fixture.json",
  },
  {
    name: "shopify-dk-taxes-included",
    source: "shopify",
    order: "shopify/order-dk-taxes-included.synthetic.json",
    settings: "shopify/settings-gift-cards.json",
  },
  {
    name: "shopify-dk-taxes-included-refund",
    source: "shopify",
    order: "shopify/order-dk-taxes-included.synthetic.json",
    refund: "shopify/refund-dk-taxes-included.synthetic.json",
    settings: "shopify/settings-gift-cards.json",
  },
  {
    name: "shopify-graphql-eur-oss",
    source: "shopify",
    order: "shopify/order-graphql-eur-oss.synthetic.json",
    settings: "shopify/settings-oss-gift-cards.json",
  },
  {
    name: "shopify-graphql-eur-oss-shop-currency",
    source: "shopify",
    order: "shopify/order-graphql-eur-oss.synthetic.json",
    settings: {
      version: 1,
      documentCurrency: "shop",
      vat: { oss: { enabled: true } },
      accounts: { revenue: { oss: "1015" }, giftCardLiability: "6750" },
    },
  },
  {
    name: "shopify-graphql-eur-oss-refund",
    source: "shopify",
    order: "shopify/order-graphql-eur-oss.synthetic.json",
    refund: "shopify/refund-graphql-eur-oss.synthetic.json",
    settings: "shopify/settings-oss-gift-cards.json",
  },
  { name: "woocommerce-order-727", source: "woocommerce", order: "woocommerce/order-727.docs.json" },
  {
    name: "woocommerce-order-with-coupon",
    source: "woocommerce",
    order: "woocommerce/order-with-coupon.wc334.json",
  },
  {
    name: "woocommerce-dk-incl-vat",
    source: "woocommerce",
    order: "woocommerce/order-dk-incl-vat.synthetic.json",
  },
  {
    name: "woocommerce-dk-incl-vat-reduced-prices",
    source: "woocommerce",
    order: "woocommerce/order-dk-incl-vat.synthetic.json",
    settings: { version: 1, lines: { discounts: "reducedPrices" } },
  },
  {
    name: "woocommerce-dk-refund",
    source: "woocommerce",
    order: "woocommerce/order-dk-incl-vat.synthetic.json",
    refund: "woocommerce/refund-dk.synthetic.json",
  },
  // Refund 726 belongs to order 723 (not among the samples): the builder must refuse to credit it against another order.
  {
    name: "woocommerce-refund-726-wrong-order",
    source: "woocommerce",
    order: "woocommerce/order-dk-incl-vat.synthetic.json",
    refund: "woocommerce/refund-726.docs.json",
  },
];

function canonical(c: Case): unknown {
  const settings = resolveSettings(
    typeof c.settings === "string" ? JSON.parse(text(c.settings)) : c.settings,
  );
  if (c.source === "shopify") {
    const order = mapShopifyOrder(text(c.order), { documentCurrency: settings.documentCurrency });
    if (!c.refund) return order;
    const money = new ShopifyMoney(settings.documentCurrency, order.shopCurrency, order.presentmentCurrency);
    return mapShopifyRefund(json(c.refund), { money, pricesIncludeTax: order.pricesIncludeTax });
  }
  const order = mapWooCommerceOrder(text(c.order));
  if (!c.refund) return order;
  return mapWooCommerceRefund(json(c.refund), {
    currency: order.currency,
    pricesIncludeTax: order.pricesIncludeTax,
    gateway: order.paymentGateways[0] ?? "",
  });
}

describe("golden documents per fixture", () => {
  it.each(cases)("$name", async (c) => {
    const document = attempt(() =>
      previewDocument({
        source: c.source,
        order: text(c.order),
        ...(c.refund ? { refund: text(c.refund) } : {}),
        ...(c.settings
          ? { settings: typeof c.settings === "string" ? JSON.parse(text(c.settings)) : c.settings }
          : {}),
        shop: SHOP,
      }),
    );
    const golden = {
      fixture: { order: c.order, refund: c.refund, settings: c.settings },
      canonical: attempt(() => canonical(c)),
      document,
    };
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`./__golden__/${c.name}.json`);
  });

  it("maps both refunds of the docs list for order 723", () => {
    const list = json("woocommerce/order-723-refunds.docs.json") as unknown[];
    const refunds = list.map((r) =>
      mapWooCommerceRefund(r, { currency: currency("USD"), pricesIncludeTax: false }),
    );
    expect(refunds.map((r) => [r.id, r.orderId, r.statedTotal, r.lines.length])).toEqual([
      ["726", "723", 1000, 0],
      ["724", "723", 900, 1],
    ]);
  });
});
