import { describe, expect, it } from "vitest";
import { timedFetch } from "./timed-fetch";
import { withWriteFence, WriteFenceError } from "./write-fence";

/** A fetch that records each call's method and whether its abort signal fires, answering once told. */
function recordingFetch() {
  const calls: Array<{ method: string; signal: AbortSignal }> = [];
  const fetchImpl = (async (_url: string | URL, init?: RequestInit) => {
    calls.push({ method: init?.method ?? "GET", signal: init?.signal as AbortSignal });
    return new Response("{}", { status: 200 });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const failed = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

describe("write fence", () => {
  it("sends no write when the lease has less time left than a write may take", async () => {
    const clock = { now: 1_000_000 };
    const fence = { writeDeadline: () => 1_000_050, now: () => clock.now };
    const { calls, fetchImpl } = recordingFetch();
    await withWriteFence(fence, async () => {
      await expect(
        timedFetch(fetchImpl, "http://ledger.test/invoices", { method: "POST" }, 30_000, failed),
      ).rejects.toBeInstanceOf(WriteFenceError);
      // Reads are harmless: they still go out.
      await timedFetch(fetchImpl, "http://ledger.test/invoices", { method: "GET" }, 30_000, failed);
    });
    expect(calls.map((call) => call.method)).toEqual(["GET"]);
  });

  it("cuts a write's timeout to the lease left, so it ends before any takeover can start", async () => {
    const clock = { now: 1_000_000 };
    const fence = { writeDeadline: () => clock.now + 5_000, now: () => clock.now };
    let timeoutSeen: number | undefined;
    const realSetTimeout = globalThis.setTimeout;
    const spy = ((handler: () => void, ms?: number) => {
      timeoutSeen = ms;
      return realSetTimeout(handler, ms);
    }) as typeof setTimeout;
    const { fetchImpl } = recordingFetch();
    globalThis.setTimeout = spy;
    try {
      await withWriteFence(fence, () =>
        timedFetch(fetchImpl, "http://ledger.test/invoices", { method: "POST" }, 30_000, failed),
      );
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    expect(timeoutSeen).toBe(5_000);
  });

  it("leaves requests outside a job alone", async () => {
    const { calls, fetchImpl } = recordingFetch();
    await timedFetch(fetchImpl, "http://ledger.test/invoices", { method: "POST" }, 30_000, failed);
    expect(calls).toHaveLength(1);
  });
});
