import type { SimHandler, SimRequest, SimResponse, SimRouter } from "../kit/router";
import {
  authenticateWooRequest,
  checkKeyPermission,
  type WooApiKey,
  type WooAuthOptions,
} from "./woo-sim-auth";
import { wooDate, wooErrorBody } from "./woo-sim-json";
import type { WooJson, WooSimStore } from "./woo-sim-store";
import {
  isValidTopic,
  topicHooks,
  topicParts,
  type WooSimWebhook,
  type WooWebhookDispatcher,
  type WooWebhookStatus,
} from "./woo-sim-webhooks";

export interface WooRestContext {
  store: WooSimStore;
  webhooks: WooSimWebhook[];
  dispatcher: WooWebhookDispatcher;
  keys: WooApiKey[];
  auth: WooAuthOptions;
  now: () => Date;
  siteOffsetMinutes: () => number;
  nextWebhookId: () => number;
  newSecret: () => string;
  /**
   * Settings groups plugins registered with `woocommerce_settings_groups` (the companion plugin's
   * "ledger_bridge"), option id → value.
   */
  settingsGroups: Map<string, Map<string, string>>;
}

const API = "/wp-json/wc/v3";
type Access = "list" | "view" | "create" | "edit" | "delete";
const DENIED: Record<Access, [string, string]> = {
  list: ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
  view: ["woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."],
  create: ["woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."],
  edit: ["woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."],
  delete: ["woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."],
};

const error = (
  status: number,
  code: string,
  message: string,
  extra?: Record<string, unknown>,
): SimResponse => ({
  status,
  body: wooErrorBody(code, message, status, extra),
});

const invalidParam = (name: string, reason: string) =>
  error(400, "rest_invalid_param", `Invalid parameter(s): ${name}`, { params: { [name]: reason } });

