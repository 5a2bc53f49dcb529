import type { PrismaClient, Shop } from "@prisma/client";
import { vatRoundingForShop } from "../engine/ledger-connections.server";
import { describeConnection } from "../onboarding/connect-ledger.server";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { loadShopSettings, saveShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { rateAccountsMissingFromLedger } from "./ledger-account-check";
import { ruleAccountsMissingFromLedger } from "./rules-form";
import { fixedCustomersNeedingNumber } from "./fixed-customer-check";
import { gatewayRowsOf } from "./gateway-terms-form";
import { payoutAccountsMissingFromLedger } from "./payout-form-fields";
import { loadLedgerLists } from "./ledger-lists.server";
import { gatewaysSeenOnOrders } from "./seen-gateways.server";
import {
  fieldErrorsFor,
  formToSettings,
  parseSubmittedForm,
  settingsToForm,
  type FormErrors,
} from "./settings-form";
import type { SaveSettingsResult, SettingsPageModel } from "./settings-page-model";
import { previewWithForm, type SettingsPreview } from "./settings-preview";
import { previewOrderFor } from "./settings-preview.server";

/** The settings page's use cases: what the page shows, saving it, and previewing unsaved changes. */

export async function loadSettingsPage(db: PrismaClient, shop: Shop): Promise<SettingsPageModel> {
  const [stored, settings] = await Promise.all([
    db.shopSettings.findUnique({ where: { shopId: shop.id }, select: { shopId: true } }),
    loadShopSettings(prismaSettingsStorage(db), shop.id),
  ]);
  const form = settingsToForm(settings);
  form.gateways = gatewayRowsOf(settings, await gatewaysSeenOnOrders(db, shop, settings));
  const [connection, lists, order, rounding] = await Promise.all([
    describeConnection(db, shop),
    loadLedgerLists(db, shop, { emailInvoices: settings.transfer.email.enabled }),
    previewOrderFor(db, shop),
    vatRoundingForShop(db, shop.id),
  ]);
  return {
    form,
    saved: stored !== null,
    connection,
    lists,
    preview: previewWithForm(order, form, shop.domain, rounding),
  };
}

/** Validates the submitted form with the settings schema; nothing is stored unless all of it is valid. */
export async function saveSettingsForm(
  db: PrismaClient,
  shop: Shop,
  submitted: Readonly<Record<string, string>>,
): Promise<SaveSettingsResult> {
  const form = parseSubmittedForm(submitted);
  const { document, errors } = formToSettings(form);
  const parsed = parseSettings(document);
  const all: FormErrors = { ...(parsed.ok ? {} : fieldErrorsFor(parsed.errors, form)), ...errors };
  if (parsed.ok && Object.keys(all).length === 0) {
    Object.assign(all, await rateAccountsTheLedgerLacks(db, shop, parsed.settings));
    const provider = (await describeConnection(db, shop))?.provider;
    Object.assign(all, fixedCustomersNeedingNumber(parsed.settings, provider));
  }
  if (Object.keys(all).length > 0) return { ok: false, errors: all };
  const saved = await saveShopSettings(prismaSettingsStorage(db), shop.id, document);
  return saved.ok ? { ok: true } : { ok: false, errors: fieldErrorsFor(saved.errors, form) };
}

/**
 * Per-rate accounts are checked against the connected ledger's chart (one request, only when
 * some are chosen). A ledger that cannot be reached is not a reason to refuse the save: the
 * transfer checks the account again.
 */
async function rateAccountsTheLedgerLacks(db: PrismaClient, shop: Shop, settings: ShopSettings) {
  const { oss, voec } = settings.accounts.byRate;
  const ruleAccounts = settings.rules.some((rule) => rule.account !== undefined);
  if (
    Object.keys(oss).length === 0 &&
    Object.keys(voec).length === 0 &&
    !ruleAccounts &&
    !settings.payouts.enabled
  ) {
    return {};
  }
  const lists = await loadLedgerLists(db, shop, { emailInvoices: settings.transfer.email.enabled });
  if (lists.status !== "ok") return {};
  const connection = await describeConnection(db, shop);
  const ledger = connection?.displayName ?? "";
  return {
    ...rateAccountsMissingFromLedger(settings, lists.salesAccounts, ledger),
    // Mapping rules (#18): a rule naming an account the ledger lacks is refused on save.
    ...ruleAccountsMissingFromLedger(settings, lists.salesAccounts, ledger),
    ...payoutAccountsMissingFromLedger(settings, lists.depositAccounts, ledger),
  };
}

/** The preview of a form that is not saved yet. */
export async function previewSettingsForm(
  db: PrismaClient,
  shop: Shop,
  submitted: Readonly<Record<string, string>>,
): Promise<SettingsPreview> {
  const [order, rounding] = await Promise.all([previewOrderFor(db, shop), vatRoundingForShop(db, shop.id)]);
  return previewWithForm(order, parseSubmittedForm(submitted), shop.domain, rounding);
}
