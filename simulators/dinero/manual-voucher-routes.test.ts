import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DineroSimulator } from "./dinero-simulator";
import { DINERO_SIMULATOR_DEFAULTS as DEFAULTS, startDineroSimulator } from "./dinero-simulator";
import { dineroAccountBalances } from "./manual-voucher-routes";

const ORG = DEFAULTS.organizationId;
let sim: DineroSimulator;
let token: string;

beforeAll(async () => {
  sim = await startDineroSimulator({ validateRequests: true });
  const basic = Buffer.from(
    `${DEFAULTS.personalClient.clientId}:${DEFAULTS.personalClient.clientSecret}`,
  ).toString("base64");
  const response = await fetch(`${sim.authUrl}/dineroapi/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      scope: "read write",
      username: DEFAULTS.apiKey,
      password: DEFAULTS.apiKey,
    }).toString(),
  });
  token = String(((await response.json()) as { access_token: string }).access_token);
});
afterAll(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/v1/${ORG}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const voucher = (clearing: number) => ({
  VoucherDate: "2026-12-04",
  ExternalReference: "payout:shopifyPayments:90061",
  Lines: [
    {
      Description: "Udbetaling [payout:shopifyPayments:90061]",
      AccountNumber: 55000,
      Amount: 536.11,
      AccountVatCode: "none",
    },
    {
      Description: "Udbetaling [payout:shopifyPayments:90061]",
      AccountNumber: 7420,
      Amount: 81.89,
      AccountVatCode: "none",
    },
    {
      Description: "Udbetaling [payout:shopifyPayments:90061]",
      AccountNumber: 7380,
      Amount: 150,
      AccountVatCode: "none",
    },
    {
      Description: "Udbetaling [payout:shopifyPayments:90061]",
      AccountNumber: 55100,
      Amount: clearing,
      AccountVatCode: "none",
    },
  ],
});

async function createAndBook(clearing: number) {
  const created = await call("POST", "/vouchers/manuel", voucher(clearing));
  expect(created.status).toBe(200);
  return call("POST", `/vouchers/manuel/${String(created.json.Guid)}/book`, {
    Timestamp: created.json.Timestamp,
  });
}

describe("Dinero simulator: manual vouchers", () => {
  it("refuses a body the OpenAPI document refuses", async () => {
    const unknownField = await call("POST", "/vouchers/manuel", { ...voucher(-768), Guid: "x" });
    expect(unknownField.status).toBe(400);
    const noAmount = await call("POST", "/vouchers/manuel", {
      VoucherDate: "2026-12-04",
      Lines: [{ AccountNumber: 55000 }],
    });
    expect(noAmount.status).toBe(400);
    const unknownAccount = await call("POST", "/vouchers/manuel", {
      VoucherDate: "2026-12-04",
      Lines: [{ AccountNumber: 99999, Amount: 1 }],
    });
    expect(unknownAccount.status).toBe(400);
  });

  it("keeps an unbalanced voucher as a draft but refuses to book it", async () => {
    const refused = await createAndBook(-767.99);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain("does not balance");
    const entries = await call("GET", "/entries?fromDate=2026-12-04&toDate=2026-12-04");
    expect(entries.json).toEqual([]);
  });

  it("books a balanced voucher with a number, lists its lines as entries and moves the balances", async () => {
    const booked = await createAndBook(-768);
    expect(booked.status).toBe(200);
    expect(booked.json.Status).toBe("Booked");
    expect(booked.json.VoucherNumber).toBeGreaterThan(0);

    const entries = (await call("GET", "/entries?fromDate=2026-12-04&toDate=2026-12-04"))
      .json as unknown as Array<{
      VoucherGuid: string;
      Description: string;
      AccountNumber: number;
    }>;
    expect(entries.map((entry) => entry.AccountNumber)).toEqual([55000, 7420, 7380, 55100]);
    expect(entries.every((entry) => entry.VoucherGuid === booked.json.Guid)).toBe(true);

    const org = sim.state.organizations.get(ORG);
    if (!org) throw new Error("seeded organisation");
    const balances = dineroAccountBalances(org);
    expect([
      balances.get("55000"),
      balances.get("7420"),
      balances.get("7380"),
      balances.get("55100"),
    ]).toEqual([53_611, 8_189, 15_000, -76_800]);

    const again = await call("POST", `/vouchers/manuel/${String(booked.json.Guid)}/book`, {
      Timestamp: booked.json.Timestamp,
    });
    expect(again.status).toBe(400);
  });
});