export function registerWooRestRoutes(router: SimRouter, ctx: WooRestContext): void {
  const guarded =
    (
      access: Access,
      handler: (request: SimRequest, key: WooApiKey) => SimResponse | Promise<SimResponse>,
    ): SimHandler =>
    (request) => {
      const result = authenticateWooRequest(request, ctx.keys, ctx.auth);
      if (result === undefined) {
        const [code, message] = DENIED[access];
        return error(401, code, message);
      }
      if (!("consumerKey" in result)) return result;
      return checkKeyPermission(result, request.method) ?? handler(request, result);
    };

  const order = (request: SimRequest) => {
    const found = ctx.store.orders.get(Number(request.params.id));
    return found ?? null;
  };
  const orderNotFound = () => error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");

  router.on(
    "GET",
    `${API}/orders`,
    guarded("list", (request) => listOrders(request, ctx)),
  );
  router.on(
    "GET",
    `${API}/orders/:id`,
    guarded("view", (request) => {
      const found = order(request);
      return found ? { status: 200, body: found } : orderNotFound();
    }),
  );
  // Only meta_data and status: a PUT with line items would make WooCommerce recalculate totals.
  router.on(
    "PUT",
    `${API}/orders/:id`,
    guarded("edit", (request) => {
      const found = order(request);
      if (!found) return orderNotFound();
      const body = (request.json() ?? {}) as WooJson;
      const patch: WooJson = {};
      if (typeof body.status === "string") patch.status = body.status;
      if (Array.isArray(body.meta_data))
        patch.meta_data = mergeMeta(found.meta_data, body.meta_data as WooJson[]);
      return { status: 200, body: ctx.store.updateOrder(Number(found.id), patch) };
    }),
  );
  router.on(
    "GET",
    `${API}/orders/:id/refunds`,
    guarded("list", (request) => {
      const found = order(request);
      if (!found) return orderNotFound();
      const all = ctx.store.refunds.get(Number(found.id)) ?? [];
      const paged = paginate(request, all);
      return "status" in paged ? paged : { status: 200, headers: paged.headers, body: paged.items };
    }),
  );
  router.on(
    "GET",
    `${API}/orders/:id/refunds/:rid`,
    guarded("view", (request) => {
      const found = order(request);
      if (!found) return orderNotFound();
      const refund = (ctx.store.refunds.get(Number(found.id)) ?? []).find(
        (r) => String(r.id) === request.params.rid,
      );
      return refund
        ? { status: 200, body: refund }
        : error(404, "woocommerce_rest_shop_order_refund_invalid_id", "Invalid ID.");
    }),
  );

  registerSettingsRoutes(router, ctx, guarded);

  const webhookNotFound = () => error(404, "woocommerce_rest_shop_webhook_invalid_id", "Invalid ID.");
  const findWebhook = (request: SimRequest) => ctx.webhooks.find((w) => String(w.id) === request.params.id);

  router.on(
    "GET",
    `${API}/webhooks`,
    guarded("list", (request) => {
      const status = request.query.get("status") ?? "all";
      if (!["all", "active", "paused", "disabled"].includes(status)) {
        return invalidParam("status", "status is not one of all, active, paused, and disabled.");
      }
      const matching = ctx.webhooks.filter((w) => status === "all" || w.status === status);
      const paged = paginate(request, matching);
      return "status" in paged
        ? paged
        : { status: 200, headers: paged.headers, body: paged.items.map((w) => webhookJson(w, ctx)) };
    }),
  );
  router.on(
    "GET",
    `${API}/webhooks/:id`,
    guarded("view", (request) => {
      const found = findWebhook(request);
      return found ? { status: 200, body: webhookJson(found, ctx) } : webhookNotFound();
    }),
  );
  router.on(
    "POST",
    `${API}/webhooks`,
    guarded("create", async (request, key) => {
      const body = (request.json() ?? {}) as WooJson;
      if (typeof body.topic !== "string" || !body.topic)
        return error(400, "rest_missing_callback_param", "Missing parameter(s): topic", {
          params: ["topic"],
        });
      if (typeof body.delivery_url !== "string" || !body.delivery_url)
        return error(400, "rest_missing_callback_param", "Missing parameter(s): delivery_url", {
          params: ["delivery_url"],
        });
      if (!isValidTopic(body.topic))
        return error(
          400,
          "woocommerce_rest_webhook_invalid_topic",
          "Webhook topic is required and must be valid.",
        );
      if (!/^https?:\/\/[^\s]+$/i.test(body.delivery_url))
        return error(
          400,
          "woocommerce_rest_webhook_invalid_delivery_url",
          "Webhook delivery URL must be a valid URL starting with http:// or https://.",
        );
      const status = parseStatus(body.status) ?? "active";
      const stamp = wooDate(ctx.now());
      const webhook: WooSimWebhook = {
        id: ctx.nextWebhookId(),
        name: typeof body.name === "string" && body.name ? body.name : `Webhook created on ${stamp}`,
        status,
        topic: body.topic,
        deliveryUrl: body.delivery_url,
        secret: typeof body.secret === "string" && body.secret ? body.secret : ctx.newSecret(),
        userId: key.userId,
        failureCount: 0,
        pendingDelivery: true,
        dateCreatedGmt: stamp,
        dateModifiedGmt: stamp,
      };
      ctx.webhooks.push(webhook);
      // The REST controller pings after saving and ignores the outcome.
      await ctx.dispatcher.ping(webhook);
      return { status: 201, body: webhookJson(webhook, ctx) };
    }),
  );
  router.on(
    "PUT",
    `${API}/webhooks/:id`,
    guarded("edit", async (request) => {
      const webhook = findWebhook(request);
      if (!webhook) return webhookNotFound();
      const body = (request.json() ?? {}) as WooJson;
      if (body.status !== undefined && parseStatus(body.status) === undefined) {
        return invalidParam("status", "status is not one of active, paused, and disabled.");
      }
      if (typeof body.topic === "string") {
        if (!isValidTopic(body.topic))
          return error(400, "woocommerce_rest_webhook_invalid_topic", "Webhook topic must be valid.");
        webhook.topic = body.topic;
      }
      const urlChanged = typeof body.delivery_url === "string" && body.delivery_url !== webhook.deliveryUrl;
      if (typeof body.delivery_url === "string") webhook.deliveryUrl = body.delivery_url;
      if (typeof body.name === "string") webhook.name = body.name;
      if (typeof body.secret === "string" && body.secret) webhook.secret = body.secret;
      const status = parseStatus(body.status);
      if (status) {
        // Assumption: re-activating starts a fresh failure count, else one more failure would
        // disable the webhook again immediately.
        if (status === "active" && webhook.status !== "active") webhook.failureCount = 0;
        webhook.status = status;
      }
      if (urlChanged) webhook.pendingDelivery = true;
      webhook.dateModifiedGmt = wooDate(ctx.now());
      // The data store pings on save while active and the URL changed or no ping has succeeded yet.
      if (webhook.status === "active" && webhook.pendingDelivery) await ctx.dispatcher.ping(webhook);
      return { status: 200, body: webhookJson(webhook, ctx) };
    }),
  );
  router.on(
    "DELETE",
    `${API}/webhooks/:id`,
    guarded("delete", (request) => {
      const webhook = findWebhook(request);
      if (!webhook) return webhookNotFound();
      if (request.query.get("force") !== "true" && request.query.get("force") !== "1") {
        return error(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
      }
      ctx.webhooks.splice(ctx.webhooks.indexOf(webhook), 1);
      return { status: 200, body: webhookJson(webhook, ctx) };
    }),
  );
}

type Guard = (
  access: Access,
  handler: (request: SimRequest, key: WooApiKey) => SimResponse | Promise<SimResponse>,
) => SimHandler;

/** `WC_REST_Setting_Options_Controller`: only groups and options a plugin registered exist. */
function registerSettingsRoutes(router: SimRouter, ctx: WooRestContext, guarded: Guard): void {
  const settingJson = (group: string, id: string, value: string): WooJson => ({
    id,
    label: id,
    description: "",
    type: "text",
    default: "",
    value,
    group_id: group,
  });
  router.on(
    "GET",
    `${API}/settings/:group`,
    guarded("list", (request) => {
      const group = ctx.settingsGroups.get(request.params.group ?? "");
      if (!group) return error(404, "rest_setting_setting_group_invalid", "Invalid setting group.");
      return {
        status: 200,
        body: [...group].map(([id, value]) => settingJson(request.params.group ?? "", id, value)),
      };
    }),
  );
  router.on(
    "PUT",
    `${API}/settings/:group/:id`,
    guarded("edit", (request) => {
      const groupId = request.params.group ?? "";
      const id = request.params.id ?? "";
      const group = ctx.settingsGroups.get(groupId);
      if (!group) return error(404, "rest_setting_setting_group_invalid", "Invalid setting group.");
      if (!group.has(id)) return error(404, "rest_setting_setting_invalid", "Invalid setting.");
      const body = (request.json() ?? {}) as WooJson;
      const value = typeof body.value === "string" ? body.value : String(body.value ?? "");
      group.set(id, value);
      return { status: 200, body: settingJson(groupId, id, value) };
    }),
  );
}

function parseStatus(value: unknown): WooWebhookStatus | undefined {
  return value === "active" || value === "paused" || value === "disabled" ? value : undefined;
}

function webhookJson(webhook: WooSimWebhook, ctx: WooRestContext): WooJson {
  const { resource, event } = topicParts(webhook.topic);
  const base = ctx.auth.baseUrl();
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: topicHooks(webhook.topic),
    delivery_url: webhook.deliveryUrl,
    date_created: webhook.dateCreatedGmt,
    date_created_gmt: webhook.dateCreatedGmt,
    date_modified: webhook.dateModifiedGmt,
    date_modified_gmt: webhook.dateModifiedGmt,
    _links: {
      self: [{ href: `${base}${API}/webhooks/${webhook.id}` }],
      collection: [{ href: `${base}${API}/webhooks` }],
    },
  };
}

