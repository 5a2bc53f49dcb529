import { auditDa, auditEn } from "./pages/audit";
import { demoDa, demoEn } from "./pages/demo";
import { jobErrorsDa, jobErrorsEn } from "./pages/job-errors";
import { ledgerErrorsDa, ledgerErrorsEn } from "./pages/ledger-errors";
import { onboardingDa, onboardingEn } from "./pages/onboarding";
import { orderDa, orderEn } from "./pages/order";
import { payoutsDa, payoutsEn } from "./pages/payouts";
import { productsDa, productsEn } from "./pages/products";
import { previewWarningsDa, previewWarningsEn } from "./pages/preview-warnings";
import { rulesDa, rulesEn } from "./pages/rules";
import { settingsDa, settingsEn } from "./pages/settings";
import { sourceErrorsDa, sourceErrorsEn } from "./pages/source-errors";
import { transfersDa, transfersEn } from "./pages/transfers";
import { woocommerceDa, woocommerceEn } from "./pages/woocommerce";

/**
 * Every string the app pages show, in English and Danish. Each area keeps its own pair of
 * dictionaries in `pages/`, where the Danish one must have the same keys as the English one
 * (enforced by the type), so a page can never fall back to a missing translation.
 */
const coreEn = {
  "app.name": "Ledger Bridge",
  "nav.home": "Home",
  "mode.local":
    "Local demo mode — no Shopify credentials configured. You are looking at the demo shop {shop}.",
  "home.title": "Ledger Bridge",
  "home.intro":
    "Ledger Bridge moves every paid or shipped order into your accounting system as a booked invoice, and every refund as a credit note.",
  "home.status.heading": "Status",
  "home.status.shop": "Shop",
  "home.status.database": "Database",
  "home.status.database.pglite": "Embedded PostgreSQL (PGlite)",
  "home.status.database.postgres": "PostgreSQL",
  "home.status.webhooks": "Webhooks received",
  "home.language": "Language",
  "home.transfers.heading": "Transfers",
  "home.transfers.transferred": "Transferred",
  "home.transfers.needLook": "Failed or need your attention",
  "home.transfers.waiting": "Waiting",
  "home.transfers.seeFailures": "See the transfers that need you",
  "home.transfers.paused": "Automatic transfer is paused until you resume it on the Transfers page.",
  "home.next.connect": "Next step: connect your accounting system, so paid orders can be booked.",
  "home.next.connectAction": "Connect an accounting system",
  "home.next.reconnect": "Your accounting system needs to be connected again.",
  "nav.transfers": "Transfers",
  "nav.settings": "Settings",
  "nav.connect": "Accounting system",
  "nav.demo": "Demo",
  "nav.logout": "Log out",
  "error.notFound.title": "This page does not exist",
  "error.notFound.body": "The address {path} is not a page of Ledger Bridge.",
  "error.unexpected.title": "Something went wrong",
  "error.unexpected.body":
    "The page could not be shown. Nothing was transferred or changed by this error; try again.",
  "error.backToApp": "Go to Ledger Bridge",
} as const;

const coreDa: Record<keyof typeof coreEn, string> = {
  "app.name": "Ledger Bridge",
  "nav.home": "Forside",
  "mode.local": "Lokal demotilstand — der er ikke sat Shopify-nøgler op. Du ser demobutikken {shop}.",
  "home.title": "Ledger Bridge",
  "home.intro":
    "Ledger Bridge overfører hver betalt eller afsendt ordre til dit regnskabsprogram som en bogført faktura, og hver refusion som en kreditnota.",
  "home.status.heading": "Status",
  "home.status.shop": "Butik",
  "home.status.database": "Database",
  "home.status.database.pglite": "Indbygget PostgreSQL (PGlite)",
  "home.status.database.postgres": "PostgreSQL",
  "home.status.webhooks": "Modtagne webhooks",
  "home.language": "Sprog",
  "home.transfers.heading": "Overførsler",
  "home.transfers.transferred": "Overført",
  "home.transfers.needLook": "Fejlet eller kræver din handling",
  "home.transfers.waiting": "Venter",
  "home.transfers.seeFailures": "Se de overførsler, der venter på dig",
  "home.transfers.paused":
    "Automatisk overførsel er sat på pause, til du genoptager den på siden Overførsler.",
  "home.next.connect": "Næste skridt: forbind dit regnskabsprogram, så betalte ordrer kan bogføres.",
  "home.next.connectAction": "Forbind et regnskabsprogram",
  "home.next.reconnect": "Dit regnskabsprogram skal forbindes igen.",
  "nav.transfers": "Overførsler",
  "nav.settings": "Indstillinger",
  "nav.connect": "Regnskabsprogram",
  "nav.demo": "Demo",
  "nav.logout": "Log ud",
  "error.notFound.title": "Siden findes ikke",
  "error.notFound.body": "Adressen {path} er ikke en side i Ledger Bridge.",
  "error.unexpected.title": "Noget gik galt",
  "error.unexpected.body": "Siden kunne ikke vises. Fejlen har ikke overført eller ændret noget; prøv igen.",
  "error.backToApp": "Gå til Ledger Bridge",
};

export const en = {
  ...coreEn,
  ...onboardingEn,
  ...settingsEn,
  ...rulesEn,
  ...transfersEn,
  ...orderEn,
  ...demoEn,
  ...woocommerceEn,
  ...jobErrorsEn,
  ...previewWarningsEn,
  ...ledgerErrorsEn,
  ...sourceErrorsEn,
  ...payoutsEn,
  ...auditEn,
  ...productsEn,
} as const;

export type MessageKey = keyof typeof en;

export const da: Record<MessageKey, string> = {
  ...coreDa,
  ...onboardingDa,
  ...settingsDa,
  ...rulesDa,
  ...transfersDa,
  ...orderDa,
  ...demoDa,
  ...woocommerceDa,
  ...jobErrorsDa,
  ...previewWarningsDa,
  ...ledgerErrorsDa,
  ...sourceErrorsDa,
  ...payoutsDa,
  ...auditDa,
  ...productsDa,
};

export const dictionaries = { en, da } as const;
export type Locale = keyof typeof dictionaries;

export function translate(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const template: string = dictionaries[locale][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
