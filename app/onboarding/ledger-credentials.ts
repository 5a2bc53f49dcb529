import type { LedgerProviderId } from "../ledgers/ledger-contract";
import { LEDGER_PROVIDERS } from "../ledgers/registry";

/**
 * Turns the key fields the merchant typed (named after the registry's credential fields) into
 * the credentials object the ledger's schema accepts, or per-field problems for the form.
 */

export interface CredentialFieldProblem {
  field: string;
  /** "required" is translated by the page; "invalid" shows the ledger's own rule. */
  kind: "required" | "invalid";
  message: string;
}

export type CredentialsFromFields =
  { ok: true; credentials: Record<string, unknown> } | { ok: false; problems: CredentialFieldProblem[] };

export function credentialsFromFields(
  provider: LedgerProviderId,
  fields: Readonly<Record<string, string | undefined>>,
): CredentialsFromFields {
  const entry = LEDGER_PROVIDERS[provider];
  const credentials: Record<string, unknown> = {};
  for (const field of entry.meta.credentialFields) {
    const value = fields[field.key]?.trim() ?? "";
    if (value !== "") credentials[field.key] = value;
  }
  // Dinero's key fields are its personal integration; Visma Connect tokens come from OAuth only.
  if (provider === "dinero") credentials.kind = "apiKey";
  const parsed = entry.credentialsSchema.safeParse(credentials);
  if (parsed.success) return { ok: true, credentials: parsed.data as Record<string, unknown> };
  const known = new Set(entry.meta.credentialFields.map((field) => field.key));
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? "");
      const missing = issue.code === "invalid_type" && credentials[field] === undefined;
      return {
        field: known.has(field) ? field : "credentials",
        kind: missing ? "required" : "invalid",
        message: missing ? "Required" : issue.message,
      };
    }),
  };
}
