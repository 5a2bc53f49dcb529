import { afterEach, beforeEach } from "vitest";
import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import { createBillyAdapter } from "../../app/ledgers/billy/billy-adapter";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { type BillySimulator, startBillySimulator } from "../../simulators/billy/billy-simulator";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import { prepareRefs } from "../contract/ledger-contract-suite";

/**
 * The Billy adapter against a fresh simulator per test, with every request it sends recorded
 * (parsed and as the exact bytes on the wire). Shared by the tests of the adapter's parts.
 */

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded request bodies

export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: Json | undefined;
  /** The request body exactly as sent. */
  raw: string | undefined;
}

export interface BillyTestBed {
  sim: BillySimulator;
  sent: Sent[];
  adapter: LedgerAdapter;
  beforeRequestCalls: number;
  build(overrides?: { accessToken?: string; timeoutMs?: number; organisationId?: string }): LedgerAdapter;
  writes(path: string): Sent[];
  lastWrite(path: string): Json | undefined;
  /** Customer and SKU products for the draft, through the bed's adapter. */
  refsFor(draft: InvoiceDraft): ReturnType<typeof prepareRefs>;
}

export const billyAccounts = billyHarness.accounts;

/** Registers the hooks that give every test its own simulator and adapter. */
export function billyTestBed(): BillyTestBed {
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const raw = typeof init?.body === "string" ? init.body : undefined;
    bed.sent.push({
      method: init?.method ?? "GET",
      path: url.pathname.replace(/^\/v2/, ""),
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: raw === undefined ? undefined : (JSON.parse(raw) as Json),
      raw,
    });
    return fetch(input, init);
  };

  const bed: BillyTestBed = {
    sim: undefined as unknown as BillySimulator,
    sent: [],
    adapter: undefined as unknown as LedgerAdapter,
    beforeRequestCalls: 0,
    build: (overrides = {}) =>
      createBillyAdapter({
        credentials: { accessToken: overrides.accessToken ?? bed.sim.accessToken },
        endpoints: { apiBaseUrl: bed.sim.apiBaseUrl },
        fetch: recordingFetch,
        beforeRequest: async () => {
          bed.beforeRequestCalls++;
        },
        ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
        ...(overrides.organisationId ? { organisationId: overrides.organisationId } : {}),
      }),
    writes: (path) => bed.sent.filter((r) => r.method !== "GET" && r.path === path),
    lastWrite: (path) => bed.writes(path).at(-1)?.body,
    refsFor: (draft) => prepareRefs(bed.adapter, draft),
  };

  beforeEach(async () => {
    bed.sim = await startBillySimulator();
    bed.sent = [];
    bed.beforeRequestCalls = 0;
    bed.adapter = bed.build();
  });
  afterEach(async () => {
    await bed.sim.close();
  });
  return bed;
}
