import { describe, expect, it } from "vitest";
import { order, tax } from "../order-factory.test-support";
import type { Customer, Order } from "../order";
import { decideTreatment, type VatSettings } from "./vat-treatment";
import { isEuMember, standardRate } from "./vat-rates";

const dk: VatSettings = { homeCountry: "DK", domesticRate: 2500, ossEnabled: false, voecEnabled: false };
const date = "2025-06-01";

function to(country: string, customer: Partial<Customer> = {}, charged = true): Order {
  const base = order();
  return order({
    customer: { ...base.customer, ...customer, shippingAddress: { countryCode: country } },
    lines: charged ? base.lines : base.lines.map((l) => ({ ...l, taxLines: [] })),
  });
}

describe("decideTreatment", () => {
  it("domestic: a Danish consumer or business pays Danish VAT", () => {
    expect(decideTreatment(to("DK"), dk, date)).toMatchObject({ treatment: "domestic", expectedRate: 2500 });
    expect(decideTreatment(to("DK", { isBusiness: true, vatNumber: "DK12345678" }), dk, date).treatment).toBe(
      "domestic",
    );
  });

  it("uses the billing country when there is no shipping address", () => {
    const o = order();
    expect(
      decideTreatment(
        { ...o, customer: { ...o.customer, billingAddress: { countryCode: "SE" } } },
        { ...dk, ossEnabled: true },
        date,
      ),
    ).toMatchObject({
      treatment: "oss",
      countryCode: "SE",
      expectedRate: 2500,
    });
  });

  it("EU B2B with a VAT number and no VAT charged: reverse charge at 0 %", () => {
    const decision = decideTreatment(
      to("DE", { isBusiness: true, vatNumber: "DE123456789", company: "GmbH" }, false),
      dk,
      date,
    );
    expect(decision).toMatchObject({ treatment: "euReverseCharge", expectedRate: 0, countryCode: "DE" });
  });

  it("EU B2B that was charged VAT is treated as a consumer sale", () => {
    const decision = decideTreatment(
      to("DE", { isBusiness: true, vatNumber: "DE123456789" }, true),
      { ...dk, ossEnabled: true },
      date,
    );
    expect(decision.treatment).toBe("oss");
  });

  it("EU B2C under OSS takes the destination's standard rate on the order date", () => {
    expect(decideTreatment(to("DE"), { ...dk, ossEnabled: true }, date)).toMatchObject({
      treatment: "oss",
      expectedRate: 1900,
      allowsReducedRates: true,
    });
    expect(decideTreatment(to("FI"), { ...dk, ossEnabled: true }, "2024-08-31").expectedRate).toBe(2400);
    expect(decideTreatment(to("FI"), { ...dk, ossEnabled: true }, "2024-09-01").expectedRate).toBe(2550);
  });

  it("EU B2C without OSS stays on Danish VAT (below the distance-selling threshold)", () => {
    expect(decideTreatment(to("SE"), dk, date)).toMatchObject({ treatment: "domestic", expectedRate: 2500 });
  });

  it("exports outside the EU are 0 %", () => {
    expect(decideTreatment(to("US"), dk, date)).toMatchObject({ treatment: "export", expectedRate: 0 });
    expect(decideTreatment(to("GB"), dk, date).treatment).toBe("export");
    expect(decideTreatment(to("NO", {}, false), { ...dk, voecEnabled: true }, date).treatment).toBe("export");
  });

  it("Norway VOEC when registered and Norwegian VAT was charged", () => {
    const o = to("NO");
    o.lines = o.lines.map((l) => ({ ...l, taxLines: [tax(2500, 4000)] }));
    expect(decideTreatment(o, { ...dk, voecEnabled: true }, date)).toMatchObject({
      treatment: "voec",
      expectedRate: 2500,
    });
    expect(decideTreatment(o, dk, date).treatment).toBe("export");
  });

  it("treats Greece's VAT prefix EL as GR", () => {
    expect(isEuMember("EL")).toBe(true);
    expect(standardRate("el", date)).toBe(2400);
  });

  it("knows dated rate changes", () => {
    expect(standardRate("SK", "2024-12-31")).toBe(2000);
    expect(standardRate("SK", "2025-01-01")).toBe(2300);
    expect(standardRate("EE", "2025-07-01")).toBe(2400);
    expect(standardRate("RO", "2025-08-01")).toBe(2100);
    expect(standardRate("US", date)).toBeUndefined();
  });
});
