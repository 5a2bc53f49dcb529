import { describe, expect, it } from "vitest";
import type { Charge } from "../charge";
import { settleVat } from "./settle-vat";

const charge = (amount: number, vat?: number): Charge => ({
  kind: "discount",
  description: "Rabat",
  quantity: 1,
  amount,
  rate: 2500,
  treatment: "domestic",
  account: "1000",
  field: "f",
  ...(vat !== undefined ? { vat } : {}),
});

describe("settleVat", () => {
  it("keeps stated VAT and derives the rest from the amount", () => {
    const charges = [charge(10_000, 2001), charge(-667)];
    settleVat(charges, true, undefined, 50);
    // −6.67 incl. 25 %: −667 × 25/125 = −133.4 → −133
    expect(charges.map((c) => c.vat)).toEqual([2001, -133]);
  });

  it("brings derived VAT to the order's tax per rate, the unit to the largest remainder", () => {
    // Exact VAT inside: 1001 → 200.2, 1003 → 200.6, 1002 → 200.4; rounded 200 + 201 + 200 = 601.
    // The order says 602: the charge rounded furthest down (1002: 0.4 below) gets the unit.
    const charges = [charge(1001), charge(1003), charge(1002)];
    settleVat(charges, true, new Map([[2500, 602]]), 50);
    expect(charges.map((c) => c.vat)).toEqual([200, 201, 201]);
  });

  it("takes a unit from the charge rounded furthest up, ties to the earlier charge", () => {
    // 1003 → 200.6 → 201 (0.4 up), 1008 → 201.6 → 202 (0.4 up); the order says 402.
    const charges = [charge(1003), charge(1008)];
    settleVat(charges, true, new Map([[2500, 402]]), 50);
    expect(charges.map((c) => c.vat)).toEqual([200, 202]);
  });

  it("leaves a difference beyond the tolerance for reconcile to report", () => {
    const charges = [charge(1000)];
    settleVat(charges, true, new Map([[2500, 300]]), 50);
    expect(charges[0]?.vat).toBe(200);
  });
});
