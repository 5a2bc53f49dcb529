import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import { orderCurrencies, restOrderToGraphql, restRefundToGraphql, type Json } from "./rest-to-graphql";

/**
 * The simulator's shop: orders in Admin GraphQL shape (what queries answer) plus, for orders
 * made from a REST template, the REST body webhooks carry. Connections are stored as arrays.
 */

export interface StoredOrder {
  graphql: Json;
  /** REST Order shape for `orders/*` webhooks; absent for orders seeded from GraphQL fixtures. */
  rest?: Json;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Recognises the fixture shapes in test/fixtures/shopify: REST order, `{ order }`, `{ data: { order } }`. */
export function orderFromFixture(parsed: unknown): StoredOrder | undefined {
  if (!isObject(parsed)) return undefined;
  if (isObject(parsed.data) && isObject(parsed.data.order))
    return { graphql: normalizeGraphql(parsed.data.order) };
  const rest = isObject(parsed.order) ? parsed.order : parsed;
  if (typeof rest.admin_graphql_api_id === "string" && rest.admin_graphql_api_id.includes("/Order/")) {
    return { graphql: restOrderToGraphql(rest), rest };
  }
  return undefined;
}

/** GraphQL fixtures store connections as `{ nodes }`; flatten to arrays like every other order. */
function normalizeGraphql(order: Json): Json {
  const flat = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(flat);
    if (!isObject(value)) return value;
    if (Array.isArray(value.nodes) && Object.keys(value).every((k) => k === "nodes" || k === "pageInfo")) {
      return value.nodes.map(flat);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flat(v)]));
  };
  return { __typename: "Order", ...(flat(order) as Json) };
}

function numericId(gid: string): bigint {
  return BigInt(gid.slice(gid.lastIndexOf("/") + 1));
}

export class ShopifyStore {
  readonly orders: StoredOrder[] = [];
  private nextNumber: number;
  private nextId: bigint;
  /** Template line id → new line id, per created order, so refund templates find their lines. */
  private readonly templateLineIds = new Map<string, Map<string, string>>();

  /**
   * A store that outlives one run (the demo on a persistent database) starts numbering after the
   * orders the app already knows, so a new order never reuses an old order's id or name.
   */
  constructor(options: { firstOrderNumber?: number; firstId?: bigint } = {}) {
    this.nextNumber = options.firstOrderNumber ?? 1001;
    this.nextId = options.firstId ?? 7_100_000_000_000n;
  }

  static fromFixtureDir(dir: string): ShopifyStore {
    const store = new ShopifyStore();
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const order = orderFromFixture(parseJsonSafely(readFileSync(join(dir, file), "utf8")));
      if (order) store.add(order);
    }
    return store;
  }

  add(order: StoredOrder): StoredOrder {
    this.orders.push(order);
    return order;
  }

  find(gid: string): StoredOrder | undefined {
    return this.orders.find((o) => o.graphql.id === gid);
  }

  /** Orders sorted like `sortKey: UPDATED_AT`, then by id for a stable cursor order. */
  sortedByUpdatedAt(): StoredOrder[] {
    return [...this.orders].sort((a, b) => {
      const byTime = Date.parse(String(a.graphql.updatedAt)) - Date.parse(String(b.graphql.updatedAt));
      if (byTime !== 0) return byTime;
      const x = numericId(String(a.graphql.id));
      const y = numericId(String(b.graphql.id));
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  private newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /**
   * A fresh order from a REST template (a webhook body such as the Danish fixture): new ids for
   * the order and its lines, the next name (#1001, #1002, …), timestamps now.
   */
  createOrderFromTemplate(
    template: Json,
    overrides: { now?: Date; financialStatus?: string } = {},
  ): StoredOrder {
    const rest = structuredClone(isObject(template.order) ? template.order : template);
    const id = this.newId();
    const number = this.nextNumber++;
    const at = (overrides.now ?? new Date()).toISOString();
    Object.assign(rest, {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      name: `#${number}`,
      order_number: number,
      number: number - 1000,
      created_at: at,
      processed_at: at,
      updated_at: at,
      refunds: [],
      ...(overrides.financialStatus ? { financial_status: overrides.financialStatus } : {}),
    });
    const lineIds = new Map<string, string>();
    for (const line of Array.isArray(rest.line_items) ? rest.line_items.filter(isObject) : []) {
      const lineId = this.newId();
      lineIds.set(String(line.id), lineId);
      Object.assign(line, { id: lineId, admin_graphql_api_id: `gid://shopify/LineItem/${lineId}` });
    }
    for (const shipping of Array.isArray(rest.shipping_lines) ? rest.shipping_lines.filter(isObject) : []) {
      shipping.id = this.newId();
    }
    const order = this.add({ graphql: restOrderToGraphql(rest), rest });
    this.templateLineIds.set(String(order.graphql.id), lineIds);
    return order;
  }

  /**
   * A refund on a stored order from a REST refund template: line items are matched to the
   * order's lines by their template ids (or position), the refund gets new ids, and the order's
   * status and `updatedAt` move as Shopify's would.
   */
  createRefundFromTemplate(orderGid: string, template: Json, now: Date = new Date()): Json {
    const order = this.find(orderGid);
    if (!order) throw new Error(`No order ${orderGid}`);
    const refund = structuredClone(isObject(template.refund) ? template.refund : template);
    const at = now.toISOString();
    const refundId = this.newId();
    const lineIds = this.templateLineIds.get(orderGid) ?? new Map<string, string>();
    const orderLines = Array.isArray(order.rest?.line_items) ? order.rest.line_items.filter(isObject) : [];
    Object.assign(refund, {
      id: refundId,
      admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
      order_id: order.graphql.legacyResourceId,
      created_at: at,
      processed_at: at,
    });
    const refundLines = Array.isArray(refund.refund_line_items)
      ? refund.refund_line_items.filter(isObject)
      : [];
    refundLines.forEach((line, index) => {
      const mapped =
        lineIds.get(String(line.line_item_id)) ?? String(orderLines[index]?.id ?? line.line_item_id);
      const source = orderLines.find((l) => String(l.id) === mapped);
      Object.assign(line, {
        id: this.newId(),
        line_item_id: mapped,
        line_item: {
          ...(isObject(line.line_item) ? line.line_item : {}),
          ...(source ?? {}),
          id: mapped,
          admin_graphql_api_id: `gid://shopify/LineItem/${mapped}`,
        },
      });
    });
    for (const t of Array.isArray(refund.transactions) ? refund.transactions.filter(isObject) : []) {
      const transactionId = this.newId();
      Object.assign(t, {
        id: transactionId,
        admin_graphql_api_id: `gid://shopify/OrderTransaction/${transactionId}`,
        processed_at: at,
        created_at: at,
      });
    }
    const refunds = Array.isArray(order.graphql.refunds) ? order.graphql.refunds : [];
    const currencies = order.rest ? orderCurrencies(order.rest) : undefined;
    order.graphql.refunds = [...refunds, restRefundToGraphql(refund, currencies)];
    order.graphql.updatedAt = at;
    order.graphql.displayFinancialStatus = "PARTIALLY_REFUNDED";
    if (order.rest) {
      order.rest.refunds = [...(Array.isArray(order.rest.refunds) ? order.rest.refunds : []), refund];
      order.rest.updated_at = at;
      order.rest.financial_status = "partially_refunded";
    }
    return refund;
  }
}
