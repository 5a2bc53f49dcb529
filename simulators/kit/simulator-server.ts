import http from "node:http";
import type { AddressInfo } from "node:net";
import { FaultController } from "./faults";
import type { SimRequest, SimResponse, SimRouter } from "./router";
import { SlidingWindowLimiter } from "./rate-limit";

/**
 * Runs a ledger simulator as a real HTTP server on 127.0.0.1, so adapters are exercised through
 * their real HTTP code path. Each simulator supplies its routes and the ledger's own shapes for
 * the errors the kit produces (not found, rate limited, server error).
 */

export interface SimulatorErrorShapes {
  notFound(request: SimRequest): SimResponse;
  rateLimited(retryAfterSeconds: number): SimResponse;
  serverError(): SimResponse;
  badJson(request: SimRequest, error: Error): SimResponse;
}

export interface SimulatorOptions {
  name: string;
  router: SimRouter;
  errors: SimulatorErrorShapes;
  /** Real rate limit, e.g. `{ limit: 100, windowMs: 60_000, key: (r) => r.params.orgId }`. */
  rateLimit?: { limit: number; windowMs: number; key: (request: SimRequest) => string };
  /** Checked before routing; a response here (e.g. 401) short-circuits. */
  authenticate?: (request: SimRequest) => SimResponse | undefined;
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface RunningSimulator {
  url: string;
  faults: FaultController;
  limiter: SlidingWindowLimiter | undefined;
  /** Every request answered (or dropped), in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const faults = new FaultController();
  const limiter = options.rateLimit
    ? new SlidingWindowLimiter(options.rateLimit.limit, options.rateLimit.windowMs)
    : undefined;
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) {
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = (req.method ?? "GET").toUpperCase();
    const record = (status: number) => requests.push({ method, path: url.pathname, status, at: Date.now() });
    const request = buildRequest(method, url, req.headers, rawBody);
    request.rawUrl = req.url ?? "/";

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const info = { method, path: url.pathname, body: rawBody.toString("utf8") };
    await faults.waitIfHeld(info);
    const fault = faults.pick(info);
    if (fault === "timeout") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      record(0);
      return;
    }
    if (fault === "5xx") return send(res, options.errors.serverError(), record);
    if (fault === "429") return send(res, options.errors.rateLimited(faults.retryAfterSeconds), record);

    const denied = options.authenticate?.(request);
    if (denied) return send(res, denied, record);

    const matched = options.router.match(method, url.pathname);
    if (matched === null) return send(res, options.errors.notFound(request), record);
    if (matched === "methodNotAllowed")
      return send(res, { status: 405, body: { error: "Method not allowed" } }, record);
    request.params = matched.params;

    if (limiter && options.rateLimit) {
      const waitMs = limiter.hit(options.rateLimit.key(request));
      if (waitMs > 0) return send(res, options.errors.rateLimited(Math.ceil(waitMs / 1000)), record);
    }

    let response: SimResponse;
    try {
      response = await matched.handler(request);
    } catch (error) {
      response =
        error instanceof SyntaxError ? options.errors.badJson(request, error) : options.errors.serverError();
      if (!(error instanceof SyntaxError)) console.error(`[${options.name} simulator]`, error);
    }
    if (fault === "dropAfterCommit") {
      record(-1);
      res.socket?.destroy();
      return;
    }
    send(res, response, record);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    limiter,
    requests,
    close: async () => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function buildRequest(
  method: string,
  url: URL,
  headers: http.IncomingHttpHeaders,
  rawBody: Buffer,
): SimRequest {
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawBody,
    params: {},
    json: () => (rawBody.length === 0 ? undefined : (JSON.parse(rawBody.toString("utf8")) as unknown)),
    form: () => new URLSearchParams(rawBody.toString("utf8")),
    header: (name) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  };
}

function send(res: http.ServerResponse, response: SimResponse, record: (status: number) => void): void {
  record(response.status);
  const headers: Record<string, string> = { ...response.headers };
  let payload = "";
  if (response.body !== undefined) {
    if (typeof response.body === "string") {
      payload = response.body;
      headers["content-type"] ??= "text/plain; charset=utf-8";
    } else {
      payload = JSON.stringify(response.body);
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
