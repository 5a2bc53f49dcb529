import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SealedSessionStorage } from "./auth/sealed-session-storage.server";
import { env } from "./config/env.server";
import { prisma } from "./db/prisma.server";
import { secretBox } from "./lib/secrets.server";

/** Admin API version for GraphQL calls and webhook payloads; keep equal to shopify.app.toml. */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

function createShopifyApp() {
  const config = env();
  if (config.mode !== "shopify") {
    throw new Error(
      `Shopify is not configured (${config.mode} mode): set SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL`,
    );
  }
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
      expiringOfflineAccessTokens: true,
    },
  });
}

type ShopifyApp = ReturnType<typeof createShopifyApp>;
let instance: ShopifyApp | undefined;

/** The configured Shopify app; throws in local mode, where nothing may call Shopify. */
export function shopify(): ShopifyApp {
  instance ??= createShopifyApp();
  return instance;
}
