import type { PrismaClient, Shop } from "@prisma/client";
import { saveConnection } from "../../app/engine/ledger-connections.server";
import { DINERO_SIMULATOR_DEFAULTS } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";

/** The Dinero simulator's personal-integration credentials, as a connection stores them. */
export const DINERO_SIMULATOR_CREDENTIALS = {
  kind: "apiKey",
  ...DINERO_SIMULATOR_DEFAULTS.personalClient,
  apiKey: DINERO_SIMULATOR_DEFAULTS.apiKey,
} as const;

export interface ShopSeed {
  domain: string;
  /** Settings document; defaults to Danish defaults with the Dinero gift-card account. */
  settings?: Record<string, unknown>;
  connection?: { provider: string; credentials: unknown; organisationId?: string; organisationName?: string };
  box: SecretBox;
}

/** An installed Shopify shop with settings and a ledger connection sealed with `box`. */
export async function seedShop(db: PrismaClient, seed: ShopSeed): Promise<Shop> {
  const shop = await db.shop.upsert({
    where: { platform_domain: { platform: "shopify", domain: seed.domain } },
    create: { platform: "shopify", domain: seed.domain },
    update: {},
  });
  const saved = await saveShopSettings(
    prismaSettingsStorage(db),
    shop.id,
    seed.settings ?? { version: 1, accounts: { giftCardLiability: "63080" } },
  );
  if (!saved.ok) throw new Error(`invalid seed settings: ${JSON.stringify(saved.errors)}`);
  const connection = seed.connection ?? {
    provider: "dinero",
    credentials: DINERO_SIMULATOR_CREDENTIALS,
    organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId),
  };
  await saveConnection(db, { shopId: shop.id, ...connection }, seed.box);
  return shop;
}
