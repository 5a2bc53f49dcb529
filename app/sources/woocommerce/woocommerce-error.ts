export type WooCommerceErrorKind =
  "authentication" | "notFound" | "validation" | "rateLimited" | "unavailable" | "unknown";

/**
 * Everything that can go wrong talking to a store, in one shape: what happened for the logs,
 * whether trying again later can help, and a sentence a merchant can act on.
 */
export class WooCommerceError extends Error {
  override readonly name = "WooCommerceError";
  readonly kind: WooCommerceErrorKind;
  readonly retryable: boolean;
  readonly merchantMessage: string;
  readonly status: number | undefined;
  /** WooCommerce's error `code`, e.g. `woocommerce_rest_authentication_error`. */
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    kind: WooCommerceErrorKind;
    message: string;
    merchantMessage: string;
    retryable: boolean;
    status?: number;
    code?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.merchantMessage = init.merchantMessage;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Maps an HTTP answer (or its absence) to a WooCommerceError. */
export function wooErrorFromResponse(input: {
  status: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  retryAfter?: string | undefined;
  what: string;
  cause?: unknown;
}): WooCommerceError {
  const { status, what } = input;
  const detail = input.message ? `: ${input.message}` : "";
  const code = input.code;
  const base = { status, ...(code ? { code } : {}), cause: input.cause };
  if (status === undefined) {
    return new WooCommerceError({
      ...base,
      kind: "unavailable",
      retryable: true,
      message: `${what} failed: the store did not answer${detail}`,
      merchantMessage: "Your WooCommerce store could not be reached. We will try again automatically.",
    });
  }
  if (status === 401 || status === 403) {
    return new WooCommerceError({
      ...base,
      kind: "authentication",
      retryable: false,
      message: `${what} was refused (${status} ${code ?? ""})${detail}`,
      merchantMessage:
        "Your WooCommerce store rejected our API keys. They may have been revoked or lack read/write permission: reconnect the store under Ledger Bridge settings.",
    });
  }
  if (status === 404) {
    return new WooCommerceError({
      ...base,
      kind: "notFound",
      retryable: false,
      message: `${what}: not found (${code ?? "404"})${detail}`,
      merchantMessage:
        code === "rest_no_route"
          ? "The WooCommerce REST API was not found at the store address. Check the address and that permalinks are enabled."
          : "The order or resource no longer exists in WooCommerce.",
    });
  }
  if (status === 429) {
    const seconds = Number(input.retryAfter);
    return new WooCommerceError({
      ...base,
      kind: "rateLimited",
      retryable: true,
      ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}),
      message: `${what} was rate limited${detail}`,
      merchantMessage: "Your store asked us to slow down. We will continue shortly.",
    });
  }
  if (status >= 500) {
    return new WooCommerceError({
      ...base,
      kind: "unavailable",
      retryable: true,
      message: `${what} failed with ${status}${detail}`,
      merchantMessage: "Your WooCommerce store had a temporary error. We will try again automatically.",
    });
  }
  if (status >= 400) {
    return new WooCommerceError({
      ...base,
      kind: "validation",
      retryable: false,
      message: `${what} was rejected (${status} ${code ?? ""})${detail}`,
      merchantMessage: `WooCommerce rejected the request${detail}.`,
    });
  }
  return new WooCommerceError({
    ...base,
    kind: "unknown",
    retryable: false,
    message: `${what}: unexpected answer ${status}${detail}`,
    merchantMessage: "WooCommerce gave an unexpected answer. Contact support if this continues.",
  });
}
