import type { LedgerConnection, PrismaClient } from "@prisma/client";
import { env } from "../config/env.server";
import type { LedgerVatRounding } from "../domain/vat/ledger-rounding";
import type { LedgerAdapter, LedgerProviderId } from "../ledgers/ledger-contract";
import { LedgerError } from "../ledgers/ledger-error";
import type { AdapterChoices } from "../ledgers/registry";
import { isLedgerProviderId, LEDGER_PROVIDERS } from "../ledgers/registry";
import { secretBox } from "../lib/secrets.server";
import type { SecretBox } from "../lib/secret-box.server";
import type { LedgerAdapterCache } from "./ledger-adapter-cache.server";
import type { RateLimit } from "./rate-limiter.server";
import { acquireToken } from "./rate-limiter.server";

/**
 * A shop's ledger connection: which ledger, which organisation, and the credentials — sealed
 * with SecretBox before they reach the database, opened only in memory to build an adapter.
 */

export class ConnectionInputError extends Error {
  override name = "ConnectionInputError";
  constructor(readonly fieldErrors: Array<{ field: string; message: string }>) {
    super(fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; "));
  }
}

export async function saveConnection(
  db: PrismaClient,
  input: {
    shopId: string;
    provider: string;
    credentials: unknown;
    organisationId?: string;
    organisationName?: string;
  },
  box: SecretBox = secretBox(),
): Promise<LedgerConnection> {
  if (!isLedgerProviderId(input.provider)) {
    throw new ConnectionInputError([{ field: "provider", message: `unknown ledger "${input.provider}"` }]);
  }
  const parsed = LEDGER_PROVIDERS[input.provider].credentialsSchema.safeParse(input.credentials);
  if (!parsed.success) {
    throw new ConnectionInputError(
      parsed.error.issues.map((issue) => ({
        field: issue.path.join(".") || "credentials",
        message: issue.message,
      })),
    );
  }
  const data = {
    provider: input.provider,
    organisationId: input.organisationId ?? null,
    organisationName: input.organisationName ?? null,
    credentials: box.sealJson(parsed.data),
    status: "connected",
  };
  return db.ledgerConnection.upsert({
    where: { shopId: input.shopId },
    create: { shopId: input.shopId, ...data },
    update: data,
  });
}

export interface LedgerForShopOptions {
  choices: AdapterChoices;
  /** Overrides the ledger's default budget (tests and benchmarks against simulators). */
  rateLimit?: RateLimit;
  box?: SecretBox;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Reuses the adapter (and what it learned) while the connection is unchanged; the worker keeps one. */
  cache?: LedgerAdapterCache;
}

/**
 * How the shop's connected ledger computes VAT, so drafts and previews are laid out for it; none
 * (the builder's per-line default) without a connection.
 */
export async function vatRoundingForShop(
  db: PrismaClient,
  shopId: string,
): Promise<{ vatRounding?: LedgerVatRounding }> {
  const connection = await db.ledgerConnection.findUnique({ where: { shopId }, select: { provider: true } });
  return connection && isLedgerProviderId(connection.provider)
    ? { vatRounding: LEDGER_PROVIDERS[connection.provider].meta.vatRounding }
    : {};
}

/** Builds the shop's adapter, limited by the connection's shared token bucket. */
export async function ledgerForShop(
  db: PrismaClient,
  shopId: string,
  options: LedgerForShopOptions,
): Promise<LedgerAdapter> {
  const connection = await db.ledgerConnection.findUnique({ where: { shopId } });
  if (!connection || !isLedgerProviderId(connection.provider)) {
    throw new LedgerError({
      kind: "authentication",
      provider: connection?.provider ?? "none",
      messageKey: "ledgerError.notConnected",
    });
  }
  const provider: LedgerProviderId = connection.provider;
  if (!options.cache) return buildAdapter(db, { ...connection, provider }, options);
  const variant = JSON.stringify([options.choices, options.rateLimit ?? null, options.timeoutMs ?? null]);
  return options.cache.get(connection, variant, () => buildAdapter(db, { ...connection, provider }, options));
}

async function buildAdapter(
  db: PrismaClient,
  connection: LedgerConnection & { provider: LedgerProviderId },
  options: LedgerForShopOptions,
): Promise<LedgerAdapter> {
  const box = options.box ?? secretBox();
  const provider = connection.provider;
  const entry = LEDGER_PROVIDERS[provider];
  const credentials = box.openJson(connection.credentials) as Record<string, unknown>;
  if (box.needsRotation(connection.credentials)) {
    // Key rotation: values sealed with a previous key are re-sealed with the current one on use.
    await db.ledgerConnection.update({
      where: { id: connection.id },
      data: { credentials: box.sealJson(credentials) },
    });
  }
  const bucketKey = `ledger:${connection.id}`;
  const rateLimit = options.rateLimit ?? entry.rateLimit;
  return entry.create(
    {
      credentials,
      // A ledger that rotates its credentials (Dinero's refresh tokens) hands the new ones here.
      onCredentialsRefreshed: async (changed) => {
        await db.ledgerConnection.update({
          where: { id: connection.id },
          data: { credentials: box.sealJson({ ...credentials, ...changed }) },
        });
      },
      ...(connection.organisationId ? { organisationId: connection.organisationId } : {}),
      endpoints: entry.endpoints(env()),
      beforeRequest: () => acquireToken(db, bucketKey, rateLimit),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    { requestsPerMinute: rateLimit.perMinute, ...options.choices },
  );
}