function mergeMeta(existing: unknown, updates: WooJson[]): WooJson[] {
  const list = Array.isArray(existing) ? [...(existing as WooJson[])] : [];
  let nextId = list.reduce((max, m) => Math.max(max, Number(m.id) || 0), 0) + 1;
  for (const update of updates) {
    const found = list.find((m) => m.key === update.key);
    if (found) found.value = update.value;
    else list.push({ id: nextId++, key: update.key, value: update.value });
  }
  return list;
}

const ORDERBY = new Set(["date", "id", "include", "title", "slug", "modified"]);

function listOrders(request: SimRequest, ctx: WooRestContext): SimResponse {
  const q = request.query;
  const gmt = q.get("dates_are_gmt") === "true" || q.get("dates_are_gmt") === "1";
  const orderby = q.get("orderby") ?? "date";
  if (!ORDERBY.has(orderby))
    return invalidParam("orderby", `orderby is not one of ${[...ORDERBY].join(", ")}.`);
  const direction = q.get("order") ?? "desc";
  if (direction !== "asc" && direction !== "desc")
    return invalidParam("order", "order is not one of asc and desc.");

  const bounds: Array<[string, string, (a: string, b: string) => boolean]> = [];
  for (const [param, field, cmp] of [
    ["after", "date_created", (a: string, b: string) => a > b],
    ["before", "date_created", (a: string, b: string) => a < b],
    ["modified_after", "date_modified", (a: string, b: string) => a > b],
    ["modified_before", "date_modified", (a: string, b: string) => a < b],
  ] as const) {
    const raw = q.get(param);
    if (raw === null) continue;
    const normalized = normalizeDate(raw, gmt, ctx);
    if (!normalized) return invalidParam(param, `${param} is not a valid date.`);
    bounds.push([gmt ? `${field}_gmt` : field, normalized, cmp]);
  }

  const statuses = readList(q, "status");
  const wanted = statuses.length === 0 || statuses.includes("any") ? null : new Set(statuses);
  let orders = [...ctx.store.orders.values()].filter((o) => {
    const status = String(o.status ?? "");
    if (wanted ? !wanted.has(status) : status === "trash") return false;
    return bounds.every(
      ([field, value, cmp]) => typeof o[field] === "string" && cmp(o[field] as string, value),
    );
  });
  const sortKey = (o: WooJson): string | number =>
    orderby === "id" || orderby === "include"
      ? Number(o.id)
      : orderby === "modified"
        ? String(o.date_modified_gmt ?? "")
        : String(o.date_created_gmt ?? "");
  orders = orders.sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    const byKey = x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id);
    return direction === "asc" ? byKey : -byKey;
  });
  const paged = paginate(request, orders);
  return "status" in paged ? paged : { status: 200, headers: paged.headers, body: paged.items };
}

