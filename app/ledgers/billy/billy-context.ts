import type { BillyClient } from "./billy-client";
import { billyInvalid } from "./billy-check-errors";
import type { BillyOrg } from "./billy-requests";
import {
  type BillyAccount,
  type BillyOrganization,
  accountSchema,
  organizationSchema,
  salesTaxRulesetSchema,
  singleEnvelope,
  taxRateSchema,
} from "./billy-schemas";
import type { VatSetup } from "./billy-vat";

/**
 * What the adapter's parts share: the client, the organisation for write bodies, and per-adapter
 * caches of data that changes only when the merchant edits Billy's settings. A failed look-up
 * is not cached, so the next call asks again.
 */
export interface BillyContext {
  client: BillyClient;
  org: BillyOrg;
  organization(): Promise<BillyOrganization>;
  vatSetup(): Promise<VatSetup>;
  account(id: string): Promise<BillyAccount>;
  /** Product ids of the generic products (lines without SKU), by product number. */
  genericProducts: Map<string, Promise<string>>;
}

export function createBillyContext(client: BillyClient, organizationId: string | undefined): BillyContext {
  const accounts = new Map<string, Promise<BillyAccount>>();
  const organization = once(() =>
    organizationId
      ? client.get(
          `/organizations/${encodeURIComponent(organizationId)}`,
          singleEnvelope("organization", organizationSchema),
          "read the company",
        )
      : client.get("/organization", singleEnvelope("organization", organizationSchema), "read the company"),
  );
  const vatSetup = once(async (): Promise<VatSetup> => {
    const [company, rulesets, taxRates] = await Promise.all([
      organization(),
      client.list("salesTaxRulesets", salesTaxRulesetSchema, "read the VAT rulesets", {
        include: "salesTaxRuleset.rules:embed",
      }),
      client.list("taxRates", taxRateSchema, "read the VAT rates"),
    ]);
    const defaultRulesetId = company.defaultSalesTaxRulesetId ?? rulesets[0]?.id;
    if (!defaultRulesetId) {
      throw billyInvalid("ledgerError.billy.noVatRuleset");
    }
    return { defaultRulesetId, rulesets, taxRates: new Map(taxRates.map((rate) => [rate.id, rate])) };
  });
  return {
    client,
    org: organizationId ? { organizationId } : {},
    organization,
    vatSetup,
    account: (id) =>
      remember(accounts, id, () =>
        client.get(
          `/accounts/${encodeURIComponent(id)}`,
          singleEnvelope("account", accountSchema),
          "read the deposit account",
        ),
      ),
    genericProducts: new Map(),
  };
}

/** The cached answer of `load`, or a fresh call after a failure. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** `cache`'s pending answer for `key`, else `load`'s; a failed one is forgotten. */
export function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
