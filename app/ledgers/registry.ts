import type { z } from "zod";
import type { Env } from "../config/env.server";
import type { MessageKey } from "../i18n/messages";
import type { RateLimit } from "../engine/rate-limiter.server";
import { billyCredentialsSchema, billyMeta, createBillyAdapter } from "./billy";
import { createDineroAdapter, dineroCredentialsSchema, dineroMeta } from "./dinero";
import { createDynaccountAdapter, dynaccountCredentialsSchema, dynaccountMeta } from "./dynaccount";
import { createEconomicAdapter, economicCredentialsSchema, economicMeta } from "./economic";
import type { LedgerAdapter, LedgerAdapterInit, LedgerEndpoints, LedgerProviderId } from "./ledger-contract";
import { ledgerError } from "./http-failure";
import type { LedgerProviderMeta } from "./ledger-provider-meta";

/**
 * Every ledger the app can transfer to. Adding one means a folder under app/ledgers that
 * implements ledger-contract.ts, and one entry here.
 */
export const LEDGER_PROVIDER_IDS = [
  "dinero",
  "billy",
  "economic",
  "dynaccount",
] as const satisfies readonly LedgerProviderId[];

/** Per-shop choices an adapter needs at construction (only some ledgers use each). */
export interface AdapterChoices {
  /** e-conomic can e-mail an invoice only while booking it. */
  emailInvoices: boolean;
  /**
   * The connection's budget; adapters that pace themselves (Dinero) stay within it. The shared
   * limiter in the engine enforces it across processes.
   */
  requestsPerMinute?: number;
}

/** One ledger as a provider declares it: `create` gets credentials its own schema has parsed. */
export interface LedgerDefinition<Schema extends z.ZodType> {
  id: LedgerProviderId;
  meta: LedgerProviderMeta;
  credentialsSchema: Schema;
  /** What the merchant reads when the stored credentials do not match the schema. */
  incompleteKey?: MessageKey;
  endpoints(config: Env): LedgerEndpoints;
  /**
   * The shared limiter's budget for one connection, below the ledger's published limit so other
   * integrations of the same merchant keep some room.
   */
  rateLimit: RateLimit;
  create(init: LedgerAdapterInit<z.output<Schema>>, choices: AdapterChoices): LedgerAdapter;
}

/** A registered ledger, whatever its credentials: `create` parses them with the ledger's schema first. */
export interface LedgerProviderEntry extends Omit<LedgerDefinition<z.ZodType>, "create"> {
  create(init: LedgerAdapterInit<unknown>, choices: AdapterChoices): LedgerAdapter;
}

/**
 * Ties a ledger's credential schema to its factory, so the registry needs no casts: stored
 * credentials that do not match the schema never reach the adapter.
 */
export function defineLedger<Schema extends z.ZodType>(
  definition: LedgerDefinition<Schema>,
): LedgerProviderEntry {
  return {
    ...definition,
    create(init, choices) {
      const parsed = definition.credentialsSchema.safeParse(init.credentials);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
        throw ledgerError(
          definition.id,
          "authentication",
          definition.incompleteKey ?? "ledgerError.connectionIncomplete",
          {},
          { detail: `invalid ${definition.meta.displayName} credentials: ${fields}` },
        );
      }
      return definition.create({ ...init, credentials: parsed.data }, choices);
    },
  };
}

export const LEDGER_PROVIDERS: Record<LedgerProviderId, LedgerProviderEntry> = {
  dinero: defineLedger({
    id: "dinero",
    meta: dineroMeta,
    credentialsSchema: dineroCredentialsSchema,
    endpoints: (config) => ({
      apiBaseUrl: config.DINERO_API_BASE_URL,
      authBaseUrl: config.DINERO_AUTH_BASE_URL,
    }),
    // Dinero: 100 requests per minute per organisation.
    rateLimit: { perMinute: 80, burst: 10 },
    create: ({ onCredentialsRefreshed, ...init }, choices) =>
      createDineroAdapter(
        // Visma Connect rotates refresh tokens: the new set must be stored at once.
        { ...init, credentials: { ...init.credentials, onTokensRefreshed: onCredentialsRefreshed } },
        { requestsPerMinute: choices.requestsPerMinute ?? 95 },
      ),
  }),
  billy: defineLedger({
    id: "billy",
    meta: billyMeta,
    credentialsSchema: billyCredentialsSchema,
    incompleteKey: "ledgerError.billy.connectionIncomplete",
    endpoints: (config) => ({ apiBaseUrl: config.BILLY_API_BASE_URL }),
    rateLimit: { perMinute: 240, burst: 20 },
    create: (init) => createBillyAdapter(init),
  }),
  economic: defineLedger({
    id: "economic",
    meta: economicMeta,
    credentialsSchema: economicCredentialsSchema,
    endpoints: (config) => ({ apiBaseUrl: config.ECONOMIC_API_BASE_URL }),
    rateLimit: { perMinute: 240, burst: 20 },
    create: (init, choices) => createEconomicAdapter(init, { emailOnBooking: choices.emailInvoices }),
  }),
  dynaccount: defineLedger({
    id: "dynaccount",
    meta: dynaccountMeta,
    credentialsSchema: dynaccountCredentialsSchema,
    endpoints: (config) => ({ apiBaseUrl: config.DYNACCOUNT_API_BASE_URL }),
    rateLimit: { perMinute: 120, burst: 10 },
    create: (init) => createDynaccountAdapter(init),
  }),
};

export function isLedgerProviderId(value: string): value is LedgerProviderId {
  return (LEDGER_PROVIDER_IDS as readonly string[]).includes(value);
}

/** Display metadata of every ledger, for the onboarding page. */
export function ledgerProviderList(): LedgerProviderMeta[] {
  return LEDGER_PROVIDER_IDS.map((id) => LEDGER_PROVIDERS[id].meta);
}
