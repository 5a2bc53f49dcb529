import { describe, expect, it } from "vitest";
import { buildInvoice } from "../build-invoice";
import { line, order } from "../order-factory.test-support";
import { ShopSettingsSchema } from "../../settings/settings-schema";
import { skipByRule } from "./skip-by-rule";

const settingsWith = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  ShopSettingsSchema.parse({ version: 1, rules, ...extra });

describe("mapping and filter rules (#18)", () => {
  const giftCardType = line({ id: "1", subtotal: 10_000, productType: "Gavekort" });
  const mug = line({ id: "2", subtotal: 5_000, vendor: "Kaffehuset" });
  const sale = order({ lines: [giftCardType, mug], tags: ["wholesale"], salesChannel: "pos" });

  it("books only the matching line on the first matching rule's account, and says why", () => {
    const settings = settingsWith([
      { field: "vendor", value: "nobody", action: "account", account: "1090" },
      { field: "productType", value: "gavekort", action: "account", account: "1080" },
      { field: "productType", value: "Gavekort", action: "account", account: "1070" },
    ]);
    const { draft } = buildInvoice({ order: sale, settings, shop: "s.myshopify.com" });
    const items = draft.lines.filter((l) => l.kind === "item");
    expect(items.map((l) => [l.sourceLineId, l.account])).toEqual([
      ["1", "1080"],
      ["2", "1000"],
    ]);
    expect(draft.warnings).toContainEqual({
      key: "preview.warning.ruleAccount",
      params: {
        line: "Item 1",
        account: "1080",
        field: "settings.rules.field.productType",
        value: "gavekort",
        rule: 2,
      },
    });
  });

  it("leaves export and OSS lines on their treatment's account", () => {
    const settings = settingsWith([{ field: "tag", value: "wholesale", action: "account", account: "1080" }]);
    const abroad = order({
      lines: [line({ id: "1", subtotal: 10_000, rate: 0 })],
      tags: ["wholesale"],
      customer: {
        isBusiness: false,
        taxExempt: false,
        billingAddress: { countryCode: "US" },
        shippingAddress: { countryCode: "US" },
      },
    });
    const { draft } = buildInvoice({ order: abroad, settings, shop: "s.myshopify.com" });
    expect(draft.lines.find((l) => l.kind === "item")?.account).toBe("1255");
  });

  it("skips by tag, channel, gateway or a zero total, naming the rule", () => {
    expect(
      skipByRule(settingsWith([{ field: "salesChannel", value: "POS", action: "skip" }]).rules, sale),
    ).toEqual({
      skip: "rule 1 skips orders where salesChannel = POS",
      text: {
        key: "rules.skip.field",
        params: { rule: 1, field: "settings.rules.field.salesChannel", value: "POS" },
      },
    });
    const free = order({ lines: [line({ id: "1", subtotal: 0 })] });
    const zero = settingsWith([
      { field: "tag", value: "other", action: "skip" },
      { field: "zeroTotal", action: "skip" },
    ]);
    expect(skipByRule(zero.rules, free)?.text).toEqual({ key: "rules.skip.zeroTotal", params: { rule: 2 } });
    expect(skipByRule(zero.rules, sale)).toBeUndefined();
  });

  it("refuses a rule without a value or an account rule without its account", () => {
    const parsed = ShopSettingsSchema.safeParse({
      version: 1,
      rules: [
        { field: "tag", value: " ", action: "skip" },
        { field: "vendor", value: "x", action: "account" },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["rules.0.value", "rules.1.account"]);
  });
});
