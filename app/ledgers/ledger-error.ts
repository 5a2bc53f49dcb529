/**
 * The one error family every ledger adapter speaks. Each provider translates its own error
 * shape into this in exactly one place (`<provider>-errors.ts`); the transfer engine reads only
 * `kind`, `retryable` and `retryAfterMs`, and shows `merchantMessage` to the merchant.
 */

export type LedgerErrorKind =
  "authentication" | "validation" | "conflict" | "rateLimited" | "unavailable" | "unknown";

const RETRYABLE: Record<LedgerErrorKind, boolean> = {
  authentication: false,
  validation: false,
  conflict: false,
  rateLimited: true,
  unavailable: true,
  unknown: false,
};

export interface LedgerErrorInit {
  kind: LedgerErrorKind;
  provider: string;
  /** Shown to the merchant: what happened and what to do, in plain words. */
  merchantMessage: string;
  /** Technical detail for logs; never contains credentials. */
  detail?: string;
  httpStatus?: number;
  /** The provider's own error code, when it has one. */
  providerCode?: string;
  /** From Retry-After or the provider's rate-limit headers. */
  retryAfterMs?: number;
  /** Override the default for the kind (e.g. an "unknown" network reset that is safe to retry). */
  retryable?: boolean;
  /** For `conflict`: the id of the existing document or record, when the ledger names it. */
  existingId?: string;
  /**
   * Whom the failure concerns when it is final: `connection` (a missing account or setting, a
   * revoked key — every order would fail) pauses the shop; `order` (this document cannot be
   * booked) parks just this job. Unset: decided from `kind` (see app/engine/failure-scope.ts).
   */
  scope?: LedgerErrorScope;
}

export type LedgerErrorScope = "connection" | "order";

export class LedgerError extends Error {
  override name = "LedgerError";
  readonly kind: LedgerErrorKind;
  readonly provider: string;
  readonly merchantMessage: string;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly existingId: string | undefined;
  readonly scope: LedgerErrorScope | undefined;

  constructor(init: LedgerErrorInit) {
    super(`[${init.provider}] ${init.kind}: ${init.detail ?? init.merchantMessage}`);
    this.kind = init.kind;
    this.provider = init.provider;
    this.merchantMessage = init.merchantMessage;
    this.retryable = init.retryable ?? RETRYABLE[init.kind];
    this.httpStatus = init.httpStatus;
    this.providerCode = init.providerCode;
    this.retryAfterMs = init.retryAfterMs;
    this.existingId = init.existingId;
    this.scope = init.scope;
  }

  static is(value: unknown): value is LedgerError {
    return value instanceof LedgerError;
  }
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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
