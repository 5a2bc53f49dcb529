import type { MessageKey } from "../../../i18n/messages";
import type { ErrorKind } from "../../../lib/app-error";
import type { SourceError } from "../../source-error";
import { sourceError } from "../../source-error";

/** How the Admin GraphQL client failed; each becomes a kind of the one family and a catalogue key. */
export type ShopifyAdminFailure =
  | "authentication"
  | "throttled"
  | "maxCostExceeded"
  | "graphql"
  | "unavailable"
  | "invalidResponse"
  | "bulkOperation";

const READING: Record<ShopifyAdminFailure, { kind: ErrorKind; messageKey: MessageKey; code?: string }> = {
  authentication: { kind: "authentication", messageKey: "sourceError.shopify.authentication" },
  throttled: { kind: "rateLimited", messageKey: "sourceError.rateLimited", code: "THROTTLED" },
  maxCostExceeded: {
    kind: "validation",
    messageKey: "sourceError.shopify.queryTooLarge",
    code: "MAX_COST_EXCEEDED",
  },
  graphql: { kind: "unknown", messageKey: "sourceError.unexpected" },
  unavailable: { kind: "unavailable", messageKey: "sourceError.unavailable" },
  invalidResponse: { kind: "unknown", messageKey: "sourceError.unexpected" },
  bulkOperation: { kind: "unknown", messageKey: "sourceError.shopify.bulkFailed" },
};

/**
 * A failure of the Admin GraphQL client; `retryable` tells the caller whether to try later (a
 * bulk operation still running is, a failed one mostly not). Shopify's own error code, when it
 * gave one, is the providerCode.
 */
export function shopifyAdminError(
  failure: ShopifyAdminFailure,
  detail: string,
  retryable: boolean,
  details: { status?: number; retryAfterMs?: number; codes?: string[] } = {},
): SourceError {
  const reading = READING[failure];
  const code = details.codes?.[0] ?? reading.code;
  return sourceError(
    "shopify",
    reading.kind,
    reading.messageKey,
    {},
    {
      detail,
      retryable,
      ...(code ? { providerCode: code } : {}),
      ...(details.status === undefined ? {} : { httpStatus: details.status }),
      ...(details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs }),
    },
  );
}
