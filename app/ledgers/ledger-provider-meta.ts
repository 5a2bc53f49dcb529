import type { LedgerVatRounding } from "../domain/vat/ledger-rounding";

/** What the onboarding and settings pages show about a ledger, and the keys it asks for. */
export interface CredentialField {
  key: string;
  label: string;
  /** Secret fields are write-only in the UI and sealed at rest. */
  secret: boolean;
  help: string;
  optional?: boolean;
}

export interface LedgerProviderMeta {
  id: string;
  displayName: string;
  website: string;
  /** What the merchant needs (plan, module, who can create keys). */
  requirements: string;
  credentialFields: readonly CredentialField[];
  /** How the ledger computes VAT from the nets it is sent; drafts are laid out for it. */
  vatRounding: LedgerVatRounding;
}
