import Pkg from "@woocommerce/woocommerce-rest-api";
import { z } from "zod";
import { sourceError } from "../source-error";
import { orderSummary, refundSummary, webhookSchema } from "./woocommerce-api-shapes";
import type {
  WooCommerceClientOptions,
  WooOrderSummary,
  WooWebhook,
  WooWebhookStatus,
  WooFetchedOrder,
  WooFetchedRefund,
  ModifiedOrdersPage,
  WebhookSpec,
} from "./woocommerce-api-shapes";
import { parseWith, normalizeHeaders, toWooError } from "./woocommerce-responses";

// The package ships CommonJS with `exports.default`; under Node ESM the default import is the
// module object (woocommerce-rest-api-js-lib#66), under a bundler it is the class.
const WooCommerceRestApi = (Pkg as unknown as { default?: typeof Pkg }).default ?? Pkg;

type RestApi = InstanceType<typeof Pkg>;

const MAX_PAGES = 10_000;

/**
 * Typed access to one store's REST API (wc/v3) over `@woocommerce/woocommerce-rest-api`.
 * Responses are read as text and zod-checked only for the fields used here; every failure is a
 * SourceError.
 */
export class WooCommerceClient {
  private readonly api: RestApi;

  constructor(options: WooCommerceClientOptions) {
    this.api = new WooCommerceRestApi({
      url: options.storeUrl,
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      version: "wc/v3",
      queryStringAuth: options.queryStringAuth ?? false,
      timeout: options.timeoutMs ?? 30_000,
      // Raw text, so we parse (and keep) the exact JSON ourselves.
      axiosConfig: { responseType: "text" },
    });
  }

  async getOrder(id: number | string): Promise<WooFetchedOrder> {
    const { body } = await this.call(`GET order ${id}`, () => this.api.get(`orders/${id}`));
    return { summary: parseWith(orderSummary, body, `order ${id}`), json: JSON.stringify(body) };
  }

  /**
   * Orders modified after `since` (UTC), page by page until `X-WP-TotalPages`. Sorted by id so
   * pages stay stable while the shop keeps taking orders (new ids land at the end).
   * `modified_after` is exclusive and not a cursor: callers keep an overlap window.
   */
  async *ordersModifiedAfter(
    since: Date,
    options: { statuses?: string[]; perPage?: number } = {},
  ): AsyncGenerator<ModifiedOrdersPage> {
    yield* this.pagedOrders({ modified_after: wooGmt(since) }, options);
  }

  /** Orders created in [from, to) (UTC), page by page: the historical import. */
  async *ordersCreatedBetween(
    from: Date,
    to: Date,
    options: { statuses?: string[]; perPage?: number } = {},
  ): AsyncGenerator<ModifiedOrdersPage> {
    // `after`/`before` are exclusive and whole seconds: a second beyond each end makes both ends
    // inclusive (an order placed in the same second as `to` is in the range; keys dedupe overlap).
    yield* this.pagedOrders(
      { after: wooGmt(new Date(from.getTime() - 1000)), before: wooGmt(new Date(to.getTime() + 1000)) },
      options,
    );
  }

