import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with exactly these bytes and headers — no body re-encoding, and optionally
 * chunked (no Content-Length), which fetch cannot be told to do. A connection the server closes
 * early after answering still yields its answer.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunked?: boolean;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body && !options.chunked) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method: options.method ?? "POST", headers }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        // Answered before the whole body went out: this request is over.
        if (!request.writableEnded) request.destroy();
      });
      response.on("error", reject);
    });
    request.setTimeout(options.timeoutMs ?? 30_000, () => request.destroy(new Error(`timeout: ${url}`)));
    // A server that answers 413 and closes before the whole body is written: keep its answer.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    // Written a piece at a time, waiting for the socket, so an early answer (413) is read
    // before the server's close turns the next write into EPIPE.
    const pieces: Buffer[] = [];
    for (let offset = 0; body && offset < body.length; offset += 64 * 1024) {
      pieces.push(body.subarray(offset, offset + 64 * 1024));
    }
    const pump = () => {
      while (!answered && !request.destroyed) {
        const piece = pieces.shift();
        if (!piece) return void request.end();
        if (!request.write(piece)) return void request.once("drain", () => setImmediate(pump));
      }
    };
    // A server that refuses a body by its Content-Length answers at once: give it the chance
    // before writing megabytes into a socket it is about to close.
    if (body && body.length > 1024 * 1024 && !options.chunked) {
      request.flushHeaders();
      setTimeout(pump, 300);
    } else {
      pump();
    }
  });
}
