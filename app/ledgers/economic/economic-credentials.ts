import { z } from "zod";

/**
 * e-conomic authenticates every call with two tokens: the app's secret (identifies Ledger Bridge
 * as a registered e-conomic app) and the agreement grant (one company's permission for that app,
 * obtained through e-conomic's installation page). Both are secrets.
 */
export const economicCredentialsSchema = z
  .object({
    appSecretToken: z.string().trim().min(1, "Enter the app secret token"),
    agreementGrantToken: z.string().trim().min(1, "Connect e-conomic to receive the agreement grant token"),
  })
  .strict();

export type EconomicCredentials = z.infer<typeof economicCredentialsSchema>;

export interface LedgerCredentialField {
  key: keyof EconomicCredentials;
  label: string;
  secret: boolean;
  help: string;
}

export const economicMeta = {
  id: "economic",
  displayName: "e-conomic",
  website: "https://www.e-conomic.dk",
  requirements:
    "A paid Visma e-conomic agreement (the read-only demo agreement cannot create invoices) and an e-conomic " +
    "developer app for this Ledger Bridge installation: its app secret token, and its public token for the " +
    "installation link. The person who connects must be able to grant the app access to the agreement " +
    "(administrator). Stock levels need e-conomic's inventory module and are not read.",
  credentialFields: [
    {
      key: "appSecretToken",
      label: "App secret token",
      secret: true,
      help: "From your app in e-conomic's developer portal (Apps → your app → secret token). It identifies this Ledger Bridge installation.",
    },
    {
      key: "agreementGrantToken",
      label: "Agreement grant token",
      secret: true,
      help: "Filled in when you click Connect and approve access in e-conomic. To paste it by hand, use the token shown after approving the installation link.",
    },
  ] satisfies LedgerCredentialField[],
  // e-conomic rounds VAT once per VAT code on the summed net of the document.
  vatRounding: "perDocumentRate",
} as const;
