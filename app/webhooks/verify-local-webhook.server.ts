// The signature is the Shopify source's (app/sources/shopify); kept here for the tests that sign with it.
export { isValidShopifySignature, signShopifyWebhook } from "../sources/shopify/shopify-webhook-signature";
