import type { MessageKey } from "../../i18n/messages";
import { translate } from "../../i18n/messages";
import type { MerchantFacingError } from "../worker.server";

/**
 * A variant the sync cannot put in the ledger (no SKU). Retrying cannot change it, so the job is
 * parked at once, on its own product only, with the product's name for the Transfers page.
 */
export class ProductNotSyncableError extends Error {
  override name = "ProductNotSyncableError";
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(translate("en", messageKey, params));
  }
}

export function classifyProductError(error: unknown): MerchantFacingError | undefined {
  if (!(error instanceof ProductNotSyncableError)) return undefined;
  return {
    kind: "productNotSyncable",
    merchantMessage: error.message,
    messageKey: error.messageKey,
    params: error.params,
    retryable: false,
    scope: "order",
  };
}
