import { z } from "zod";

/** What the client takes and gives: the store's connection, and the few checked fields of its answers. */

export interface WooCommerceClientOptions {
  /** The store's home URL, e.g. https://shop.example (http:// makes the library use OAuth 1.0a). */
  storeUrl: string;
  consumerKey: string;
  consumerSecret: string;
  timeoutMs?: number;
  /** HTTPS only: send the keys as query parameters for servers that strip `Authorization`. */
  queryStringAuth?: boolean;
}

export const orderSummary = z.looseObject({
  id: z.number(),
  status: z.string(),
  number: z.union([z.string(), z.number()]).nullish(),
  date_modified_gmt: z.string().nullish(),
});

export const refundSummary = z.looseObject({
  id: z.number(),
  amount: z.string(),
  date_created_gmt: z.string().nullish(),
});

export const webhookSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
});

export type WooOrderSummary = z.infer<typeof orderSummary>;

export type WooRefundSummary = z.infer<typeof refundSummary>;

export type WooWebhook = z.infer<typeof webhookSchema>;

export type WooWebhookStatus = "active" | "paused" | "disabled";

/** An order as fetched: a few checked fields, and the JSON text the mappers take. */
export interface WooFetchedOrder {
  summary: WooOrderSummary;
  json: string;
}

export interface WooFetchedRefund {
  summary: WooRefundSummary;
  json: string;
}

export interface ModifiedOrdersPage {
  page: number;
  totalPages: number;
  total: number;
  orders: WooFetchedOrder[];
}

export interface WebhookSpec {
  name: string;
  topic: string;
  deliveryUrl: string;
  secret: string;
}
