import { type TimedResponse, timedFetch } from "../timed-fetch";
import { dineroErrorFromNetwork } from "./dinero-errors";

/**
 * One HTTP exchange with a Dinero host: waits for the shared limiter, enforces the timeout with
 * an AbortController and turns network failures into `LedgerError`s. Status handling is left to
 * the caller, which knows whether it talks to the API or a token host.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface DineroTransport {
  fetch: typeof fetch;
  timeoutMs: number;
  beforeRequest?: () => Promise<void>;
}

export type RawResponse = TimedResponse;

export function createTransport(init: {
  fetch?: typeof fetch;
  timeoutMs?: number;
  beforeRequest?: () => Promise<void>;
}): DineroTransport {
  return {
    // Bound late so tests that replace globalThis.fetch are honoured.
    fetch: init.fetch ?? ((input, options) => globalThis.fetch(input, options)),
    timeoutMs: init.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(init.beforeRequest ? { beforeRequest: init.beforeRequest } : {}),
  };
}

export async function exchange(
  transport: DineroTransport,
  url: string,
  init: RequestInit,
  operation: string,
): Promise<RawResponse> {
  await transport.beforeRequest?.();
  return timedFetch(
    transport.fetch,
    url,
    init,
    transport.timeoutMs,
    (error, timedOut) =>
      dineroErrorFromNetwork(error, { operation, timedOut, timeoutMs: transport.timeoutMs }),
    operation,
  );
}
