import type { Order } from "../../domain/order";
import { zodToDraftError } from "../zod-draft-error";
import { mapShopifyGraphqlOrder } from "./map-shopify-graphql-order";
import { mapShopifyRestOrder } from "./map-shopify-rest-order";
import { parseJsonSafely } from "./parse-json-safely";
import { graphqlOrder } from "./shopify-graphql-schemas";
import type { DocumentCurrencyMode } from "./shopify-money";
import { restOrder } from "./shopify-rest-schemas";

export interface ShopifyOrderOptions {
  /** Book in the customer's (presentment) currency or the shop's currency. */
  documentCurrency: DocumentCurrencyMode;
}

/**
 * Any Shopify order payload → the canonical Order: a REST order (the `orders/*` webhook body,
 * bare or as `{"order": …}`) or an Admin GraphQL order (bare, `{"order": …}` or
 * `{"data": {"order": …}}`). Pass raw JSON text where possible: it is parsed so numeric ids
 * beyond 2^53 stay exact.
 */
export function mapShopifyOrder(input: string | unknown, options: ShopifyOrderOptions): Order {
  const payload = unwrapOrder(typeof input === "string" ? parseJsonSafely(input) : input);
  if (isGraphqlShape(payload)) {
    const parsed = graphqlOrder.safeParse(payload);
    if (!parsed.success) throw zodToDraftError(parsed.error);
    return mapShopifyGraphqlOrder(parsed.data, options.documentCurrency);
  }
  const parsed = restOrder.safeParse(payload);
  if (!parsed.success) throw zodToDraftError(parsed.error);
  return mapShopifyRestOrder(parsed.data, options.documentCurrency);
}

function unwrapOrder(payload: unknown): unknown {
  let current = payload;
  if (isObject(current) && isObject(current.data)) current = current.data;
  if (isObject(current) && isObject(current.order)) current = current.order;
  return current;
}

function isGraphqlShape(payload: unknown): boolean {
  return (
    isObject(payload) && ("lineItems" in payload || "totalPriceSet" in payload) && !("line_items" in payload)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
