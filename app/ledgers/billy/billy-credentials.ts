import type { LedgerVatRounding } from "../../domain/vat/ledger-rounding";
import { z } from "zod";

/**
 * What the merchant gives us to reach Billy. An access token made under Settings → Access
 * tokens belongs to one company and never expires; `organizationId` is only needed with a
 * token tied to a user (several companies), where Billy wants it in every write body.
 */
export const billyCredentialsSchema = z.strictObject({
  accessToken: z.string().trim().min(1, "Paste the access token from Billy"),
  organizationId: z.string().trim().min(1).optional(),
});

export type BillyCredentials = z.infer<typeof billyCredentialsSchema>;

export interface CredentialField {
  key: keyof BillyCredentials;
  label: string;
  secret: boolean;
  help: string;
}

export interface BillyMeta {
  id: "billy";
  displayName: string;
  website: string;
  requirements: string;
  credentialFields: CredentialField[];
  /** Billy takes an explicit invoice number only when the invoice is created. */
  supportsLockedNumber: boolean;
  keepsStock: boolean;
  vatRounding: LedgerVatRounding;
}

export const billyMeta: BillyMeta = {
  id: "billy",
  displayName: "Billy",
  website: "https://www.billy.dk",
  requirements:
    "A Billy company (any plan that lets you create access tokens under Settings → Access tokens) " +
    "with VAT registration set up. The access token is tied to that one company.",
  credentialFields: [
    {
      key: "accessToken",
      label: "Access token",
      secret: true,
      help:
        "In Billy, open Settings → Access tokens, click Create access token, give it a name such as " +
        '"Ledger Bridge", save, then show the token with the magnifier icon and paste it here.',
    },
    {
      key: "organizationId",
      label: "Company ID (optional)",
      secret: false,
      help: "Leave empty for a company access token. Only needed when the token belongs to a user with several companies.",
    },
  ],
  supportsLockedNumber: true,
  // Billy rounds VAT per line to the minor unit.
  vatRounding: "perLine",
  keepsStock: false,
};
