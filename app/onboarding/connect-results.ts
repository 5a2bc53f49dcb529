import type { LedgerProviderId, Organisation } from "../ledgers/ledger-contract";
import type { LedgerErrorKind } from "../ledgers/ledger-error";
import type { CredentialFieldProblem } from "./ledger-credentials";

/** The onboarding use cases' answers, shared with the page (plain data, no server code). */

export interface LedgerProblem {
  kind: LedgerErrorKind;
  /** The ledger adapter's merchant-facing explanation. */
  message: string;
}

export type VerifyResult =
  | { status: "ok"; organisations: Organisation[] }
  | { status: "invalidInput"; problems: CredentialFieldProblem[] }
  | { status: "ledgerError"; problem: LedgerProblem };

export type ConnectResult =
  | { status: "connected"; organisation: Organisation | null; settingsProposed: boolean }
  | { status: "chooseOrganisation"; organisations: Organisation[] }
  | { status: "unknownOrganisation"; organisations: Organisation[] }
  | Exclude<VerifyResult, { status: "ok" }>;

/** What the pages may show about the connection: never the credentials. */
export interface ConnectionSummary {
  provider: LedgerProviderId;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  status: string;
  connectedAt: string;
}

/** The onboarding page's action answers, by intent. */
export type ConnectActionData =
  | ({ intent: "test" } & VerifyResult)
  | ({ intent: "save" } & Exclude<ConnectResult, { status: "connected" }>)
  | ({ intent: "organisation" } & Exclude<ConnectResult, { status: "connected" }>)
  | { intent: "test"; status: "badRequest" }
  | { intent: "save"; status: "badRequest" }
  | { intent: "dinero"; authorizeUrl: string }
  | { intent: "dinero"; status: "unavailable" };
