import { z } from "zod";
import { LedgerError } from "../ledger-error";
import { DINERO_PROVIDER, dineroErrorFromResponse } from "./dinero-errors";
import type { DineroTransport } from "./dinero-http";
import { exchange } from "./dinero-http";
import type { DineroRequestPacer } from "./dinero-request-pacer";
import type { DineroTokenSource } from "./dinero-token-source";

/**
 * HTTP to api.dinero.dk: bearer auth, the per-endpoint version in the path, the organisation id
 * after it, zod parsing of every answer. A 401 is retried once with a fresh token, as Dinero's
 * docs advise; everything else surfaces as a `LedgerError`.
 */

export type DineroApiVersion = "v1" | "v1.1" | "v1.2" | "v2" | "v3";

export interface DineroCall<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  version: DineroApiVersion;
  /** Path after the organisation id, e.g. `/invoices/<guid>/book`. */
  path: string;
  /** False for the few endpoints outside an organisation (`/v1/organizations`). */
  inOrganisation?: boolean;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  operation: string;
  /** The Guid sent on a create, reported as `existingId` if Dinero calls it a duplicate. */
  sentGuid?: string;
}

export interface DineroClient {
  call<T>(request: DineroCall<T>): Promise<T>;
  organisationId(): Promise<string>;
}

export function createDineroClient(options: {
  apiBaseUrl: string;
  transport: DineroTransport;
  tokens: DineroTokenSource;
  pacer: DineroRequestPacer;
  organisationId?: string;
}): DineroClient {
  const base = options.apiBaseUrl.replace(/\/+$/, "");
  let organisation: Promise<string> | undefined = options.organisationId
    ? Promise.resolve(options.organisationId)
    : undefined;

  async function send<T>(request: DineroCall<T>): Promise<T> {
    const orgSegment =
      request.inOrganisation === false ? "" : `/${encodeURIComponent(await client.organisationId())}`;
    const url = new URL(`${base}/${request.version}${orgSegment}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, value);
    const init = async (): Promise<RequestInit> => ({
      method: request.method,
      headers: {
        authorization: `Bearer ${await options.tokens.accessToken()}`,
        accept: "application/json",
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });

    await options.pacer.acquire();
    let response = await exchange(options.transport, url.toString(), await init(), request.operation);
    if (response.status === 401) {
      options.tokens.invalidate();
      await options.pacer.acquire();
      response = await exchange(options.transport, url.toString(), await init(), request.operation);
    }
    if (response.status < 200 || response.status >= 300) {
      throw dineroErrorFromResponse(response, {
        operation: request.operation,
        ...(request.sentGuid ? { sentGuid: request.sentGuid } : {}),
      });
    }
    return parse(request, response.text);
  }

  const client: DineroClient = {
    call: send,
    organisationId() {
      organisation ??= discoverOrganisation().catch((error: unknown) => {
        organisation = undefined;
        throw error;
      });
      return organisation;
    },
  };

  /** An API-key token reaches exactly one organisation, so it can be found without asking. */
  async function discoverOrganisation(): Promise<string> {
    const organisations = await send({
      method: "GET",
      version: "v1",
      path: "/organizations",
      inOrganisation: false,
      query: { fields: "Id,Name" },
      schema: z.array(z.object({ Id: z.number().nullish(), Name: z.string().nullish() })),
      operation: "list organisations",
    });
    const ids = organisations.flatMap((org) => (org.Id != null ? [String(org.Id)] : []));
    if (ids.length === 1 && ids[0]) return ids[0];
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "validation",
      detail: `organisation not chosen; the login reaches ${ids.length} organisations`,
      messageKey: "ledgerError.dinero.chooseOrganisation",
    });
  }

  return client;
}

function parse<T>(request: DineroCall<T>, text: string): T {
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  const parsed = request.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new LedgerError({
    provider: DINERO_PROVIDER,
    kind: "unknown",
    detail: `${request.operation}: unexpected response ${z.prettifyError(parsed.error)} — ${text.slice(0, 200)}`,
    messageKey: "ledgerError.unreadable",
    params: { ledger: "Dinero" },
  });
}
