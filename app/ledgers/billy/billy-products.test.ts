import { describe, expect, it } from "vitest";
import { billyAccounts as accounts, billyTestBed } from "../../../test/support/billy-recording";
import { documentedRequests, mug } from "../../../test/support/billy-request-inputs";
import { SEED } from "../../../simulators/billy/sim-seed";

/** Billy products and their prices, through the adapter against the simulator. */

const bed = billyTestBed();

describe("Billy products", () => {
  it("creates a product with the ruleset for its VAT treatment and updates only the changed price", async () => {
    // MUG, 120.00 DKK net, 25 % domestic, on the sales account.
    const spec = mug;
    const created = await bed.adapter.ensureProduct(spec, { update: false });
    expect(bed.lastWrite("/products")).toEqual({
      product: {
        name: "Mug",
        productNo: "MUG",
        accountId: accounts.sales,
        salesTaxRulesetId: SEED.rulesets.standard,
        prices: [{ unitPrice: 120, currencyId: "DKK" }],
      },
    });
    expect(Object.keys(bed.lastWrite("/products")?.product ?? {})).toEqual(
      expect.arrayContaining(
        Object.keys(documentedRequests.createProductWithPrices.product).filter((k) => k !== "organizationId"),
      ),
    );
    const book = await bed.adapter.ensureProduct(
      { ...spec, sku: "BOOK", vatTreatment: "exempt", vatRate: 0, account: accounts.salesNoVat },
      { update: false },
    );
    expect(bed.sim.state.products.get(book.id)?.salesTaxRulesetId).toBe(SEED.rulesets.exempt);

    await bed.adapter.ensureProduct({ ...spec, currency: "EUR", unitNet: 1600 }, { update: true });
    await bed.adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: true });
    const prices = [...bed.sim.state.productPrices.values()]
      .filter((p) => p.productId === created.id)
      .map((p) => [p.currencyId, p.unitPriceMinor]);
    expect(prices.sort()).toEqual([
      ["DKK", 13000],
      ["EUR", 1600],
    ]);
    expect(bed.writes("/products")).toHaveLength(2);
    const unchanged = bed.sent.length;
    expect(await bed.adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: true })).toEqual({
      id: created.id,
      created: false,
    });
    expect(bed.sent.length - unchanged).toBe(1);
  });
});
