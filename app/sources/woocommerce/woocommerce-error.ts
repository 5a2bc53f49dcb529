import type { MessageKey } from "../../i18n/messages";
import type { ErrorKind } from "../../lib/app-error";
import type { SourceError } from "../source-error";
import { sourceError } from "../source-error";

/**
 * The one place a store's answer (or its absence) becomes a SourceError: what happened for the
 * logs, whether trying again later can help, and a catalogue key a merchant can act on.
 * WooCommerce's own error `code` (`woocommerce_rest_authentication_error`) is the providerCode.
 */
export function wooErrorFromResponse(input: {
  status: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  retryAfter?: string | undefined;
  what: string;
  cause?: unknown;
}): SourceError {
  const { status, what, code } = input;
  const detail = input.message ? `: ${input.message}` : "";
  const error = (kind: ErrorKind, messageKey: MessageKey, logged: string, retryAfterMs?: number) =>
    sourceError(
      "woocommerce",
      kind,
      messageKey,
      { reason: input.message || "sourceError.noDetails" },
      {
        detail: `${what} ${logged}${detail}`,
        cause: input.cause,
        ...(status === undefined ? {} : { httpStatus: status }),
        ...(code ? { providerCode: code } : {}),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  if (status === undefined)
    return error("unavailable", "sourceError.woocommerce.unreachable", "failed: the store did not answer");
  if (status === 401 || status === 403) {
    return error(
      "authentication",
      "sourceError.woocommerce.authentication",
      `was refused (${status} ${code ?? ""})`,
    );
  }
  if (status === 404) {
    const key =
      code === "rest_no_route" ? "sourceError.woocommerce.noRestApi" : "sourceError.woocommerce.notFound";
    return error("notFound", key, `: not found (${code ?? "404"})`);
  }
  if (status === 429) {
    const seconds = Number(input.retryAfter);
    const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
    return error("rateLimited", "sourceError.woocommerce.rateLimited", "was rate limited", wait);
  }
  if (status >= 500)
    return error("unavailable", "sourceError.woocommerce.temporary", `failed with ${status}`);
  if (status >= 400)
    return error("validation", "sourceError.woocommerce.rejected", `was rejected (${status} ${code ?? ""})`);
  return error("unknown", "sourceError.unexpected", `: unexpected answer ${status}`);
}
