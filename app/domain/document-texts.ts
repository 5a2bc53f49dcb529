import type { Order } from "./order";

export interface TextValues {
  orderName: string;
  orderNumber: string;
  source: string;
  refundId?: string;
}

export function textValues(
  order: Pick<Order, "name" | "number" | "source">,
  prefix: string,
  refundId?: string,
): TextValues {
  return {
    orderName: prefix ? `${prefix}${order.number}` : order.name,
    orderNumber: `${prefix}${order.number}`,
    source: order.source === "shopify" ? "Shopify" : "WooCommerce",
    ...(refundId !== undefined ? { refundId } : {}),
  };
}

/** Replaces {orderName}, {orderNumber}, {source} and {refundId}; unknown placeholders stay visible. */
export function fillTemplate(template: string, values: TextValues): string {
  return template.replace(
    /\{(orderName|orderNumber|source|refundId)\}/g,
    (match, key: keyof TextValues) => values[key] ?? match,
  );
}
