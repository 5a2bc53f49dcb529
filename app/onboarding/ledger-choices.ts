import type { LedgerProviderId } from "../ledgers/ledger-contract";
import { LEDGER_PROVIDER_IDS, LEDGER_PROVIDERS } from "../ledgers/registry";

/**
 * What the onboarding page needs to know about each ledger — names and which key fields to ask
 * for — as plain data for the browser. Field labels and help come from the page's dictionary
 * (`onboarding.field.<ledger>.<key>.label|help`), so both languages are covered.
 */

export interface LedgerChoice {
  id: LedgerProviderId;
  displayName: string;
  website: string;
  fields: Array<{ key: string; secret: boolean; optional: boolean }>;
}

export function ledgerChoices(): LedgerChoice[] {
  return LEDGER_PROVIDER_IDS.map((id) => {
    const meta = LEDGER_PROVIDERS[id].meta;
    return {
      id,
      displayName: meta.displayName,
      website: meta.website,
      fields: meta.credentialFields.map((field) => ({
        key: field.key,
        secret: field.secret,
        optional: field.optional === true,
      })),
    };
  });
}