  private async *pagedOrders(
    filter: Record<string, string>,
    options: { statuses?: string[]; perPage?: number },
  ): AsyncGenerator<ModifiedOrdersPage> {
    const perPage = options.perPage ?? 100;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const params: Record<string, unknown> = {
        ...filter,
        dates_are_gmt: true,
        orderby: "id",
        order: "asc",
        per_page: perPage,
        page,
      };
      if (options.statuses?.length) params.status = options.statuses;
      const { body, headers } = await this.call(`GET orders page ${page}`, () =>
        this.api.get("orders", params),
      );
      const list = parseWith(z.array(z.unknown()), body, "orders list");
      const totalPages = Number(headers["x-wp-totalpages"] ?? "1");
      const total = Number(headers["x-wp-total"] ?? String(list.length));
      yield {
        page,
        totalPages,
        total,
        orders: list.map((o, i) => ({
          summary: parseWith(orderSummary, o, `orders list [${i}]`),
          json: JSON.stringify(o),
        })),
      };
      if (page >= totalPages || list.length === 0) return;
    }
  }

  /** All pages of `ordersModifiedAfter`, plus the newest `date_modified_gmt` seen. */
  async listOrdersModifiedAfter(
    since: Date,
    options: { statuses?: string[]; perPage?: number } = {},
  ): Promise<{ orders: WooFetchedOrder[]; pages: number; highWaterMarkGmt: string | undefined }> {
    const orders: WooFetchedOrder[] = [];
    let pages = 0;
    for await (const page of this.ordersModifiedAfter(since, options)) {
      pages += 1;
      orders.push(...page.orders);
    }
    const marks = orders.map((o) => o.summary.date_modified_gmt).filter((d): d is string => Boolean(d));
    return { orders, pages, highWaterMarkGmt: marks.sort().at(-1) };
  }

  async listRefunds(orderId: number | string): Promise<WooFetchedRefund[]> {
    const refunds: WooFetchedRefund[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { body, headers } = await this.call(`GET refunds of order ${orderId}`, () =>
        this.api.get(`orders/${orderId}/refunds`, { per_page: 100, page }),
      );
      const list = parseWith(z.array(z.unknown()), body, `refunds of order ${orderId}`);
      refunds.push(
        ...list.map((r, i) => ({
          summary: parseWith(refundSummary, r, `refund [${i}]`),
          json: JSON.stringify(r),
        })),
      );
      if (page >= Number(headers["x-wp-totalpages"] ?? "1") || list.length === 0) break;
    }
    return refunds;
  }

  /**
   * Writes order meta only: a PUT carrying line items, addresses or shipping would make
   * WooCommerce recalculate the order's totals.
   */
  async updateOrderMeta(
    id: number | string,
    meta: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<WooOrderSummary> {
    const { body } = await this.call(`PUT order ${id} meta`, () =>
      this.api.put(`orders/${id}`, { meta_data: meta.map(({ key, value }) => ({ key, value })) }),
    );
    return parseWith(orderSummary, body, `order ${id}`);
  }

  /** `PUT /settings/<group>/<id>`: an option a plugin registered in WooCommerce's settings API. */
  async updateSetting(group: string, id: string, value: string): Promise<void> {
    await this.call(`PUT setting ${group}/${id}`, () =>
      this.api.put(`settings/${encodeURIComponent(group)}/${encodeURIComponent(id)}`, { value }),
    );
  }

  async listWebhooks(status: WooWebhookStatus | "all" = "all"): Promise<WooWebhook[]> {
    const webhooks: WooWebhook[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { body, headers } = await this.call("GET webhooks", () =>
        this.api.get("webhooks", { status, per_page: 100, page }),
      );
      webhooks.push(...parseWith(z.array(webhookSchema), body, "webhooks"));
      if (page >= Number(headers["x-wp-totalpages"] ?? "1")) break;
    }
    return webhooks;
  }

  async createWebhook(spec: WebhookSpec): Promise<WooWebhook> {
    const { body } = await this.call("POST webhook", () =>
      this.api.post("webhooks", {
        name: spec.name,
        topic: spec.topic,
        delivery_url: spec.deliveryUrl,
        secret: spec.secret,
        status: "active",
      }),
    );
    return parseWith(webhookSchema, body, "created webhook");
  }

  async updateWebhook(
    id: number,
    patch: Partial<{
      name: string;
      status: WooWebhookStatus;
      deliveryUrl: string;
      secret: string;
      topic: string;
    }>,
  ): Promise<WooWebhook> {
    const data: Record<string, string> = {};
    if (patch.name !== undefined) data.name = patch.name;
    if (patch.status !== undefined) data.status = patch.status;
    if (patch.deliveryUrl !== undefined) data.delivery_url = patch.deliveryUrl;
    if (patch.secret !== undefined) data.secret = patch.secret;
    if (patch.topic !== undefined) data.topic = patch.topic;
    const { body } = await this.call(`PUT webhook ${id}`, () => this.api.put(`webhooks/${id}`, data));
    return parseWith(webhookSchema, body, `webhook ${id}`);
  }

  /**
   * Makes sure a webhook for `topic` → `deliveryUrl` exists and is active. WooCommerce disables a
   * webhook after repeated failed deliveries and never retries, so this also re-enables it; the
   * secret is re-sent because it cannot be read back.
   */
  async ensureWebhook(
    spec: WebhookSpec,
  ): Promise<{ webhook: WooWebhook; action: "created" | "reactivated" | "unchanged" }> {
    const existing = (await this.listWebhooks("all")).find(
      (w) => w.topic === spec.topic && w.delivery_url === spec.deliveryUrl,
    );
    if (!existing) return { webhook: await this.createWebhook(spec), action: "created" };
    if (existing.status === "active") return { webhook: existing, action: "unchanged" };
    const webhook = await this.updateWebhook(existing.id, { status: "active", secret: spec.secret });
    return { webhook, action: "reactivated" };
  }

  private async call(
    what: string,
    request: () => Promise<{ data: unknown; headers: unknown }>,
  ): Promise<{ body: unknown; headers: Record<string, string | undefined> }> {
    let response: { data: unknown; headers: unknown };
    try {
      response = await request();
    } catch (error) {
      throw toWooError(what, error);
    }
    const headers = normalizeHeaders(response.headers);
    const text = typeof response.data === "string" ? response.data : JSON.stringify(response.data);
    try {
      return { body: JSON.parse(text) as unknown, headers };
    } catch (cause) {
      throw sourceError(
        "woocommerce",
        "unknown",
        "sourceError.woocommerce.notJson",
        {},
        {
          retryable: true,
          detail: `${what}: the store answered with something that is not JSON (${text.slice(0, 80)})`,
          cause,
        },
      );
    }
  }
}

/** WooCommerce date parameters: ISO-8601 without offset (with `dates_are_gmt`, UTC). */
function wooGmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}
