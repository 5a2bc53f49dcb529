import type { LedgerProviderId } from "../ledgers/ledger-contract";
import { CUSTOMER_TYPES } from "../settings/customer-strategy-schema";
import type { ShopSettings } from "../settings/settings-schema";
import type { FormErrors } from "./settings-form";

/**
 * e-conomic customers have no field for our reference, so a fixed customer cannot be found again
 * by it: there the merchant chooses the customer by its number (#18). Dinero, Billy and
 * Dynaccount keep the reference and create the fixed customer once.
 */
export function fixedCustomersNeedingNumber(
  settings: ShopSettings,
  provider: LedgerProviderId | undefined,
): FormErrors {
  if (provider !== "economic") return {};
  const errors: FormErrors = {};
  for (const type of CUSTOMER_TYPES) {
    const strategy = settings.customers.byType[type];
    if (strategy.mode !== "single" || strategy.ledgerCustomerId) continue;
    errors[`customers.byType.${type}.ledgerCustomerId`] = {
      key: "settings.error.fixedCustomerNumber",
      message: "e-conomic cannot find a fixed customer again by reference: give its customer number",
    };
  }
  return errors;
}
