import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The lease fence as the HTTP layer sees it. A worker runs each job inside `withWriteFence`, and
 * every ledger write (any non-GET request) made from inside must end before the worker's lease
 * can have expired: its timeout is cut to the time left, and a write with too little time left is
 * not sent at all. A worker that stalled (GC pause, CPU steal, a slow rate-limit wait) therefore
 * never writes after another worker may have taken the job over; the takeover, for its part,
 * waits out a margin after the lease's end before it looks anything up (see claimNextJob).
 */
export interface WriteFence {
  /** Local clock (epoch ms) by which every write must have ended; Infinity when unfenced. */
  writeDeadline(): number;
  now(): number;
}

/** A write that would outlive the lease: nothing was sent. */
export class WriteFenceError extends Error {
  override name = "WriteFenceError";
  constructor(readonly leftMs: number) {
    super(
      `not enough lease left for a ledger write (${Math.max(0, Math.round(leftMs))} ms); nothing was sent`,
    );
  }
}

/** Shorter than this, a write is not worth starting: it would time out or race the takeover. */
export const MIN_WRITE_MS = 100;

const storage = new AsyncLocalStorage<WriteFence>();

export function withWriteFence<T>(fence: WriteFence, run: () => Promise<T>): Promise<T> {
  return storage.run(fence, run);
}

/**
 * The timeout a request may use: `timeoutMs` for reads and unfenced writes, else at most the
 * time left before the fence's deadline. Throws WriteFenceError when too little is left.
 */
export function fencedTimeout(method: string, timeoutMs: number): number {
  const fence = storage.getStore();
  if (!fence || method.toUpperCase() === "GET") return timeoutMs;
  const left = fence.writeDeadline() - fence.now();
  if (left < Math.min(timeoutMs, MIN_WRITE_MS)) throw new WriteFenceError(left);
  return Math.min(timeoutMs, Math.floor(left));
}
