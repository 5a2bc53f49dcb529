import { wooDate } from "./woo-sim-json";

export type WooJson = Record<string, unknown>;

export interface NewRefund {
  amount: string;
  reason?: string;
  refundedPayment?: boolean;
  lineItems?: WooJson[];
}

/** Order statuses WooCommerce never sends webhooks for (`WC_Webhook::is_valid_resource`). */
export const NO_WEBHOOK_STATUSES = new Set(["draft", "auto-draft", "new"]);

/**
 * The simulated store's orders and refunds as REST v3 JSON. Every change bumps `date_modified`
 * and reports the WordPress hook WooCommerce would fire, which the webhook dispatcher maps to
 * topics.
 */
export class WooSimStore {
  readonly orders = new Map<number, WooJson>();
  readonly refunds = new Map<number, WooJson[]>();
  private nextId = 10_000;

  constructor(
    private readonly now: () => Date,
    private readonly siteOffsetMinutes: number,
    private readonly onHook: (hook: string, orderId: number) => void,
    private readonly storeUrl: () => string,
  ) {}

  seedOrder(order: WooJson): void {
    const id = Number(order.id);
    this.orders.set(id, structuredClone(order));
    if (!this.refunds.has(id)) this.refunds.set(id, []);
    this.nextId = Math.max(this.nextId, id + 1);
  }

  seedRefund(orderId: number, refund: WooJson): void {
    const list = this.refunds.get(orderId);
    if (!list) throw new Error(`seedRefund: order ${orderId} is not seeded`);
    list.unshift(structuredClone(refund));
    this.nextId = Math.max(this.nextId, Number(refund.id) + 1);
  }

  createOrder(order: WooJson): WooJson {
    const id = this.nextId++;
    const stamp = this.stamps();
    const created: WooJson = {
      status: "pending",
      refunds: [],
      meta_data: [],
      ...structuredClone(order),
      id,
      number: String(id),
      date_created: stamp.site,
      date_created_gmt: stamp.gmt,
      date_modified: stamp.site,
      date_modified_gmt: stamp.gmt,
    };
    this.orders.set(id, created);
    this.refunds.set(id, []);
    this.onHook("woocommerce_new_order", id);
    return created;
  }

  updateOrder(id: number, patch: WooJson): WooJson {
    const order = this.requireOrder(id);
    const stamp = this.stamps();
    Object.assign(order, structuredClone(patch), { date_modified: stamp.site, date_modified_gmt: stamp.gmt });
    if (patch.status === "completed" && !order.date_completed) {
      Object.assign(order, { date_completed: stamp.site, date_completed_gmt: stamp.gmt });
    }
    this.onHook("woocommerce_update_order", id);
    return order;
  }

  /** `wc_create_refund`: adds the refund, the summary on the order, and fires `woocommerce_order_refunded`. */
  createRefund(orderId: number, input: NewRefund): WooJson {
    const order = this.requireOrder(orderId);
    const id = this.nextId++;
    const stamp = this.stamps();
    const refund: WooJson = {
      id,
      date_created: stamp.site,
      date_created_gmt: stamp.gmt,
      amount: input.amount,
      reason: input.reason ?? "",
      refunded_by: 1,
      refunded_payment: input.refundedPayment ?? false,
      meta_data: [],
      line_items: input.lineItems ?? [],
      shipping_lines: [],
      tax_lines: [],
      fee_lines: [],
      _links: {
        self: [{ href: `${this.storeUrl()}/wp-json/wc/v3/orders/${orderId}/refunds/${id}` }],
        collection: [{ href: `${this.storeUrl()}/wp-json/wc/v3/orders/${orderId}/refunds` }],
        up: [{ href: `${this.storeUrl()}/wp-json/wc/v3/orders/${orderId}` }],
      },
    };
    this.refunds.get(orderId)?.unshift(refund);
    const summaries = Array.isArray(order.refunds) ? (order.refunds as WooJson[]) : [];
    order.refunds = [{ id, reason: refund.reason, total: `-${input.amount}` }, ...summaries];
    Object.assign(order, { date_modified: stamp.site, date_modified_gmt: stamp.gmt });
    this.onHook("woocommerce_order_refunded", orderId);
    return refund;
  }

  trashOrder(id: number): void {
    this.requireOrder(id);
    this.updateStatusSilently(id, "trash");
    this.onHook("woocommerce_trash_order", id);
  }

  restoreOrder(id: number, status = "pending"): void {
    this.updateStatusSilently(id, status);
    this.onHook("woocommerce_untrash_order", id);
  }

  private updateStatusSilently(id: number, status: string): void {
    const stamp = this.stamps();
    Object.assign(this.requireOrder(id), { status, date_modified: stamp.site, date_modified_gmt: stamp.gmt });
  }

  requireOrder(id: number): WooJson {
    const order = this.orders.get(id);
    if (!order) throw new Error(`WooCommerce simulator: no order ${id}`);
    return order;
  }

  private stamps(): { gmt: string; site: string } {
    const now = this.now();
    return { gmt: wooDate(now), site: wooDate(new Date(now.getTime() + this.siteOffsetMinutes * 60_000)) };
  }
}
