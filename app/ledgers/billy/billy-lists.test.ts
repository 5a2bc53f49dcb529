import { describe, expect, it } from "vitest";
import { billyTestBed } from "../../../test/support/billy-recording";
import { SEED } from "../../../simulators/billy/sim-seed";

/** The company and the settings dropdowns, from the simulator's seeded Billy company. */

const bed = billyTestBed();

describe("Billy settings lists", () => {
  it("lists settings options from Billy's accounts and tax rates", async () => {
    const sales = await bed.adapter.listSalesAccounts();
    expect(sales).toContainEqual({ id: SEED.accounts.salesVat, label: "1110 Salg af varer/ydelser m/moms" });
    expect(sales.map((a) => a.id)).not.toContain("acc-1190");
    expect((await bed.adapter.listDepositAccounts()).map((a) => a.id)).toEqual([
      SEED.accounts.bank,
      SEED.accounts.cash,
      SEED.accounts.psp,
      SEED.accounts.bankEur,
    ]);
    const vat = await bed.adapter.listVatCodes();
    expect(vat).toContainEqual({ id: SEED.taxRates.sales25, label: "Salgsmoms 25% (S25)", rate: 2500 });
    expect(vat.map((v) => v.id)).not.toContain(SEED.taxRates.purchase25);
    expect(await bed.adapter.verifyConnection()).toEqual({
      organisations: [{ id: SEED.organizationId, name: "Nordlys Design ApS" }],
    });
  });
});
