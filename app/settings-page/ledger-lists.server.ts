import type { PrismaClient, Shop } from "@prisma/client";
import { ledgerForShop } from "../engine/ledger-connections.server";
import { LedgerError } from "../ledgers/ledger-error";
import type { LedgerListsState } from "./settings-page-model";

/**
 * The ledger's own lists behind the settings page's dropdowns, read once per page request (one
 * call per list, shared by every field that uses it). When the ledger cannot be reached the page
 * says why and falls back to typed account numbers.
 */

export async function loadLedgerLists(
  db: PrismaClient,
  shop: Shop,
  options: { emailInvoices: boolean; timeoutMs?: number },
): Promise<LedgerListsState> {
  const connection = await db.ledgerConnection.findUnique({
    where: { shopId: shop.id },
    select: { id: true },
  });
  if (!connection) return { status: "notConnected" };
  try {
    const adapter = await ledgerForShop(db, shop.id, {
      choices: { emailInvoices: options.emailInvoices },
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    // Each list once, in parallel; every dropdown of the page shares them.
    const [salesAccounts, depositAccounts, vatCodes, paymentTerms, layouts] = await Promise.all([
      adapter.listSalesAccounts(),
      adapter.listDepositAccounts(),
      adapter.listVatCodes(),
      adapter.listPaymentTerms(),
      adapter.listLayouts(),
    ]);
    return { status: "ok", salesAccounts, depositAccounts, vatCodes, paymentTerms, layouts };
  } catch (error) {
    if (!LedgerError.is(error)) throw error;
    return { status: "unreachable", message: error.merchantMessage };
  }
}
