import { billyHarness } from "../simulators/billy/billy-harness";
import { billyAccountBalances } from "../simulators/billy/sim-daybook";
import { dineroAccountBalances } from "../simulators/dinero/manual-voucher-routes";
import { dynaccountAccountBalances } from "../simulators/dynaccount/sim-balances";
import { economicAccountBalances } from "../simulators/economic/economic-sim-finance-vouchers";
import { startBillySimulator } from "../simulators/billy/billy-simulator";
import { dineroHarness } from "../simulators/dinero/dinero-harness";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../simulators/dinero/dinero-simulator";
import { dynaccountHarness } from "../simulators/dynaccount/dynaccount-harness";
import { startDynaccountSimulator } from "../simulators/dynaccount/dynaccount-simulator";
import { economicHarness } from "../simulators/economic/economic-harness";
import { startEconomicSimulator } from "../simulators/economic/economic-simulator";
import type { LedgerProviderId } from "../app/ledgers/ledger-contract";
import type { ShopSettingsInput } from "../app/settings/settings-schema";
import {
  billyDocuments,
  dineroDocuments,
  dynaccountDocuments,
  economicDocuments,
} from "./demo-ledger-documents.server";
import type { DemoLedger } from "./demo-types";

/**
 * Starts one ledger's simulator for the demo on a random loopback port, with what the app needs
 * to use it: the base-URL variables, the simulator's demo keys and settings booking to its
 * seeded chart of accounts.
 */
export interface StartedDemoLedger {
  ledger: DemoLedger;
  /** *_BASE_URL variables that point the app at this simulator. */
  env: Record<string, string>;
}

/** The Dynaccount simulator's seeded MobilePay account (sim seed 5810). */
const DYNACCOUNT_MOBILEPAY_ACCOUNT = "5810";

/** Which variables point the app at each ledger; the demo leaves a ledger alone when any is set. */
export const LEDGER_URL_VARIABLES: Record<LedgerProviderId, readonly string[]> = {
  dinero: ["DINERO_API_BASE_URL", "DINERO_AUTH_BASE_URL"],
  billy: ["BILLY_API_BASE_URL"],
  economic: ["ECONOMIC_API_BASE_URL"],
  dynaccount: ["DYNACCOUNT_API_BASE_URL"],
};

/**
 * Settings whose accounts exist in the simulator's chart (the contract harness's accounts). The
 * gift-card liability account is left out on purpose: the demo's failing order needs it.
 */
function demoSettings(
  accounts: { sales: string; salesNoVat: string; deposit: string; rounding: string },
  journal: DemoLedger["payoutAccounts"],
) {
  const perTreatment = {
    domestic: accounts.sales,
    exempt: accounts.salesNoVat,
    euReverseCharge: accounts.salesNoVat,
    export: accounts.salesNoVat,
  };
  return {
    version: 1,
    accounts: { revenue: perTreatment, shipping: perTreatment },
    // Shopify Payments posts to the clearing account its payouts empty again (docs/payouts.md).
    payments: { defaultDepositAccount: accounts.deposit, gateways: { shopify_payments: journal.clearing } },
    rounding: { account: accounts.rounding },
    payouts: {
      enabled: true,
      bankAccount: journal.bank,
      feeAccount: journal.fees,
      disputesAccount: journal.disputes,
      reservesAccount: journal.reserves,
      adjustmentsAccount: journal.adjustments,
    },
  } satisfies ShopSettingsInput;
}

export async function startDemoLedger(provider: LedgerProviderId): Promise<StartedDemoLedger> {
  switch (provider) {
    case "dinero": {
      const simulator = await startDineroSimulator({ validateRequests: true });
      const defaults = DINERO_SIMULATOR_DEFAULTS;
      return {
        env: { DINERO_API_BASE_URL: simulator.url, DINERO_AUTH_BASE_URL: simulator.authUrl },
        ledger: {
          provider,
          url: simulator.url,
          credentials: { kind: "apiKey", ...defaults.personalClient, apiKey: defaults.apiKey },
          organisationId: String(defaults.organizationId),
          organisationName: defaults.organizationName,
          settings: demoSettings(dineroHarness.accounts, dineroHarness.journal.accounts),
          payoutAccounts: dineroHarness.journal.accounts,
          accountBalance: (account) => {
            const org = simulator.state.organizations.get(defaults.organizationId);
            return org ? (dineroAccountBalances(org).get(account) ?? 0) : 0;
          },
          giftCardLiabilityAccount: dineroHarness.accounts.giftCardLiability,
          documents: () => dineroDocuments(simulator.state.organizations.get(defaults.organizationId)),
          close: () => simulator.close(),
        },
      };
    }
    case "billy": {
      const simulator = await startBillySimulator();
      return {
        env: { BILLY_API_BASE_URL: simulator.apiBaseUrl },
        ledger: {
          provider,
          url: simulator.apiBaseUrl,
          credentials: { accessToken: simulator.accessToken },
          organisationName: simulator.state.organization.name,
          settings: demoSettings(billyHarness.accounts, billyHarness.journal.accounts),
          payoutAccounts: billyHarness.journal.accounts,
          accountBalance: (account) => billyAccountBalances(simulator.state).get(account) ?? 0,
          giftCardLiabilityAccount: billyHarness.accounts.giftCardLiability,
          documents: () => billyDocuments(simulator.state),
          close: () => simulator.close(),
        },
      };
    }
    case "economic": {
      const simulator = await startEconomicSimulator();
      return {
        env: { ECONOMIC_API_BASE_URL: simulator.url },
        ledger: {
          provider,
          url: simulator.url,
          credentials: { ...simulator.tokens },
          organisationName: simulator.state.agreement.companyName,
          settings: demoSettings(economicHarness.accounts, economicHarness.journal.accounts),
          payoutAccounts: economicHarness.journal.accounts,
          accountBalance: (account) => economicAccountBalances(simulator.state).get(account) ?? 0,
          giftCardLiabilityAccount: economicHarness.accounts.giftCardLiability,
          documents: () => economicDocuments(simulator.state),
          close: () => simulator.close(),
        },
      };
    }
    case "dynaccount": {
      const simulator = await startDynaccountSimulator();
      const { apiId, apiKey, apiSecret, name } = simulator.company;
      return {
        env: { DYNACCOUNT_API_BASE_URL: simulator.url },
        ledger: {
          provider,
          url: simulator.url,
          credentials: { apiId, apiKey, apiSecret },
          organisationName: name,
          // Its chart's Shopify Payments account is the clearing account; the other gateways (MobilePay
          // in the demo) keep their money apart on the MobilePay account.
          settings: demoSettings(
            { ...dynaccountHarness.accounts, deposit: DYNACCOUNT_MOBILEPAY_ACCOUNT },
            dynaccountHarness.journal.accounts,
          ),
          payoutAccounts: dynaccountHarness.journal.accounts,
          accountBalance: (account) => dynaccountAccountBalances(simulator.state).get(account) ?? 0,
          giftCardLiabilityAccount: dynaccountHarness.accounts.giftCardLiability,
          documents: () => dynaccountDocuments(simulator.state),
          close: () => simulator.close(),
        },
      };
    }
  }
}
