import { log } from "../lib/log.server";
import { fencedTimeout } from "./write-fence";

/** A ledger's answer as read off the wire, before the ledger's own status and body rules. */
export interface TimedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP exchange under one deadline, which also covers reading the body: a stalled body is as
 * bad as no answer. A failure to get an answer (network error, deadline) is handed to `failed`
 * with whether the deadline passed, so each ledger can name it in its own error. Writes made for a
 * job are further bounded by its lease (see write-fence.ts).
 */
export async function timedFetch(
  fetchImpl: typeof fetch,
  url: string | URL,
  init: RequestInit,
  timeoutMs: number,
  failed: (error: unknown, timedOut: boolean) => Error,
  /** What the call does, for the debug log; the URL itself is never logged (Dynaccount keys sit in its path). */
  operation?: string,
): Promise<TimedResponse> {
  const method = init.method ?? "GET";
  // A write must end while the job's lease lasts (throws, sending nothing, when too little is left).
  const deadlineMs = fencedTimeout(method, timeoutMs);
  const started = Date.now();
  const host = new URL(url).host;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deadlineMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    const text = await response.text();
    log.debug("ledger request", {
      method,
      host,
      operation,
      status: response.status,
      ms: Date.now() - started,
    });
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    log.debug("ledger request failed", { method, host, operation, timedOut, ms: Date.now() - started });
    throw failed(error, timedOut);
  } finally {
    clearTimeout(timer);
  }
}
