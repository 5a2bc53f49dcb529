import type { DraftError } from "../../domain/draft-errors";
import { isDraftError } from "../../domain/draft-errors";
import type { JobErrorText } from "../../i18n/job-error-text";
import { isMessageKey, renderMessage } from "../../i18n/render-message";
import type { Locale, MessageKey } from "../../i18n/messages";
import { dictionaries, translate } from "../../i18n/messages";
import type { MerchantFacingError } from "../worker.server";

/**
 * Failures of the transfer engine that retrying cannot fix, told apart from passing faults.
 * The worker retries whatever is left unclassified for up to half an hour, so everything that
 * depends only on the order's own data must be recognised here and fail at its first attempt:
 * the same data fails the same way every time.
 */

export type InvalidOrderDataReason = "notJson" | "tooDeep" | "unstorable";

/** Thrown where the source order is read: its data, not the moment, is the problem. */
export class InvalidOrderDataError extends Error {
  override name = "InvalidOrderDataError";
  constructor(
    readonly reason: InvalidOrderDataReason,
    options?: { cause?: unknown },
  ) {
    super(`the order's data cannot be used: ${reason}`, options);
  }
}

/**
 * Runs a read of the stored source JSON, turning the failures only its text can cause into an
 * InvalidOrderDataError. Elsewhere a SyntaxError may well be passing (a ledger's answer cut off
 * mid-body), which is why this is not decided from the error class alone.
 */
export function readingOrderData<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SyntaxError) throw new InvalidOrderDataError("notJson", { cause: error });
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new InvalidOrderDataError("tooDeep", { cause: error });
    }
    throw error;
  }
}

/**
 * Merchant text for an order whose data cannot be used, in the merchant's language: `reason`
 * is one of ours, or the accounting core's own words naming the field ("line_items[0].quantity: …").
 */
export function invalidOrderDataMessage(locale: Locale, reason: InvalidOrderDataReason | string): string {
  const reasonKey = `jobError.reason.${reason}`;
  const detail = reasonKey in dictionaries[locale] ? translate(locale, reasonKey as MessageKey) : reason;
  return translate(locale, "jobError.invalidOrderData", { reason: detail });
}

/**
 * Non-retryable failures get a kind the queue can act on: `invalidOrderData` concerns this one
 * order (its data will fail the same way on every attempt), `missingSetting` the whole shop
 * (every order needs the account the settings lack). Anything else is left to the worker.
 */
export function classifyTransferError(error: unknown): MerchantFacingError | undefined {
  if (isDraftError(error)) {
    // The builder's errors name the field to fix; retrying cannot help until the merchant acts.
    return error.code === "missingSetting"
      ? missingSettingError(error)
      : {
          kind: "invalidOrderData",
          merchantMessage: invalidOrderDataMessage("en", error.message),
          messageKey: "jobError.invalidOrderData",
          // The accounting core's own words, naming the field (they have no key of their own yet).
          params: { reason: error.message },
          retryable: false,
        };
  }
  const reason = invalidOrderDataReason(error);
  if (!reason) return undefined;
  return {
    kind: "invalidOrderData",
    // Stored once, in English like the ledgers' messages; jobError.* in the catalogue has Danish.
    merchantMessage: invalidOrderDataMessage("en", reason),
    messageKey: "jobError.invalidOrderData",
    params: { reason: `jobError.reason.${reason}` },
    retryable: false,
  };
}

/**
 * A setting the order needs is empty: the message names the setting by its label on the Settings
 * page (not its path), and keeps the path as `settingField` so a page can link to the field.
 */
function missingSettingError(error: DraftError): MerchantFacingError {
  const labelKey = `settings.field.${error.field}`;
  const situationKey = error.situationKey ?? "jobError.situation.account";
  const params = {
    situation: isMessageKey("en", situationKey) ? situationKey : "jobError.situation.account",
    setting: isMessageKey("en", labelKey) ? labelKey : error.field,
    settingField: error.field,
  };
  return {
    kind: "missingSetting",
    merchantMessage: renderMessage("en", "jobError.missingSetting", params),
    messageKey: "jobError.missingSetting",
    params,
    retryable: false,
  };
}

/**
 * Why no document can be built from an order, for a page: a missing setting keyed (naming the
 * setting, with its path for a link), anything else in the accounting core's own words.
 */
export function draftProblem(error: unknown): JobErrorText {
  const message = error instanceof Error ? error.message : String(error);
  const classified =
    isDraftError(error) && error.code === "missingSetting" ? missingSettingError(error) : undefined;
  return classified?.messageKey
    ? { message: classified.merchantMessage, key: classified.messageKey, params: classified.params ?? null }
    : { message, key: null, params: null };
}

/** Why `error` says the order's data itself is unusable, or undefined for anything else. */
export function invalidOrderDataReason(error: unknown): InvalidOrderDataReason | undefined {
  if (error instanceof InvalidOrderDataError) return error.reason;
  const sqlState = postgresErrorCode(error);
  // Class 22 is "data exception" (0x00 in text, \u0000 in jsonb, bad escapes, values too long);
  // 54 is "program limit exceeded" (nesting too deep). Both depend on the value, not on timing.
  if (sqlState && (sqlState.startsWith("22") || sqlState.startsWith("54"))) return "unstorable";
  // Prisma's engine refuses an unpaired surrogate before the database sees it.
  if (error instanceof Error && error.name.startsWith("PrismaClient") && /JSON Error/.test(error.message)) {
    return "unstorable";
  }
  return undefined;
}

/**
 * The SQLSTATE of a database error however Prisma's driver adapter wraps it: on the error
 * itself (DriverAdapterError), in its cause, or in a known request error's meta.
 */
function postgresErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (record.kind === "postgres" && typeof record.code === "string" && /^[0-9A-Z]{5}$/.test(record.code)) {
      return record.code;
    }
    queue.push(record.cause, record.meta, record.driverAdapterError);
  }
  return undefined;
}
