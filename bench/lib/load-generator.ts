import http from "node:http";

/**
 * An open-loop load generator: request i is due at start + i / rate whatever happened to the
 * requests before it, as webhooks arrive from Shopify. A closed loop (next request after the
 * previous answer) slows down with the server and hides its queueing ("coordinated omission");
 * here a slow server shows as growing latency, measured from when each request was due.
 *
 * Time is read from the global `performance` and `setTimeout` at call time (not imported), so a
 * test can run the generator on a virtual clock and assert exact schedules on a busy machine.
 */

export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  /** Sends request `index`; resolves true for a success, false (or throws) for a failure. */
  send(index: number): Promise<boolean>;
  /** Gives up waiting for answers this long after the last request was due. */
  drainTimeoutMs?: number;
}

export interface OpenLoopResult {
  offered: number;
  /** Due-to-answer times of successful requests, ms. */
  latenciesMs: number[];
  ok: number;
  failed: number;
  /** Still unanswered when the drain timeout ended. */
  unanswered: number;
  /** From the first due time to the last answer, ms. */
  elapsedMs: number;
  /** Successful answers per second over `elapsedMs` (or the planned duration, if longer). */
  throughput: number;
  /** How late the generator itself dispatched requests (its own health), ms. */
  dispatchLagP99Ms: number;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.max(1, Math.round((options.ratePerSecond * options.durationMs) / 1000));
  const intervalMs = 1000 / options.ratePerSecond;
  const latenciesMs: number[] = [];
  const lags: number[] = [];
  let ok = 0;
  let failed = 0;
  let answered = 0;
  let lastAnswer = 0;
  const start = performance.now() + 5;
  const pending = new Set<Promise<void>>();

  const dispatch = (index: number) => {
    const due = start + index * intervalMs;
    lags.push(performance.now() - due);
    const request = Promise.resolve()
      .then(() => options.send(index))
      .catch(() => false)
      .then((success) => {
        const now = performance.now();
        answered++;
        lastAnswer = Math.max(lastAnswer, now);
        if (success) {
          ok++;
          latenciesMs.push(now - due);
        } else failed++;
      })
      .finally(() => pending.delete(request));
    pending.add(request);
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Catch up on every request that is due: never wait for answers before sending.
      while (next < total && start + next * intervalMs <= now) dispatch(next++);
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });

  const drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
  await Promise.race([
    Promise.all(pending),
    new Promise((resolve) => setTimeout(resolve, drainTimeoutMs).unref()),
  ]);
  const elapsedMs = Math.max(lastAnswer - start, options.durationMs);
  lags.sort((a, b) => a - b);
  return {
    offered: total,
    latenciesMs,
    ok,
    failed,
    unanswered: total - answered,
    elapsedMs,
    throughput: ok / (elapsedMs / 1000),
    dispatchLagP99Ms: lags[Math.max(0, Math.ceil(lags.length * 0.99) - 1)] ?? 0,
  };
}

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * POSTs prepared requests over keep-alive connections (as many as the open loop needs); a 2xx
 * answer is a success. The agent is returned so the caller can close its sockets.
 */
export function httpPoster(baseUrl: string, timeoutMs = 10_000) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const post = (request: PreparedRequest) =>
    new Promise<boolean>((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: request.path,
          agent,
          headers: { ...request.headers, "content-length": String(request.body.length) },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
          res.on("error", () => resolve(false));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve(false));
      req.end(request.body);
    });
  return { post, close: () => agent.destroy() };
}
