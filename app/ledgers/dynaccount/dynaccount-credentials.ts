import { z } from "zod";
import type { LedgerEndpoints } from "../ledger-contract";

/**
 * The three per-company values Dynaccount shows under Administration > Virksomheder, plus two
 * optional names the merchant may change. Keys are 40-character SHA-1 style hex strings.
 */
const sha1Like = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{40}$/, `${label} must be the 40-character key shown in Dynaccount`);

export const dynaccountCredentialsSchema = z
  .object({
    apiId: z
      .string()
      .trim()
      .regex(/^\d{1,12}$/, "API ID must be the number shown in Dynaccount"),
    apiKey: sha1Like("API key"),
    apiSecret: sha1Like("API secret"),
    /** Booking draft (kassekladde) receiving payment and refund vouchers; created when missing. */
    draftName: z.string().trim().min(1).max(60).optional(),
    /** Debtor group for new customers; default: the company's first debtor group. */
    debtorGroup: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

export type DynaccountCredentials = z.infer<typeof dynaccountCredentialsSchema>;

export const DEFAULT_DRAFT_NAME = "Ledger Bridge";

export const dynaccountDefaultEndpoints: LedgerEndpoints = { apiBaseUrl: "https://api.dynaccount.com" };

export interface DynaccountCredentialField {
  key: keyof DynaccountCredentials;
  label: string;
  secret: boolean;
  help: string;
  optional?: boolean;
}

export const dynaccountMeta = {
  id: "dynaccount",
  displayName: "Dynaccount",
  website: "https://dynaccount.dk",
  requirements:
    "An active Dynaccount subscription for the company. The API is part of Dynaccount (it uses the same endpoint as the web app); " +
    "an administrator of the company must copy its API ID, API key and API secret from Administration > Virksomheder.",
  credentialFields: [
    {
      key: "apiId",
      label: "API ID",
      secret: false,
      help: "The number identifying the company's books. Dynaccount: Administration > Virksomheder.",
    },
    {
      key: "apiKey",
      label: "API key",
      secret: true,
      help: "The 40-character API key of the same company (Administration > Virksomheder).",
    },
    {
      key: "apiSecret",
      label: "API secret",
      secret: true,
      help: "The 40-character API secret (Administration > Virksomheder). It signs every request and is never sent itself.",
    },
    {
      key: "draftName",
      label: "Booking draft for payments",
      secret: false,
      optional: true,
      help: `Name of the kassekladde that receives payment and refund vouchers for your review. Default "${DEFAULT_DRAFT_NAME}"; created if missing.`,
    },
    {
      key: "debtorGroup",
      label: "Debtor group for new customers",
      secret: false,
      optional: true,
      help: "Name of the debtor group new customers are created in. Default: the first debtor group in Dynaccount.",
    },
  ] satisfies DynaccountCredentialField[],
  // Dynaccount adds VAT per line from its VAT code.
  vatRounding: "perLine",
} as const;
