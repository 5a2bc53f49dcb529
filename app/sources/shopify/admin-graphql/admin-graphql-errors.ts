export type ShopifyAdminErrorKind =
  | "authentication"
  | "throttled"
  | "maxCostExceeded"
  | "graphql"
  | "unavailable"
  | "invalidResponse"
  | "bulkOperation";

/** Every failure of the Admin GraphQL client; `retryable` tells the caller whether to try later. */
export class ShopifyAdminError extends Error {
  override name = "ShopifyAdminError";
  constructor(
    readonly kind: ShopifyAdminErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly details: { status?: number; retryAfterMs?: number; codes?: string[] } = {},
  ) {
    super(message);
  }
}
