import type { PrismaClient } from "@prisma/client";
import type { LedgerAdapter } from "../ledgers/ledger-contract";
import { LedgerError } from "../ledgers/ledger-error";
import { log } from "../lib/log.server";
import { saveShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { proposeSettings } from "./propose-settings";

/**
 * A shop that connects its first ledger gets settings chosen from that ledger's accounts, so
 * the first transfer works. Settings the merchant already saved are never overwritten.
 * Returns whether settings were proposed.
 */
export async function proposeSettingsIfMissing(
  db: PrismaClient,
  shopId: string,
  adapter: LedgerAdapter,
): Promise<boolean> {
  if (await db.shopSettings.findUnique({ where: { shopId }, select: { shopId: true } })) return false;
  let lists;
  try {
    const [salesAccounts, depositAccounts] = await Promise.all([
      adapter.listSalesAccounts(),
      adapter.listDepositAccounts(),
    ]);
    lists = { salesAccounts, depositAccounts };
  } catch (error) {
    // The connection itself is saved; the settings page offers the lists again later.
    if (!LedgerError.is(error)) throw error;
    log.warn("could not read the ledger's accounts to propose settings", { shopId, kind: error.kind });
    return false;
  }
  const saved = await saveShopSettings(prismaSettingsStorage(db), shopId, proposeSettings(lists));
  return saved.ok;
}
