import type { AppErrorInit, ErrorKind, ErrorScope } from "../lib/app-error";
import { AppError } from "../lib/app-error";

/**
 * A ledger's failure: the app's one error family, named so the engine can tell a ledger's refusal
 * from a shop's. Each provider builds it in one place (`<provider>-errors.ts`, through
 * http-failure.ts); the transfer engine reads only `kind`, `retryable` and `retryAfterMs`.
 */
export type LedgerErrorKind = ErrorKind;
export type LedgerErrorScope = ErrorScope;
export type LedgerErrorInit = AppErrorInit;

export class LedgerError extends AppError {
  override name = "LedgerError";

  static is(value: unknown): value is LedgerError {
    return value instanceof LedgerError;
  }
}

const MISSING_ACCOUNT =
  /\b(?:account|konto)[^.;]*?\b(?:does not exist|doesn't exist|not found|findes ikke)|\b(?:unknown|ukendt)\s+(?:\w+\s+)?(?:account|konto)\b/i;

/**
 * For a ledger's refusal: when its words say an account does not exist, every order booked to
 * that account would fail the same way — the connection's settings need fixing, not this order.
 */
export function refusalScope(...texts: Array<string | undefined>): { scope?: LedgerErrorScope } {
  return texts.some((text) => text !== undefined && MISSING_ACCOUNT.test(text))
    ? { scope: "connection" }
    : {};
}
