import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { shopifyApi } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SealedSessionStorage } from "./auth/sealed-session-storage.server";
import { env } from "./config/env.server";
import { prisma } from "./db/prisma.server";
import { secretBox } from "./lib/secrets.server";

/** Admin API version for GraphQL calls and webhook payloads; keep equal to shopify.app.toml. */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

function shopifyConfig() {
  const config = env();
  if (config.mode !== "shopify") {
    throw new Error(
      `Shopify is not configured (${config.mode} mode): set SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL`,
    );
  }
  return config;
}

function createShopifyApp() {
  const config = shopifyConfig();
  return shopifyApp({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET ?? "",
    apiVersion: SHOPIFY_API_VERSION,
    scopes: config.SCOPES.split(",").map((scope) => scope.trim()),
    appUrl: config.SHOPIFY_APP_URL ?? "",
    authPathPrefix: "/auth",
    // Offline access tokens are secrets: sealed at rest like ledger credentials.
    sessionStorage: new SealedSessionStorage(new PrismaSessionStorage(prisma()), secretBox),
    distribution: AppDistribution.AppStore,
    future: {
      unstable_newEmbeddedAuthStrategy: true,
      // Offline tokens last an hour and come with a refresh token (stored, sealed, in Session):
      // Shopify stops accepting non-expiring offline tokens from public apps on 2027-01-01.
      expiringOfflineAccessTokens: true,
    },
  });
}

/**
 * Shopify's API library with the app's credentials, for the grant `shopifyApp` does not offer:
 * migrating an install's non-expiring offline token to an expiring one (offline-session.server.ts).
 */
function createShopifyApi() {
  const config = shopifyConfig();
  const appUrl = new URL(config.SHOPIFY_APP_URL ?? "https://localhost");
  return shopifyApi({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET ?? "",
    apiVersion: SHOPIFY_API_VERSION,
    scopes: config.SCOPES.split(",").map((scope) => scope.trim()),
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === "http:" ? "http" : "https",
    isEmbeddedApp: true,
    // Its future flags concern REST resources and billing, which this app does not use.
    _logDisabledFutureFlags: false,
  });
}

type ShopifyApp = ReturnType<typeof createShopifyApp>;
let instance: ShopifyApp | undefined;

/** The configured Shopify app; throws in local mode, where nothing may call Shopify. */
export function shopify(): ShopifyApp {
  instance ??= createShopifyApp();
  return instance;
}

let apiInstance: ReturnType<typeof createShopifyApi> | undefined;

/** The configured Shopify API library (token grants); throws in local mode like `shopify()`. */
export function shopifyAuthApi(): ReturnType<typeof createShopifyApi> {
  apiInstance ??= createShopifyApi();
  return apiInstance;
}

/** Forgets the configured app, so a test can configure another one (env changes between tests). */
export function resetShopifyForTests(): void {
  instance = undefined;
  apiInstance = undefined;
}
