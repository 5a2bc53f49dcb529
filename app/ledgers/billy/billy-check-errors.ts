import type { MessageKey } from "../../i18n/messages";
import type { MessageParams } from "../../i18n/render-message";
import { ledgerError } from "../http-failure";
import { LedgerError } from "../ledger-error";

/** Our own checks on what Billy computed or holds (totals, VAT, settings) fail; HTTP failures are billy-errors.ts. */
export function billyInvalid(messageKey: MessageKey, params?: MessageParams, detail?: string): LedgerError {
  return ledgerError("billy", "validation", messageKey, params, detail ? { detail } : {});
}

/** A record Billy already has, named so the caller can use it. */
export function billyConflict(
  existingId: string,
  messageKey: MessageKey,
  params: MessageParams,
  original?: unknown,
): LedgerError {
  const from = LedgerError.is(original)
    ? { httpStatus: original.httpStatus, providerCode: original.providerCode, detail: original.message }
    : {};
  return ledgerError("billy", "conflict", messageKey, params, { existingId, ...from });
}
