import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BillySimulator, startBillySimulator } from "./billy-simulator";
import { billyAccountBalances } from "./sim-daybook";
import { SEED } from "./sim-seed";

let sim: BillySimulator;
beforeAll(async () => {
  sim = await startBillySimulator();
});
afterAll(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.apiBaseUrl}${path}`, {
    method,
    headers: { "X-Access-Token": sim.accessToken, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const A = SEED.accounts;
const transaction = (state: string, credit: number, key = "payout:shopifyPayments:1") => ({
  daybookTransaction: {
    entryDate: "2026-12-04",
    description: `Shopify Payments payout [${key}]`,
    state,
    lines: [
      { accountId: A.bank, side: "debit", amount: 536.11 },
      { accountId: A.bankFees, side: "debit", amount: 81.89 },
      { accountId: A.rounding, side: "debit", amount: 150 },
      { accountId: A.psp, side: "credit", amount: credit },
    ],
  },
});

describe("Billy simulator: daybook transactions", () => {
  it("refuses an approved transaction whose debit and credit differ, and books a balanced one", async () => {
    const refused = await call("POST", "/daybookTransactions", transaction("approved", 767.99));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json.validationErrors)).toContain("does not balance");

    // A draft may be unbalanced; it moves no balance until it is approved.
    const draft = await call("POST", "/daybookTransactions", transaction("draft", 767.99, "draft-1"));
    expect(draft.status).toBe(200);
    expect(billyAccountBalances(sim.state).get(A.psp) ?? 0).toBe(0);

    const booked = await call("POST", "/daybookTransactions", transaction("approved", 768));
    expect(booked.status).toBe(200);
    const balances = billyAccountBalances(sim.state);
    expect([
      balances.get(A.bank),
      balances.get(A.bankFees),
      balances.get(A.rounding),
      balances.get(A.psp),
    ]).toEqual([53_611, 8_189, 15_000, -76_800]);

    const found = await call(
      "GET",
      "/daybookTransactions?q=[payout:shopifyPayments:1]&minEntryDate=2026-12-04",
    );
    expect((found.json.daybookTransactions as unknown[]).length).toBe(1);
  });

  it("refuses unknown accounts, a line without side and a negative amount", async () => {
    const body = transaction("draft", 768) as {
      daybookTransaction: { lines: Array<Record<string, unknown>> };
    };
    body.daybookTransaction.lines[0] = { accountId: "acc-nope", side: "debit", amount: 1 };
    body.daybookTransaction.lines[1] = { accountId: A.bankFees, amount: 1 };
    body.daybookTransaction.lines[2] = { accountId: A.rounding, side: "debit", amount: -1 };
    const refused = await call("POST", "/daybookTransactions", body);
    expect(refused.status).toBe(422);
    const attributes = JSON.stringify(refused.json.validationErrors);
    for (const field of ["lines.0.accountId", "lines.1.side", "lines.2.amount"])
      expect(attributes).toContain(field);
  });
});
