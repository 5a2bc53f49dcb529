import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { buildInvoice } from "./build-invoice";
import { DraftError } from "./draft-errors";
import type { DraftLine } from "./invoice-draft";
import { currency } from "./money";
import type { Order } from "./order";
import { inclusiveTax, line, order, shipping, tax } from "./order-factory.test-support";

function settings(overrides: Record<string, unknown> = {}): ShopSettings {
  const result = parseSettings({ version: 1, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings;
}

const shop = "kaffe.myshopify.com";
const build = (o: Order, s: ShopSettings = settings()) => buildInvoice({ order: o, settings: s, shop }).draft;
const brief = (lines: DraftLine[]) =>
  lines.map((l) => [l.kind, l.quantity, l.unitNet, l.vatRate, l.net, l.vat, l.gross, l.account]);

describe("buildInvoice — Danish domestic sale, prices incl. VAT", () => {
  it("books items, shipping and totals equal to the order total", () => {
    const draft = build(
      order({
        lines: [line({ id: "1", subtotal: 25_000, quantity: 2, sku: "KOP" })],
        shippingLines: [shipping(4900)],
      }),
    );
    expect(brief(draft.lines)).toEqual([
      ["item", 2, 10_000, 2500, 20_000, 5000, 25_000, "1000"],
      ["shipping", 1, 3920, 2500, 3920, 980, 4900, "1350"],
    ]);
    expect(draft.totals).toEqual({ net: 23_920, vat: 5980, gross: 29_900 });
    expect(draft.vatByRate).toEqual([{ vatRate: 2500, net: 23_920, vat: 5980 }]);
    expect(draft.pricesIncludeVat).toBe(true);
    expect(draft.lines[0]).toMatchObject({ sku: "KOP", sourceLineId: "1", vatTreatment: "domestic" });
  });

  it("splits a line whose net does not divide by its quantity, keeping quantity × unitNet = net", () => {
    const draft = build(order({ lines: [line({ id: "1", subtotal: 12_500, quantity: 3 })] }));
    // The shop charged 25.00 VAT on 125.00 (net 100.00). The even split 2 × 33.33 + 33.34 would
    // carry 16.67 + 8.34 = 25.01 and need a VAT-free −0.01; 2 × 33.32 + 33.36 carries
    // 16.66 + 8.34 = 25.00, each line's VAT being its net × 25 % as a ledger rounds it.
    expect(brief(draft.lines)).toEqual([
      ["item", 2, 3332, 2500, 6664, 1666, 8330, "1000"],
      ["item", 1, 3336, 2500, 3336, 834, 4170, "1000"],
    ]);
    expect(draft.vatByRate).toEqual([{ vatRate: 2500, net: 10_000, vat: 2500 }]);
    expect(draft.totals.gross).toBe(12_500);
    for (const l of draft.lines) expect(l.quantity * l.unitNet).toBe(l.net);
  });

  it("books a zero-rated line in a domestic order on the exempt account", () => {
    const draft = build(
      order({ lines: [line({ id: "1", subtotal: 10_000 }), line({ id: "2", subtotal: 5000, rate: 0 })] }),
    );
    expect(brief(draft.lines)).toContainEqual(["item", 1, 5000, 0, 5000, 0, 5000, "1050"]);
    expect(draft.lines[1]?.vatTreatment).toBe("exempt");
  });
});

describe("buildInvoice — discounts", () => {
  const discounted = () =>
    order({
      lines: [
        line({ id: "1", subtotal: 25_000, quantity: 2, discounts: [{ amount: 2500, code: "SOMMER10" }] }),
        line({ id: "2", subtotal: 39_995, discounts: [{ amount: 4000, code: "SOMMER10" }] }),
      ],
    });

  it("as separate lines: one line per code and rate, items at full price", () => {
    const draft = build(discounted());
    expect(brief(draft.lines)).toEqual([
      ["item", 2, 10_000, 2500, 20_000, 5000, 25_000, "1000"],
      ["item", 1, 31_996, 2500, 31_996, 7999, 39_995, "1000"],
      ["discount", 1, -5200, 2500, -5200, -1300, -6500, "1000"],
    ]);
    expect(draft.lines[2]).toMatchObject({ description: "Rabat SOMMER10", discountCode: "SOMMER10" });
  });

  it("as reduced prices: the items carry the discount", () => {
    const draft = build(discounted(), settings({ lines: { discounts: "reducedPrices" } }));
    expect(brief(draft.lines)).toEqual([
      ["item", 2, 9000, 2500, 18_000, 4500, 22_500, "1000"],
      ["item", 1, 28_796, 2500, 28_796, 7199, 35_995, "1000"],
    ]);
    expect(draft.totals.gross).toBe(58_495);
  });

  it("allocates an unallocated order-level discount across VAT rates without losing an øre", () => {
    const o = order({
      lines: [line({ id: "1", subtotal: 10_000 }), line({ id: "2", subtotal: 5001, rate: 0 })],
      orderDiscounts: [{ amount: 1001, title: "" }],
    });
    // The shop's tax after the discount on the 25 % item (share 667 of 1001).
    o.lines[0]!.taxLines = [tax(2500, inclusiveTax(10_000 - 667, 2500))];
    o.totals.tax = inclusiveTax(10_000 - 667, 2500);
    const draft = build(o);
    const discounts = draft.lines.filter((l) => l.kind === "discount");
    // 1001 split 10 000 : 5 001 → 667 + 334. The shop's 25 % tax is 93.33 − 74.66 = 18.67; the
    // item at full price carries 20.00, so the discount's VAT is 18.67 − 20.00 = −1.33 (net
    // −5.34, gross −6.67): the rate's VAT is the shop's, with no VAT-free rounding line. −5.34 ×
    // 25 % rounds to −1.34 in a ledger, so the discount is booked as two lines whose per-line
    // VAT adds up to −1.33.
    const at25 = discounts.filter((l) => l.vatRate === 2500);
    expect(at25.length).toBe(2);
    expect(at25.reduce((a, l) => [a[0]! + l.net, a[1]! + l.vat, a[2]! + l.gross], [0, 0, 0])).toEqual([
      -534, -133, -667,
    ]);
    for (const l of at25) expect(l.vat).toBe(Math.sign(l.net) * Math.round(Math.abs(l.net) / 4));
    expect(discounts.filter((l) => l.vatRate === 0).map((l) => [l.net, l.vat, l.gross])).toEqual([
      [-334, 0, -334],
    ]);
    expect(draft.lines.some((l) => l.kind === "rounding")).toBe(false);
    expect(draft.vatByRate.find((b) => b.vatRate === 2500)?.vat).toBe(1867);
    expect(draft.totals.gross).toBe(15_001 - 1001);
  });

  it("shipping discounts become their own discount line", () => {
    const o = order({
      shippingLines: [
        { ...shipping(4900), discounts: [{ amount: 4900, code: "FRIFRAGT" }], taxLines: [tax(2500, 0)] },
      ],
    });
    const draft = build(o);
    expect(draft.lines.map((l) => [l.kind, l.description, l.gross])).toEqual([
      ["item", "Item 1", 20_000],
      ["discount", "Rabat FRIFRAGT (Fragt)", -4900],
      ["shipping", "Fragt: GLS", 4900],
    ]);
  });
});

describe("buildInvoice — shipping", () => {
  it("leaves out free shipping unless asked", () => {
    expect(build(order({ shippingLines: [shipping(0)] })).lines.some((l) => l.kind === "shipping")).toBe(
      false,
    );
    expect(
      build(
        order({ shippingLines: [shipping(0)] }),
        settings({ lines: { includeFreeShipping: true } }),
      ).lines.some((l) => l.kind === "shipping"),
    ).toBe(true);
  });

  it("allocates shipping without its own tax data across the items' rates", () => {
    const o = order({
      lines: [line({ id: "1", subtotal: 30_000 }), line({ id: "2", subtotal: 10_000, rate: 0 })],
      shippingLines: [{ ...shipping(4000), taxLines: undefined }],
    });
    o.totals.tax = inclusiveTax(30_000, 2500) + inclusiveTax(3000, 2500);
    const draft = build(o);
    expect(
      draft.lines.filter((l) => l.kind === "shipping").map((l) => [l.vatRate, l.gross, l.account]),
    ).toEqual([
      [2500, 3000, "1350"],
      [0, 1000, "1300"],
    ]);
  });

  it("spreads shipping over the items when it is not its own line", () => {
    const draft = build(
      order({ shippingLines: [shipping(4900)] }),
      settings({ lines: { shippingAsLine: false } }),
    );
    expect(draft.lines.map((l) => l.kind)).toEqual(["item"]);
    expect(draft.totals.gross).toBe(24_900);
  });
});

describe("buildInvoice — gift cards, fees, payments", () => {
  it("a sold gift card is a liability line without VAT", () => {
    const o = order({
      lines: [
        line({ id: "1", subtotal: 10_000 }),
        { ...line({ id: "g", subtotal: 20_000, rate: 0 }), giftCard: true },
      ],
    });
    const draft = build(o, settings({ accounts: { giftCardLiability: "6750" } }));
    expect(draft.lines[1]).toMatchObject({
      kind: "giftCard",
      vatRate: 0,
      vat: 0,
      gross: 20_000,
      account: "6750",
    });
  });

  it("a sold gift card without a liability account is a settings error", () => {
    const o = order({ lines: [{ ...line({ id: "g", subtotal: 20_000, rate: 0 }), giftCard: true }] });
    expect(() => build(o)).toThrow(/accounts\.giftCardLiability/);
  });

  it("a gift-card redemption is a payment to the liability account, not a discount", () => {
    const o = order({
      transactions: [
        {
          id: "t1",
          kind: "sale",
          status: "success",
          gateway: "gift_card",
          amount: 5000,
          processedAt: "2025-03-01T10:05:00+01:00",
        },
        {
          id: "t2",
          kind: "sale",
          status: "success",
          gateway: "shopify_payments",
          amount: 15_000,
          processedAt: "2025-03-01T10:05:00+01:00",
        },
        { id: "t3", kind: "authorization", status: "success", gateway: "shopify_payments", amount: 15_000 },
        { id: "t4", kind: "sale", status: "failure", gateway: "shopify_payments", amount: 15_000 },
      ],
    });
    const draft = build(
      o,
      settings({
        accounts: { giftCardLiability: "6750" },
        payments: { gateways: { shopify_payments: "55010" } },
      }),
    );
    expect(draft.lines.some((l) => l.kind === "discount")).toBe(false);
    expect(draft.payments).toEqual([
      { amount: 5000, gateway: "gift_card", depositAccount: "6750", date: "2025-03-01", reference: "t1" },
      {
        amount: 15_000,
        gateway: "shopify_payments",
        depositAccount: "55010",
        date: "2025-03-01",
        reference: "t2",
      },
    ]);
  });

  it("without transactions, a paid single-gateway order gets one payment of the total", () => {
    const draft = build(order());
    expect(draft.payments).toEqual([
      {
        amount: 20_000,
        gateway: "shopify_payments",
        depositAccount: "55000",
        date: "2025-03-01",
        reference: "gid://shopify/Order/1001",
      },
    ]);
    expect(build(order(), settings({ payments: { register: false } })).payments).toEqual([]);
  });

  it("fee lines carry their own VAT", () => {
    const draft = build(
      order({
        fees: [
          { id: "f", title: "Ekspeditionsgebyr", amount: 2500, taxLines: [tax(2500, 500)], taxable: true },
        ],
      }),
    );
    expect(draft.lines[1]).toMatchObject({
      kind: "fee",
      description: "Ekspeditionsgebyr",
      net: 2000,
      vat: 500,
      account: "1000",
    });
  });
});

describe("buildInvoice — tips", () => {
  const withFee = (title: string, taxLines = [] as ReturnType<typeof tax>[]) =>
    order({ fees: [{ id: "t", title, amount: 2500, taxLines, taxable: taxLines.length > 0 }] });

  it("a fee named as a tip plugin names it, without tax, is a VAT-free tip on the tips account", () => {
    const draft = build(withFee("Drikkepenge"), settings({ accounts: { tips: "1095" } }));
    expect(brief(draft.lines).at(-1)).toEqual(["fee", 1, 2500, 0, 2500, 0, 2500, "1095"]);
    expect(draft.warnings?.some((w) => w.key === "preview.warning.tip" && w.params.amount === "25.00")).toBe(
      true,
    );
  });

  it("the names come from the settings, case-insensitively", () => {
    const s = settings({ accounts: { tips: "1095" }, lines: { tipFeeNames: ["Pourboire"] } });
    expect(build(withFee("POURBOIRE"), s).lines.at(-1)?.account).toBe("1095");
    expect(build(withFee("Drikkepenge"), s).lines.at(-1)?.account).not.toBe("1095");
  });

  it("a fee with a tip's name that the shop taxed stays a taxed fee", () => {
    const draft = build(withFee("Tip", [tax(2500, 500)]), settings({ accounts: { tips: "1095" } }));
    expect(brief(draft.lines).at(-1)).toEqual(["fee", 1, 2000, 2500, 2000, 500, 2500, "1000"]);
  });

  it("refuses an empty tips account", () => {
    expect(parseSettings({ version: 1, accounts: { tips: " " } }).ok).toBe(false);
  });
});

describe("buildInvoice — VAT treatments", () => {
  const abroad = (country: string, extra: Partial<Order["customer"]> = {}, rate = 0) =>
    order({
      customer: { ...order().customer, ...extra, shippingAddress: { countryCode: country } },
      lines: [line({ id: "1", subtotal: 10_000, rate })],
      shippingLines: [shipping(5000, rate)],
    });

  it("EU reverse charge: 0 %, on the EU account", () => {
    const draft = build(abroad("SE", { isBusiness: true, vatNumber: "SE556677889901", company: "AB" }));
    expect(brief(draft.lines)).toEqual([
      ["item", 1, 10_000, 0, 10_000, 0, 10_000, "1100"],
      ["shipping", 1, 5000, 0, 5000, 0, 5000, "1300"],
    ]);
    expect(draft.lines.every((l) => l.vatTreatment === "euReverseCharge")).toBe(true);
  });

  it("export: 0 %, on the export account", () => {
    const draft = build(abroad("US"));
    expect(draft.lines.map((l) => [l.vatTreatment, l.account])).toEqual([
      ["export", "1255"],
      ["export", "1300"],
    ]);
  });

  it("OSS: destination rate from the order, on the OSS account", () => {
    const draft = build(
      abroad("DE", {}, 1900),
      settings({ vat: { oss: { enabled: true } }, accounts: { revenue: { oss: "1015" } } }),
    );
    expect(brief(draft.lines)).toEqual([
      ["item", 1, 8403, 1900, 8403, 1597, 10_000, "1015"],
      ["shipping", 1, 4202, 1900, 4202, 798, 5000, "1015"],
    ]);
  });

  it("OSS at several rates: items, discounts, fees and shipping each on their rate's account", () => {
    const s = settings({
      vat: { oss: { enabled: true } },
      accounts: { revenue: { oss: "1015" }, byRate: { oss: { "19": "1016", "7": "1017" } } },
    });
    const de = { ...order().customer, shippingAddress: { countryCode: "DE" } };
    const fee = {
      id: "f",
      title: "Geschenkverpackung",
      amount: 300,
      taxable: true,
      taxLines: [tax(700, 20)],
    };
    const withCode = order({
      customer: de,
      lines: [
        line({
          id: "1",
          subtotal: 4980,
          quantity: 2,
          rate: 700,
          discounts: [{ amount: 498, code: "KAFFEE" }],
        }),
        line({ id: "2", subtotal: 4990, rate: 1900 }),
      ],
      shippingLines: [shipping(790, 1900)],
      fees: [fee],
    });
    const accounts = (d: ReturnType<typeof build>) =>
      d.lines.filter((l) => l.kind !== "rounding").map((l) => [l.kind, l.vatRate, l.account]);
    expect(accounts(build(withCode, s))).toEqual([
      ["item", 700, "1017"],
      ["item", 1900, "1016"],
      ["discount", 700, "1017"],
      ["shipping", 1900, "1016"],
      ["fee", 700, "1017"],
    ]);
    // An order-level discount split over the rates, and shipping without tax data following the goods.
    const orderLevel = order({
      customer: de,
      lines: [
        line({ id: "1", subtotal: 4980, quantity: 2, rate: 700 }),
        line({ id: "2", subtotal: 4990, rate: 1900 }),
      ],
      shippingLines: [{ ...shipping(790, 1900), taxLines: undefined }],
      orderDiscounts: [{ amount: 1000, title: "Sommer" }],
    });
    const lines = build(orderLevel, s).lines.filter((l) => l.kind !== "rounding");
    for (const l of lines)
      expect([l.kind, l.vatRate, l.account]).toEqual([
        l.kind,
        l.vatRate,
        l.vatRate === 700 ? "1017" : "1016",
      ]);
    expect(new Set(lines.filter((l) => l.kind === "discount").map((l) => l.account))).toEqual(
      new Set(["1016", "1017"]),
    );
    expect(new Set(lines.filter((l) => l.kind === "shipping").map((l) => l.account))).toEqual(
      new Set(["1016", "1017"]),
    );
  });

  it("VOEC: Norwegian VAT on the VOEC account", () => {
    const draft = build(
      abroad("NO", {}, 2500),
      settings({ vat: { voec: { enabled: true } }, accounts: { revenue: { voec: "1280" } } }),
    );
    expect(draft.lines.map((l) => [l.vatTreatment, l.vatRate, l.account])).toEqual([
      ["voec", 2500, "1280"],
      ["voec", 2500, "1280"],
    ]);
  });

  it("a rate contradicting the treatment stops the draft", () => {
    expect(() => build(abroad("US", {}, 600))).toThrow(DraftError);
  });
});

describe("buildInvoice — totals, rounding and bad input", () => {
  it("adds a rounding line within the tolerance", () => {
    const o = order();
    o.totals.total += 3;
    const draft = build(o);
    expect(draft.lines.at(-1)).toMatchObject({
      kind: "rounding",
      gross: 3,
      vat: 0,
      account: "1050",
      description: "Øreafrunding",
    });
    expect(draft.totals.gross).toBe(o.totals.total);
    expect(
      draft.warnings?.some((w) => w.key === "preview.warning.rounding" && w.params.amount === "0.03 DKK"),
    ).toBe(true);
  });

  it("refuses totals that do not add up, naming the field", () => {
    const o = order();
    o.totals.total += 500;
    expect(() => build(o)).toThrow(
      /^total_price: the lines add up to 200\.00 DKK but the total is 205\.00 DKK/,
    );
  });

  it("refuses VAT that does not match what the shop charged", () => {
    const o = order();
    o.lines[0]!.taxLines = [tax(2500, 3000)];
    o.totals.tax = 3000;
    expect(() => build(o)).toThrow(
      /^total_tax: VAT at 25 % comes to 40\.00 DKK on the lines but the shop charged 30\.00 DKK/,
    );
  });

  it("refuses a negative quantity", () => {
    const o = order({ lines: [line({ id: "1", subtotal: 10_000, quantity: -1 })] });
    expect(() => build(o)).toThrow(
      /line_items\[0\]\.quantity: quantity must be a positive whole number, got -1/,
    );
  });

  it("honours prices excluding VAT", () => {
    const o = order({ pricesIncludeTax: false, lines: [line({ id: "1", subtotal: 16_000 })] });
    o.lines[0]!.taxLines = [tax(2500, 4000)];
    o.totals = { total: 20_000, tax: 4000 };
    const draft = build(o);
    expect(brief(draft.lines)).toEqual([["item", 1, 16_000, 2500, 16_000, 4000, 20_000, "1000"]]);
    expect(draft.pricesIncludeVat).toBe(false);
  });

  it("works in zero- and three-decimal currencies", () => {
    const jpy = order({ currency: currency("JPY"), lines: [line({ id: "1", subtotal: 1250, rate: 0 })] });
    expect(
      build({ ...jpy, customer: { ...jpy.customer, shippingAddress: { countryCode: "JP" } } }).totals.gross,
    ).toBe(1250);
    const kwd = order({ currency: currency("KWD"), lines: [line({ id: "1", subtotal: 12_345, rate: 0 })] });
    expect(
      build({ ...kwd, customer: { ...kwd.customer, shippingAddress: { countryCode: "KW" } } }).totals.gross,
    ).toBe(12_345);
  });
});

describe("buildInvoice — document fields", () => {
  it("carries a deterministic, short external reference", () => {
    const a = build(order());
    const b = build(order());
    expect(a.externalReference).toBe(b.externalReference);
    expect(a.externalReference).toMatch(/^lb-sh-[0-9a-z]{7}-1001$/);
    expect(
      buildInvoice({ order: order(), settings: settings(), shop: "other.myshopify.com" }).draft
        .externalReference,
    ).not.toBe(a.externalReference);
    const long = build(order({ id: "gid://shopify/Order/12345678901234567890" }));
    expect(long.externalReference.length).toBeLessThanOrEqual(40);
  });

  it("fills header and comment with the prefixed order number", () => {
    const draft = build(
      order(),
      settings({
        orderNumberPrefix: "WEB-",
        texts: { header: "Faktura {orderNumber}", comment: "{source} {orderName}" },
      }),
    );
    expect(draft.header).toBe("Faktura WEB-1001");
    expect(draft.comment).toBe("Shopify WEB-1001");
  });

  it("locks the invoice number to the order number when asked", () => {
    expect(build(order(), settings({ numbering: "orderNumber" })).lockedNumber).toBe(1001);
    expect(build(order()).lockedNumber).toBeUndefined();
    expect(() => build(order({ number: "A-17" }), settings({ numbering: "orderNumber" }))).toThrow(
      /order_number/,
    );
  });

  it("dates the invoice by the chosen event", () => {
    const o = order({
      createdAt: "2025-02-27T23:30:00+01:00",
      paidAt: "2025-03-01T00:10:00+01:00",
      fulfilledAt: "2025-03-04T09:00:00+01:00",
    });
    expect(build(o).issueDate).toBe("2025-03-01");
    expect(build(o, settings({ issueDate: "created" })).issueDate).toBe("2025-02-27");
    expect(build(o, settings({ issueDate: "fulfilled" })).issueDate).toBe("2025-03-04");
  });

  it("names businesses by company and matches customers by the chosen key, falling back to e-mail", () => {
    const o = order({
      customer: {
        ...order().customer,
        id: "gid://shopify/Customer/77",
        company: "Kaffebaren ApS",
        isBusiness: true,
        vatNumber: "DK12345678",
      },
    });
    const draft = build(o, settings({ customers: { matchBy: "vatNumber" } }));
    expect(draft.customer).toMatchObject({
      name: "Kaffebaren ApS",
      match: { key: "vatNumber", value: "DK12345678" },
      reference: "shopify-customer-77",
    });
    expect(build(o, settings({ customers: { matchBy: "phone" } })).customer.match).toEqual({
      key: "email",
      value: "kunde@example.dk",
    });
  });

  it("gives guests without e-mail a shared customer instead of failing", () => {
    const o = order({ customer: { isBusiness: false, taxExempt: false } });
    expect(build(o).customer).toMatchObject({
      name: "Webshop customer",
      reference: "shopify-guest",
      match: { key: "reference" },
    });
  });
});
