import type { Charge } from "./charge";
import type { VatTreatment } from "./invoice-draft";
import type { DiscountAllocation } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import { discountAccount } from "./ledger-accounts";

interface DiscountTarget {
  rate: number;
  treatment: VatTreatment;
  field: string;
  suffix?: string;
}

/** Discount lines grouped per code, VAT rate and account, so one code is one line per rate. */
export class DiscountGroups {
  private readonly groups = new Map<string, Charge>();
  constructor(private readonly settings: ShopSettings) {}

  /** A line's discount allocations, at the line's VAT rate and treatment. */
  addAll(allocations: readonly DiscountAllocation[], target: DiscountTarget) {
    for (const allocation of allocations) this.add(allocation, target);
  }

  add(allocation: DiscountAllocation, target: DiscountTarget) {
    if (allocation.amount === 0) return;
    const { settings } = this;
    const label = allocation.code ?? allocation.title ?? "";
    const account = discountAccount(target.treatment, settings, target.rate);
    const key = [label, target.suffix ?? "", target.rate, target.treatment, account].join("|");
    const existing = this.groups.get(key);
    if (existing) {
      existing.amount -= allocation.amount;
      // One allocation without stated tax makes the group's VAT derived.
      if (existing.vat !== undefined && allocation.tax !== undefined) existing.vat -= allocation.tax;
      else delete existing.vat;
      return;
    }
    this.groups.set(key, {
      kind: "discount",
      description: `${settings.texts.discount}${label ? ` ${label}` : ""}${target.suffix ?? ""}`,
      ...(allocation.code ? { discountCode: allocation.code } : {}),
      quantity: 1,
      amount: -allocation.amount,
      rate: target.rate,
      treatment: target.treatment,
      account,
      sourceTax: 0,
      ...(allocation.tax !== undefined ? { vat: -allocation.tax } : {}),
      field: target.field,
    });
  }

  charges(): Charge[] {
    return [...this.groups.values()];
  }
}
