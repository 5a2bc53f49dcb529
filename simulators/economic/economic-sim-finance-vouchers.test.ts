import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { economicAccountBalances } from "./economic-sim-finance-vouchers";
import { type RunningEconomicSimulator, startEconomicSimulator } from "./economic-simulator";

let sim: RunningEconomicSimulator;
beforeAll(async () => {
  sim = await startEconomicSimulator();
});
afterAll(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      "X-AppSecretToken": sim.tokens.appSecretToken,
      "X-AgreementGrantToken": sim.tokens.agreementGrantToken,
      "Content-Type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const entry = (account: number, amount: unknown, text = "Udbetaling [payout:shopifyPayments:1]") => ({
  account: { accountNumber: account },
  amount,
  date: "2026-12-04",
  text,
  currency: { code: "DKK" },
});
const voucher = (financeVouchers: unknown[]) => ({
  accountingYear: { year: "2026" },
  journal: { journalNumber: 1 },
  entries: { financeVouchers },
});

describe("e-conomic simulator: finance vouchers in a journal", () => {
  it("keeps a payout's entries under one voucher number, lists them by text and books their balances", async () => {
    const created = await call(
      "POST",
      "/journals/1/vouchers",
      voucher([entry(5820, 536.11), entry(2750, 81.89), entry(1090, 150), entry(5830, -768)]),
    );
    expect(created.status).toBe(201);
    const [stored] = created.json as unknown as Array<{
      voucherNumber: number;
      entries: { financeVouchers: unknown[] };
    }>;
    expect(stored?.entries.financeVouchers).toHaveLength(4);

    const listed = await call("GET", "/journals/1/entries?filter=text$like:[payout:shopifyPayments:1]");
    const items = listed.json.collection as Array<{
      voucher: { voucherNumber: number };
      account: { accountNumber: number };
    }>;
    expect(items.map((item) => item.account.accountNumber)).toEqual([5820, 2750, 1090, 5830]);
    expect(new Set(items.map((item) => item.voucher.voucherNumber))).toEqual(
      new Set([stored?.voucherNumber]),
    );

    const balances = economicAccountBalances(sim.state);
    expect([balances.get("5820"), balances.get("2750"), balances.get("1090"), balances.get("5830")]).toEqual([
      53_611, 8_189, 15_000, -76_800,
    ]);
  });

  it("refuses what e-conomic refuses: schema violations, accounts closed to direct entries, unknown VAT codes", async () => {
    const before = sim.state.vouchers.length;
    const tooPrecise = await call(
      "POST",
      "/journals/1/vouchers",
      voucher([entry(5820, 1.234), entry(5830, -1.234)]),
    );
    expect(tooPrecise.status).toBe(400);
    const tooLong = await call(
      "POST",
      "/journals/1/vouchers",
      voucher([entry(5820, 1, "x".repeat(251)), entry(5830, -1)]),
    );
    expect(tooLong.status).toBe(400);
    const blocked = await call("POST", "/journals/1/vouchers", voucher([entry(5600, 1), entry(5850, -1)]));
    expect(blocked.status).toBe(400);
    const badVat = await call(
      "POST",
      "/journals/1/vouchers",
      voucher([{ ...entry(2750, 1), vatAccount: { vatCode: "NOPE" } }, entry(5830, -1)]),
    );
    expect(badVat.status).toBe(400);
    const restricted = await call("POST", "/journals/2/vouchers", {
      ...voucher([entry(5820, 1), entry(5830, -1)]),
      journal: { journalNumber: 2 },
    });
    expect(restricted.status).toBe(400);
    expect(sim.state.vouchers.length).toBe(before);
  });
});
