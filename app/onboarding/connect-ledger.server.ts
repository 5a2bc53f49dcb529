import type { PrismaClient, Shop } from "@prisma/client";
import { env } from "../config/env.server";
import { ledgerForShop, saveConnection } from "../engine/ledger-connections.server";
import type { LedgerAdapter, LedgerProviderId, Organisation } from "../ledgers/ledger-contract";
import { LedgerError } from "../ledgers/ledger-error";
import { isLedgerProviderId, LEDGER_PROVIDERS } from "../ledgers/registry";
import type { ConnectionSummary, ConnectResult, VerifyResult } from "./connect-results";
import type { CredentialFieldProblem } from "./ledger-credentials";
import { proposeSettingsIfMissing } from "./propose-settings.server";

/**
 * Onboarding's use cases: check keys against the ledger, save the connection (sealed), choose
 * the organisation, disconnect. The web page and `ledger-bridge connect` both call these.
 */

export interface AdapterOverrides {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** An adapter for credentials that are not stored yet (no shared rate limit: one-off calls). */
export function adapterForCredentials(
  provider: LedgerProviderId,
  credentials: Record<string, unknown>,
  organisationId?: string,
  overrides: AdapterOverrides = {},
): LedgerAdapter {
  const entry = LEDGER_PROVIDERS[provider];
  return entry.create(
    {
      credentials,
      ...(organisationId ? { organisationId } : {}),
      endpoints: entry.endpoints(env()),
      timeoutMs: overrides.timeoutMs ?? 20_000,
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    },
    { emailInvoices: false },
  );
}

export function validateCredentials(
  provider: LedgerProviderId,
  credentials: unknown,
): { ok: true; credentials: Record<string, unknown> } | { ok: false; problems: CredentialFieldProblem[] } {
  const parsed = LEDGER_PROVIDERS[provider].credentialsSchema.safeParse(credentials);
  if (parsed.success) return { ok: true, credentials: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join(".") || "credentials",
      kind: "invalid",
      message: issue.message,
    })),
  };
}

/** "Test connection": do these keys open the ledger, and which organisations do they reach? */
export async function verifyLedgerCredentials(
  provider: LedgerProviderId,
  credentials: unknown,
  overrides: AdapterOverrides = {},
): Promise<VerifyResult> {
  const valid = validateCredentials(provider, credentials);
  if (!valid.ok) return { status: "invalidInput", problems: valid.problems };
  return verifyWith(adapterForCredentials(provider, valid.credentials, undefined, overrides));
}

async function verifyWith(adapter: LedgerAdapter | (() => Promise<LedgerAdapter>)): Promise<VerifyResult> {
  try {
    const { organisations } = await (
      typeof adapter === "function" ? await adapter() : adapter
    ).verifyConnection();
    return { status: "ok", organisations };
  } catch (error) {
    if (LedgerError.is(error)) {
      return { status: "ledgerError", problem: { kind: error.kind, message: error.merchantMessage } };
    }
    throw error;
  }
}

/**
 * Checks the keys once more, seals and stores them with the chosen organisation, and proposes
 * settings from the ledger's lists when the shop has none yet.
 */
export async function connectLedger(
  db: PrismaClient,
  shop: Shop,
  input: {
    provider: LedgerProviderId;
    credentials: unknown;
    organisationId?: string | undefined;
  },
  overrides: AdapterOverrides = {},
): Promise<ConnectResult> {
  const valid = validateCredentials(input.provider, input.credentials);
  if (!valid.ok) return { status: "invalidInput", problems: valid.problems };
  const verified = await verifyWith(
    adapterForCredentials(input.provider, valid.credentials, undefined, overrides),
  );
  if (verified.status !== "ok") return verified;
  const organisation = pickOrganisation(verified.organisations, input.organisationId);
  if (organisation === "ambiguous") {
    return { status: "chooseOrganisation", organisations: verified.organisations };
  }
  if (organisation === "unknown") {
    return { status: "unknownOrganisation", organisations: verified.organisations };
  }
  await saveConnection(db, {
    shopId: shop.id,
    provider: input.provider,
    credentials: valid.credentials,
    organisationId: organisation.id,
    organisationName: organisation.name,
  });
  const settingsProposed = await proposeSettingsIfMissing(
    db,
    shop.id,
    adapterForCredentials(input.provider, valid.credentials, organisation.id, overrides),
  );
  return { status: "connected", organisation, settingsProposed };
}

function pickOrganisation(
  organisations: Organisation[],
  wanted: string | undefined,
): Organisation | "ambiguous" | "unknown" {
  if (wanted) return organisations.find((o) => o.id === wanted) ?? "unknown";
  const [only, ...others] = organisations;
  return only && others.length === 0 ? only : "ambiguous";
}

/** The organisations a stored connection reaches (when saved without one, e.g. after OAuth). */
export async function organisationsOfConnection(db: PrismaClient, shop: Shop): Promise<VerifyResult> {
  // A shop without a connection (no ledger chosen yet) gets the ledger's "not connected" answer.
  return verifyWith(() => ledgerForShop(db, shop.id, { choices: { emailInvoices: false } }));
}

/** Binds a stored connection to one of the organisations its login reaches. */
export async function chooseOrganisation(
  db: PrismaClient,
  shop: Shop,
  organisationId: string,
): Promise<ConnectResult> {
  const listed = await organisationsOfConnection(db, shop);
  if (listed.status !== "ok") return listed;
  const organisation = listed.organisations.find((o) => o.id === organisationId);
  if (!organisation) return { status: "unknownOrganisation", organisations: listed.organisations };
  await db.ledgerConnection.update({
    where: { shopId: shop.id },
    data: { organisationId: organisation.id, organisationName: organisation.name, status: "connected" },
  });
  const adapter = await ledgerForShop(db, shop.id, { choices: { emailInvoices: false } });
  const settingsProposed = await proposeSettingsIfMissing(db, shop.id, adapter);
  return { status: "connected", organisation, settingsProposed };
}

export async function disconnectLedger(db: PrismaClient, shop: Shop): Promise<boolean> {
  const { count } = await db.ledgerConnection.deleteMany({ where: { shopId: shop.id } });
  return count > 0;
}

export async function describeConnection(db: PrismaClient, shop: Shop): Promise<ConnectionSummary | null> {
  const connection = await db.ledgerConnection.findUnique({
    where: { shopId: shop.id },
    select: { provider: true, organisationId: true, organisationName: true, status: true, connectedAt: true },
  });
  if (!connection || !isLedgerProviderId(connection.provider)) return null;
  return {
    provider: connection.provider,
    displayName: LEDGER_PROVIDERS[connection.provider].meta.displayName,
    organisationId: connection.organisationId,
    organisationName: connection.organisationName,
    status: connection.status,
    connectedAt: connection.connectedAt.toISOString(),
  };
}
