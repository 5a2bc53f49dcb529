import type { PrismaClient, Shop } from "@prisma/client";
import { saveConnection } from "../../app/engine/ledger-connections.server";
import { DINERO_SIMULATOR_DEFAULTS } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import type { ShopSettingsInput } from "../../app/settings/settings-schema";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";

export interface SeedDineroShopOptions {
  /** The shop's myshopify domain; it must not exist yet in `db`. */
  domain: string;
  /**
   * Seals the Dinero credentials. A worker started as a child process can only open them when
   * its ENCRYPTION_KEY is the key this box was made from.
   */
  box: SecretBox;
  /** Defaults to version 1 with gift cards booked on account 63080. */
  settings?: ShopSettingsInput;
}

/**
 * Creates a Shopify shop with valid settings and a Dinero connection to the simulator's default
 * organisation (API-key login with the simulator's personal client), ready for jobs to transfer.
 * Point DINERO_API_BASE_URL / DINERO_AUTH_BASE_URL at a running simulator before transferring.
 */
export async function seedDineroShop(db: PrismaClient, options: SeedDineroShopOptions): Promise<Shop> {
  const shop = await db.shop.create({ data: { platform: "shopify", domain: options.domain } });
  await connectDineroSimulator(db, shop, options);
  return shop;
}

/** Gives an existing shop (Shopify or WooCommerce) its settings and the simulator's Dinero connection. */
export async function connectDineroSimulator(
  db: PrismaClient,
  shop: Shop,
  options: Pick<SeedDineroShopOptions, "box" | "settings">,
): Promise<void> {
  const saved = await saveShopSettings(
    prismaSettingsStorage(db),
    shop.id,
    options.settings ?? { version: 1, accounts: { giftCardLiability: "63080" } },
  );
  if (!saved.ok) throw new Error(`connectDineroSimulator: invalid settings: ${JSON.stringify(saved.errors)}`);
  await saveConnection(
    db,
    {
      shopId: shop.id,
      provider: "dinero",
      credentials: {
        kind: "apiKey",
        ...DINERO_SIMULATOR_DEFAULTS.personalClient,
        apiKey: DINERO_SIMULATOR_DEFAULTS.apiKey,
      },
      organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId),
      organisationName: DINERO_SIMULATOR_DEFAULTS.organizationName,
    },
    options.box,
  );
}