/** `status=a,b`, `status[]=a`, `status[0]=a` (the npm library over HTTP) all mean a list. */
function readList(q: URLSearchParams, name: string): string[] {
  const values = new Set<string>();
  for (const [key, value] of q) {
    if (key === name || key === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(key)) {
      for (const part of value.split(",")) if (part.trim()) values.add(part.trim());
    }
  }
  return [...values];
}

/** ISO date without offset = the requested basis; with an offset it is converted. */
function normalizeDate(raw: string, gmt: boolean, ctx: WooRestContext): string | undefined {
  const plain = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})$/.exec(raw);
  if (plain) return `${plain[1]}T${plain[2]}`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return undefined;
  return wooDate(new Date(ms + (gmt ? 0 : ctx.siteOffsetMinutes() * 60_000)));
}

function paginate<T>(
  request: SimRequest,
  items: T[],
): { items: T[]; headers: Record<string, string> } | SimResponse {
  const perPage = Number(request.query.get("per_page") ?? "10");
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
  }
  const page = Number(request.query.get("page") ?? "1");
  if (!Number.isInteger(page) || page < 1)
    return invalidParam("page", "page must be greater than or equal to 1");
  const offset = request.query.has("offset") ? Number(request.query.get("offset")) : (page - 1) * perPage;
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const headers: Record<string, string> = {
    "X-WP-Total": String(total),
    "X-WP-TotalPages": String(totalPages),
  };
  const links: string[] = [];
  const pageUrl = (n: number) => {
    const params = new URLSearchParams(request.query);
    for (const k of [...params.keys()])
      if (k.startsWith("oauth_") || k.startsWith("consumer_")) params.delete(k);
    params.set("page", String(n));
    return `<${request.path}?${params.toString()}>`;
  };
  if (page > 1 && page - 1 <= totalPages) links.push(`${pageUrl(page - 1)}; rel="prev"`);
  if (page < totalPages) links.push(`${pageUrl(page + 1)}; rel="next"`);
  if (links.length > 0) headers.Link = links.join(", ");
  return { items: items.slice(offset, offset + perPage), headers };
}
