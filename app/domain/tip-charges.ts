import type { Charge } from "./charge";
import { tipAccount } from "./ledger-accounts";
import { formatMinor } from "./money";
import type { FeeLine } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import { draftWarning } from "./draft-warning";
import type { ChargeContext } from "./charge-context";

/** A tip: no consideration for a supply, so no VAT, on the tips account, counted once. */
export function tipCharge(title: string, amount: number, field: string, context: ChargeContext): Charge {
  const { settings, decision, order } = context;
  context.warnings.push(
    draftWarning("preview.warning.tip", {
      amount: formatMinor(amount, order.currency),
      currency: order.currency,
      account: tipAccount(settings),
    }),
  );
  return {
    kind: "fee",
    description: title || "Tip",
    quantity: 1,
    amount,
    rate: 0,
    treatment: decision.expectedRate > 0 ? "exempt" : decision.treatment,
    account: tipAccount(settings),
    sourceTax: 0,
    vat: 0,
    field,
    tip: true,
  };
}

/** A fee is a tip when the source says so, or when a tip plugin named it and it carries no tax. */
export function isTip(fee: FeeLine, settings: ShopSettings): boolean {
  if (fee.tip) return true;
  const title = fee.title.trim().toLowerCase();
  if (!title) return false;
  const named = settings.lines.tipFeeNames.some((name) => name.trim().toLowerCase() === title);
  const untaxed = (fee.taxLines ?? []).every((t) => t.amount === 0);
  return named && untaxed;
}
