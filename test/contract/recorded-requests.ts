import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import { prepareRefs } from "./ledger-contract-suite";
import type { LedgerHarness } from "./ledger-harness";
import { sampleCreditNote, sampleInvoice } from "./sample-drafts";

/**
 * What an adapter writes to its ledger for one representative order (customer, products, invoice,
 * booking, payment, credit note, refund), recorded off the wire against its simulator. The
 * recordings in app/ledgers/<p>/fixtures/ were made before the adapters were split into the
 * template (#15), so a test comparing with them proves the split sent the very same JSON.
 * `RECORD_LEDGER_REQUESTS=1` writes a missing recording instead of failing.
 */

export interface RecordedRequest {
  method: string;
  /** Path below the API base, with the query string. */
  path: string;
  body: unknown;
}

export function transferDrafts(accounts: LedgerHarness["accounts"]) {
  const invoice = sampleInvoice(accounts, { orderNumber: 4242, email: "recorded@example.dk", shop: "rec" });
  const creditNote = sampleCreditNote(accounts, invoice, "77");
  return { invoice, creditNote };
}

/** Every non-GET request the adapter sends during the flow, in order. */
export async function recordTransferRequests(harness: LedgerHarness): Promise<RecordedRequest[]> {
  const original = globalThis.fetch;
  const recorded: RecordedRequest[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    if (method !== "GET") {
      const text = typeof init?.body === "string" ? init.body : "";
      recorded.push({ method, path: url.pathname + url.search, body: text ? parseBody(text) : null });
    }
    return original(input, init);
  });
  let started: Awaited<ReturnType<LedgerHarness["start"]>> | undefined;
  try {
    started = await harness.start();
    const { adapter } = started;
    const { invoice, creditNote } = transferDrafts(harness.accounts);
    const refs = await prepareRefs(adapter, invoice);
    const created = await adapter.createInvoice(invoice, refs);
    const booked = await adapter.bookInvoice(created);
    await adapter.registerPayment(booked, firstPayment(invoice.payments));
    const credit = await adapter.createCreditNote(creditNote, {
      invoice: booked,
      customerId: refs.customerId,
      productIds: refs.productIds,
    });
    const bookedCredit = await adapter.bookCreditNote(credit);
    await adapter.registerRefund(bookedCredit, firstPayment(creditNote.payments));
  } finally {
    spy.mockRestore();
    await started?.close();
  }
  return recorded;
}

/** The recording in `file`; with RECORD_LEDGER_REQUESTS=1 a missing one is written from `actual`. */
export function recordedFixture<T>(file: string, actual: () => T): T {
  if (!existsSync(file)) {
    if (process.env.RECORD_LEDGER_REQUESTS !== "1") throw new Error(`no recording at ${file}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual(), null, 2)}\n`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

const RANDOM_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (typeof value !== "string") return value;
      // Dinero's optimistic-concurrency stamp is the simulator's clock, and random (v4) guids are
      // ids the simulator assigned: neither is something the adapter chose.
      if (key === "Timestamp") return "<timestamp>";
      return RANDOM_GUID.test(value) ? "<ledger-guid>" : value;
    });
  } catch {
    return text;
  }
}

function firstPayment<T>(payments: readonly T[]): T {
  const [payment] = payments;
  if (!payment) throw new Error("the sample draft has a payment");
  return payment;
}

/** The body of the `nth` recorded request whose method and path match, from a recording file. */
export function recordedBody(file: string, method: string, path: RegExp, nth = 0): unknown {
  const requests = JSON.parse(readFileSync(file, "utf8")) as RecordedRequest[];
  const found = requests.filter((request) => request.method === method && path.test(request.path))[nth];
  if (!found) throw new Error(`no recorded ${method} ${String(path)} #${nth} in ${file}`);
  return found.body;
}
