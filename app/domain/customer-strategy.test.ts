import { describe, expect, it } from "vitest";
import { customerFor, customerTypeOf } from "./customer-strategy";
import type { DraftWarning } from "./draft-warning";
import { order } from "./order-factory.test-support";
import { ShopSettingsSchema } from "../settings/settings-schema";

describe("customer strategies per customer type (#18)", () => {
  const consumer = order({ customer: { email: "a@example.dk", isBusiness: false, taxExempt: false } });
  const business = order({
    customer: {
      email: "b@firma.dk",
      company: "Firma ApS",
      vatNumber: "DK12345678",
      isBusiness: true,
      taxExempt: false,
    },
  });
  const institution = order({
    customer: {
      email: "c@kommune.dk",
      company: "Kommune",
      ean: "5790001234567",
      isBusiness: true,
      taxExempt: false,
    },
  });

  it("tells consumers, businesses and EAN institutions apart", () => {
    expect([consumer, business, institution].map(customerTypeOf)).toEqual(["consumer", "business", "ean"]);
  });

  it("books consumers on the fixed customer without their personal data, and matches the others by their own field", () => {
    const settings = ShopSettingsSchema.parse({
      version: 1,
      customers: {
        matchBy: "email",
        byType: {
          consumer: { mode: "single", name: "Kontantkunde" },
          business: { matchBy: "vatNumber" },
          ean: { mode: "single", name: "Kommuner", ledgerCustomerId: "1042" },
        },
      },
    });
    const warnings: DraftWarning[] = [];
    expect(customerFor(consumer, settings, warnings)).toEqual({
      match: { key: "reference", value: "shopify-fixed-consumer-customer" },
      reference: "shopify-fixed-consumer-customer",
      name: "Kontantkunde",
      isBusiness: false,
      address: {},
    });
    expect(warnings).toEqual([
      {
        key: "preview.warning.singleCustomer",
        params: { name: "Kontantkunde", type: "settings.customers.type.consumer" },
      },
    ]);
    expect(customerFor(business, settings, []).match).toEqual({ key: "vatNumber", value: "DK12345678" });
    expect(customerFor(institution, settings, [])).toMatchObject({ ledgerId: "1042", isBusiness: true });
  });

  it("needs a name or a ledger number for a fixed customer", () => {
    const parsed = ShopSettingsSchema.safeParse({
      version: 1,
      customers: { byType: { consumer: { mode: "single" } } },
    });
    expect(parsed.success).toBe(false);
  });
});
