import type { ActionFunctionArgs } from "@remix-run/node";
import { handleShopifyWebhook } from "../webhooks/handle-shopify-webhook.server";

export const action = ({ request }: ActionFunctionArgs) =>
  handleShopifyWebhook(request, "customers/data_request");
