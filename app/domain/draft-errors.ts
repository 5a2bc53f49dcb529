/**
 * The one error the accounting core throws for input it cannot turn into a correct document:
 * bad source data (unknown currency, negative quantity, missing tax data), totals that do not
 * add up, VAT that contradicts the treatment, or settings that lack an account. `field` is a
 * dotted path into the source payload or the settings, so the message can point at the culprit.
 */
export type DraftErrorCode =
  | "invalidInput"
  | "unknownCurrency"
  | "missingTaxData"
  | "vatMismatch"
  | "totalsMismatch"
  | "creditExceedsInvoice"
  | "missingSetting"
  | "unsupported";

export class DraftError extends Error {
  override name = "DraftError";
  constructor(
    readonly code: DraftErrorCode,
    readonly field: string,
    message: string,
    /** For `missingSetting`: the catalogue key saying why the order needs the setting. */
    readonly situationKey?: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export function isDraftError(error: unknown): error is DraftError {
  return error instanceof DraftError;
}
