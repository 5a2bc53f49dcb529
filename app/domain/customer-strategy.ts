import { draftCustomer } from "./draft-customer";
import { draftWarning, type DraftWarning } from "./draft-warning";
import type { DraftCustomer } from "./invoice-draft";
import type { Order } from "./order";
import type { CustomerType } from "../settings/customer-strategy-schema";
import type { ShopSettings } from "../settings/settings-schema";

/** A public institution (EAN), a business (company, CVR/VAT number), or a consumer. */
export function customerTypeOf(order: Order): CustomerType {
  if (order.customer.ean) return "ean";
  return order.customer.isBusiness ? "business" : "consumer";
}

/**
 * The ledger customer for an order under the strategy of its customer type (#18): matched by
 * the type's field, or the one fixed customer of that type — carrying none of the buyer's
 * personal data, found by its fixed reference (or used by its ledger id) on every order.
 */
export function customerFor(order: Order, settings: ShopSettings, warnings: DraftWarning[]): DraftCustomer {
  const type = customerTypeOf(order);
  const strategy = settings.customers.byType[type];
  if (strategy.mode === "match") {
    return draftCustomer(
      order,
      strategy.matchBy ?? settings.customers.matchBy,
      settings.customers.companyChange,
    );
  }
  const reference = `${order.source}-fixed-${type}-customer`;
  const name = strategy.name ?? reference;
  warnings.push(
    draftWarning("preview.warning.singleCustomer", { name, type: `settings.customers.type.${type}` }),
  );
  return {
    match: { key: "reference", value: reference },
    reference,
    name,
    isBusiness: type !== "consumer",
    address: {},
    ...(strategy.ledgerCustomerId ? { ledgerId: strategy.ledgerCustomerId } : {}),
  };
}
