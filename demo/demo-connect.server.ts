import type { PrismaClient } from "@prisma/client";
import { saveConnection } from "../app/engine/ledger-connections.server";
import { isLedgerProviderId } from "../app/ledgers/registry";
import type { SecretBox } from "../app/lib/secret-box.server";
import { saveShopSettings } from "../app/settings/settings-store";
import { prismaSettingsStorage } from "../app/shops/shop-settings-storage.server";
import type { DemoEnvironment, DemoLedger } from "./demo-types";

/**
 * Connects a shop to one of the demo's ledger simulators with the simulator's own keys (sealed
 * like any other credentials) and settings that book to the simulator's accounts.
 */
export async function connectDemoLedger(
  db: PrismaClient,
  shopId: string,
  ledger: DemoLedger,
  box?: SecretBox,
): Promise<void> {
  await saveConnection(
    db,
    {
      shopId,
      provider: ledger.provider,
      credentials: ledger.credentials,
      ...(ledger.organisationId ? { organisationId: ledger.organisationId } : {}),
      organisationName: ledger.organisationName,
    },
    box,
  );
  const saved = await saveShopSettings(prismaSettingsStorage(db), shopId, ledger.settings);
  if (!saved.ok) {
    // The demo's own settings are fixed; failing here is a bug, not a merchant problem.
    throw new Error(`demo settings for ${ledger.provider} are invalid: ${JSON.stringify(saved.errors)}`);
  }
}

/** DEMO_LEDGER at start: connect only a shop that has no ledger yet, never replace a real choice. */
export async function connectDemoLedgerIfUnconnected(
  db: PrismaClient,
  shopId: string,
  ledger: DemoLedger,
  box?: SecretBox,
): Promise<boolean> {
  const existing = await db.ledgerConnection.findUnique({ where: { shopId }, select: { id: true } });
  if (existing) return false;
  await connectDemoLedger(db, shopId, ledger, box);
  return true;
}

/**
 * Books the demo store's orders to the ledger simulator the demo shop is connected to: connects
 * the store's shop to it (keys and settings as the demo shop got them) when it has no ledger or
 * another one. Returns the provider, or undefined while the demo shop has no simulated ledger.
 */
export async function linkDemoWooLedger(
  db: PrismaClient,
  demo: DemoEnvironment,
  demoShopId: string,
  box?: SecretBox,
): Promise<string | undefined> {
  const wooShopId = demo.woocommerce?.shopId;
  if (!wooShopId) return undefined;
  const [shopConnection, storeConnection] = await Promise.all([
    db.ledgerConnection.findUnique({ where: { shopId: demoShopId }, select: { provider: true } }),
    db.ledgerConnection.findUnique({ where: { shopId: wooShopId }, select: { provider: true } }),
  ]);
  const provider = shopConnection?.provider;
  const ledger = provider && isLedgerProviderId(provider) ? demo.ledgers[provider] : undefined;
  if (!ledger) return undefined;
  if (storeConnection?.provider !== ledger.provider) await connectDemoLedger(db, wooShopId, ledger, box);
  return ledger.provider;
}
