import type { Locale, MessageKey } from "../i18n/messages";
import type { MessageParams } from "../i18n/render-message";
import { renderMessage } from "../i18n/render-message";

/**
 * The one error family of Ledger Bridge's edges (ledgers and shops). Whatever the system said,
 * callers read only `kind`, `retryable` and `retryAfterMs` to decide, and show the merchant
 * `messageKey` + `params` rendered by the da/en catalogue. `detail` is for logs and never holds
 * credentials; the provider's own words reach the merchant only as a parameter.
 */
export type ErrorKind =
  "authentication" | "validation" | "conflict" | "notFound" | "rateLimited" | "unavailable" | "unknown";

/** Whom a final failure concerns: the whole connection (pause the shop) or this one order. */
export type ErrorScope = "connection" | "order";

const RETRYABLE: Record<ErrorKind, boolean> = {
  authentication: false,
  validation: false,
  conflict: false,
  notFound: false,
  rateLimited: true,
  unavailable: true,
  unknown: false,
};

export interface AppErrorInit {
  kind: ErrorKind;
  /** The system that failed: a ledger ("dinero") or a shop platform ("woocommerce"). */
  provider: string;
  messageKey: MessageKey;
  params?: MessageParams;
  /** Technical detail for logs; never contains credentials. */
  detail?: string;
  httpStatus?: number;
  /** The provider's own error code, when it has one. */
  providerCode?: string;
  /** From Retry-After or the provider's rate-limit headers. */
  retryAfterMs?: number;
  /** Overrides the default for the kind (e.g. a conflict that a moment later resolves itself). */
  retryable?: boolean;
  /** For `conflict`: the id of the existing document or record, when the provider names it. */
  existingId?: string;
  /** Unset: decided from `kind` (see app/engine/failure-scope.ts). */
  scope?: ErrorScope;
  cause?: unknown;
}

export class AppError extends Error {
  override name = "AppError";
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly existingId: string | undefined;
  readonly scope: ErrorScope | undefined;

  constructor(init: AppErrorInit) {
    const params = init.params ?? {};
    super(`[${init.provider}] ${init.kind}: ${init.detail ?? renderMessage("en", init.messageKey, params)}`, {
      cause: init.cause,
    });
    this.kind = init.kind;
    this.provider = init.provider;
    this.messageKey = init.messageKey;
    this.params = params;
    this.retryable = init.retryable ?? RETRYABLE[init.kind];
    this.httpStatus = init.httpStatus;
    this.providerCode = init.providerCode;
    this.retryAfterMs = init.retryAfterMs;
    this.existingId = init.existingId;
    this.scope = init.scope;
  }

  /** What the merchant reads, in their language. */
  messageIn(locale: Locale): string {
    return renderMessage(locale, this.messageKey, this.params);
  }

  /** The English text, for the audit log, the CLI and stored job errors (which also keep the key). */
  get merchantMessage(): string {
    return this.messageIn("en");
  }
}
