import type { Platform } from "@prisma/client";
import { parseJsonSafely } from "./shopify/parse-json-safely";

/**
 * Which order a body is, read from its own id fields — never from text anywhere in it: a buyer
 * can write another order's id into a note, a name or a line item property, but not into the
 * order's `id`. Jobs and recorded webhooks are keyed on this, so a lookup by id finds exactly
 * the order that carries it. Shopify ids exceed 2^53, so they are read as text (parseJsonSafely
 * keeps big integers as digit strings), never through a JavaScript number.
 */

const SHOPIFY_ORDER_GID = /^gid:\/\/shopify\/Order\/([1-9]\d*)$/;
const POSITIVE_INTEGER = /^[1-9]\d*$/;

/** The order id jobs are keyed on (Shopify: the order GID; WooCommerce: the numeric id), or null. */
export function orderIdOfBody(platform: Platform, body: string): string | null {
  let parsed: unknown;
  try {
    parsed = parseJsonSafely(body);
  } catch {
    return null;
  }
  return orderIdOfParsed(platform, parsed);
}

/** As orderIdOfBody, for a body already parsed with parseJsonSafely. */
export function orderIdOfParsed(platform: Platform, parsed: unknown): string | null {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  return platform === "shopify" ? shopifyOrderId(record) : wooOrderId(record);
}

/**
 * A Shopify order as a webhook sends it (REST: numeric `id` and `admin_graphql_api_id`) or as the
 * Admin GraphQL API returns it (`id` is the GID). Both fields name the order; when they disagree
 * the body is not one order, and it is no order at all.
 */
function shopifyOrderId(record: Record<string, unknown>): string | null {
  const named: string[] = [];
  const gid = record.admin_graphql_api_id;
  // A GID not in Shopify's own form (a NUL, a suffix) names nothing: the numeric id decides alone.
  if (typeof gid === "string" && SHOPIFY_ORDER_GID.test(gid)) named.push(gid);
  const id = record.id;
  if (id !== undefined && id !== null) {
    if (typeof id === "string" && SHOPIFY_ORDER_GID.test(id)) named.push(id);
    else {
      const digits = integerText(id);
      if (digits === null) return null;
      named.push(`gid://shopify/Order/${digits}`);
    }
  }
  const [first] = named;
  if (first === undefined || named.some((other) => other !== first)) return null;
  return first;
}

/** A WooCommerce REST order: its numeric `id`. */
function wooOrderId(record: Record<string, unknown>): string | null {
  return integerText(record.id);
}

function integerText(value: unknown): string | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  // parseJsonSafely hands integers beyond 2^53 over as their exact digits.
  if (typeof value === "string" && POSITIVE_INTEGER.test(value)) return value;
  return null;
}

/**
 * The numeric part both platforms' keys share ("gid://shopify/Order/5" and "5" are order 5), for
 * the queue's platform-blind check; other ids stay as they are.
 */
function comparable(orderId: string): string {
  return SHOPIFY_ORDER_GID.exec(orderId)?.[1] ?? orderId;
}

/**
 * The order another than `orderId` that `body` says it is, or null when it names no other one.
 * The queue's last line of defence (it does not know the shop's platform): a job must never
 * carry one order's body under another order's id. Bodies that name no id at all (an empty body
 * for a credit note still waiting for its order) pass here; the paths that read orders check
 * them strictly with orderIdOfBody.
 */
export function otherOrderNamedBy(orderId: string, body: string): string | null {
  if (body.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = parseJsonSafely(body);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const want = comparable(orderId);
  for (const key of ["admin_graphql_api_id", "id"] as const) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const named = typeof value === "number" ? String(value) : typeof value === "string" ? value : null;
    if (named === null) return `a ${typeof value} ${key}`;
    // As in shopifyOrderId: a GID not in Shopify's own form names no order; the numeric id decides.
    if (key === "admin_graphql_api_id" && !SHOPIFY_ORDER_GID.test(named)) continue;
    if (comparable(named) !== want) return named;
  }
  return null;
}

export class OrderIdentityError extends Error {
  override name = "OrderIdentityError";
  constructor(
    readonly orderId: string,
    readonly named: string,
  ) {
    super(`The order body given for ${orderId} is order ${named}; it is not queued under ${orderId}.`);
  }
}

/** Throws when a job would carry another order's body under `orderId` (see otherOrderNamedBy). */
export function assertBodyIsOrder(orderId: string, body: string): void {
  const named = otherOrderNamedBy(orderId, body);
  if (named !== null) throw new OrderIdentityError(orderId, named);
}
