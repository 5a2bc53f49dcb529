import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../lib/secret-box.server";
import { loadShopSettings } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { settingsTokenShop, verifySettingsToken } from "./plugin-signature";
import { normalizeStoreUrl } from "./store-url";
import type { RegisteredWebhook } from "./woo-store-repo.server";
import { findWooStoreByUrl, openStoreSecret } from "./woo-store-repo.server";

export interface WooStoreOverview {
  storeUrl: string;
  locale: string;
  status: string;
  lastError: string | null;
  webhooks: RegisteredWebhook[];
  lastReconciledAt: Date | null;
  ledger: { provider: string; organisationName: string | null } | null;
  trigger: { kind: string; statuses: string[] };
  paused: { reason: string | null } | null;
  jobs: Record<string, number>;
}

/**
 * "Open Ledger Bridge settings" from WordPress: the plugin links here with a token it signed with
 * the store secret, valid for minutes. A valid token means "an admin of this store" — it names
 * no user — and opens only that store's overview.
 */
export async function openStoreOverview(
  db: PrismaClient,
  box: SecretBox,
  token: string,
  nowSeconds: number,
): Promise<WooStoreOverview | null> {
  const named = settingsTokenShop(token);
  const url = named ? normalizeStoreUrl(named, { allowPrivate: true }) : undefined;
  if (!url?.ok) return null;
  const store = await findWooStoreByUrl(db, url.url);
  if (!store || store.shop.uninstalledAt) return null;
  const shop = verifySettingsToken(token, await openStoreSecret(db, box, store), nowSeconds);
  if (!shop || normalizeStoreUrl(shop, { allowPrivate: true }).ok !== true) return null;

  const [settings, connection, counts] = await Promise.all([
    loadShopSettings(prismaSettingsStorage(db), store.shopId),
    db.ledgerConnection.findUnique({ where: { shopId: store.shopId } }),
    db.job.groupBy({ by: ["status"], where: { shopId: store.shopId }, _count: { _all: true } }),
  ]);
  return {
    storeUrl: store.storeUrl,
    locale: store.shop.locale,
    status: store.status,
    lastError: store.lastError,
    webhooks: Array.isArray(store.webhooks) ? (store.webhooks as unknown as RegisteredWebhook[]) : [],
    lastReconciledAt: store.shop.lastReconciledAt,
    ledger: connection
      ? { provider: connection.provider, organisationName: connection.organisationName }
      : null,
    trigger: { kind: settings.transfer.trigger, statuses: settings.transfer.statuses },
    paused: store.shop.paused ? { reason: store.shop.pausedReason } : null,
    jobs: Object.fromEntries(counts.map((c) => [c.status, c._count._all])),
  };
}
