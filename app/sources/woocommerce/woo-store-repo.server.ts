import { randomBytes } from "node:crypto";
import type { PrismaClient, Shop, WooStore } from "@prisma/client";
import { z } from "zod";
import type { SecretBox } from "../../lib/secret-box.server";
import { WooCommerceClient } from "./woocommerce-client";
import { storableText } from "../../lib/storable-text";

/**
 * A WooCommerce store's record: a `Shop` (platform woocommerce, domain = normalized site URL)
 * with its `WooStore` — REST keys and per-store secrets sealed with SecretBox, opened only in
 * memory to call the store or check a signature.
 */

const apiKeysSchema = z.object({
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  keyId: z.number().optional(),
  permissions: z.string().optional(),
});
export type WooApiKeys = z.infer<typeof apiKeysSchema>;

export interface RegisteredWebhook {
  topic: string;
  id: number;
  status: string;
}

export type WooStoreWithShop = WooStore & { shop: Shop };

export function newStoreSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Creates the shop (or re-installs it) and stores its keys; secrets are created once and kept. */
export async function saveWooStore(
  db: PrismaClient,
  box: SecretBox,
  input: { storeUrl: string; appUrl: string; keys: WooApiKeys },
): Promise<WooStoreWithShop> {
  const shop = await db.shop.upsert({
    where: { platform_domain: { platform: "woocommerce", domain: input.storeUrl } },
    create: { platform: "woocommerce", domain: input.storeUrl },
    update: { uninstalledAt: null },
  });
  const apiKeys = box.sealJson(apiKeysSchema.parse(input.keys));
  return db.wooStore.upsert({
    where: { shopId: shop.id },
    create: {
      shopId: shop.id,
      storeUrl: input.storeUrl,
      appUrl: input.appUrl,
      apiKeys,
      webhookSecret: box.seal(newStoreSecret()),
      storeSecret: box.seal(newStoreSecret()),
    },
    // Reconnecting replaces the keys; the secrets stay, so the plugin's copy stays valid.
    update: { apiKeys, appUrl: input.appUrl, status: "connected", lastError: null },
    include: { shop: true },
  });
}

export async function findWooStore(db: PrismaClient, shopId: string): Promise<WooStoreWithShop | null> {
  return db.wooStore.findUnique({ where: { shopId }, include: { shop: true } });
}

export async function findWooStoreByUrl(
  db: PrismaClient,
  storeUrl: string,
): Promise<WooStoreWithShop | null> {
  const shop = await db.shop.findUnique({
    where: { platform_domain: { platform: "woocommerce", domain: storeUrl } },
    include: { wooStore: true },
  });
  if (!shop?.wooStore) return null;
  const { wooStore, ...rest } = shop;
  return { ...wooStore, shop: rest };
}

/** Opens one sealed column, re-sealing it when it was sealed with a previous key (rotation). */
async function openColumn(
  db: PrismaClient,
  box: SecretBox,
  store: WooStore,
  column: "apiKeys" | "webhookSecret" | "storeSecret",
): Promise<string> {
  const plain = box.open(store[column]);
  if (box.needsRotation(store[column])) {
    await db.wooStore.update({ where: { shopId: store.shopId }, data: { [column]: box.seal(plain) } });
  }
  return plain;
}

export async function openApiKeys(db: PrismaClient, box: SecretBox, store: WooStore): Promise<WooApiKeys> {
  return apiKeysSchema.parse(JSON.parse(await openColumn(db, box, store, "apiKeys")));
}

export function openWebhookSecret(db: PrismaClient, box: SecretBox, store: WooStore): Promise<string> {
  return openColumn(db, box, store, "webhookSecret");
}

export function openStoreSecret(db: PrismaClient, box: SecretBox, store: WooStore): Promise<string> {
  return openColumn(db, box, store, "storeSecret");
}

export interface WooClientOptions {
  timeoutMs?: number;
}

/** The store's REST client with its opened keys. */
export async function wooClientFor(
  db: PrismaClient,
  box: SecretBox,
  store: WooStore,
  options: WooClientOptions = {},
): Promise<WooCommerceClient> {
  const keys = await openApiKeys(db, box, store);
  return new WooCommerceClient({
    storeUrl: store.storeUrl,
    consumerKey: keys.consumerKey,
    consumerSecret: keys.consumerSecret,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
}

export async function recordStoreProblem(
  db: PrismaClient,
  shopId: string,
  problem: { message: string; needsReconnect: boolean },
): Promise<void> {
  await db.wooStore.update({
    where: { shopId },
    data: {
      // The store's own words: whatever text its error carried.
      lastError: storableText(problem.message),
      ...(problem.needsReconnect ? { status: "needsReconnect" } : {}),
    },
  });
}
