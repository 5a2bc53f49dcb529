import type { LedgerOption, VatCodeOption } from "../ledgers/ledger-contract";
import type { ConnectionSummary } from "../onboarding/connect-results";
import type { FormErrors, SettingsForm } from "./settings-form";
import type { SettingsPreview } from "./settings-preview";

/** What the settings page's loader and actions answer (plain data, shared with the page). */

export interface LedgerLists {
  salesAccounts: LedgerOption[];
  depositAccounts: LedgerOption[];
  vatCodes: VatCodeOption[];
  paymentTerms: LedgerOption[];
  layouts: LedgerOption[];
}

export type LedgerListsState =
  { status: "notConnected" } | { status: "unreachable"; message: string } | ({ status: "ok" } & LedgerLists);

export interface SettingsPageModel {
  form: SettingsForm;
  /** False while the shop runs on defaults it never saved. */
  saved: boolean;
  connection: ConnectionSummary | null;
  lists: LedgerListsState;
  preview: SettingsPreview;
}

export type SaveSettingsResult = { ok: true } | { ok: false; errors: FormErrors };
