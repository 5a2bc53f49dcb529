import type { IncomingHttpHeaders } from "node:http";

export interface SimRequest {
  method: string;
  path: string;
  /** The request target exactly as received (path + query, still encoded), e.g. for signature checks. */
  rawUrl?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  params: Record<string, string>;
  /** Parsed JSON body; `undefined` for an empty body. Throws `SyntaxError` on bad JSON. */
  json(): unknown;
  /** Parsed `application/x-www-form-urlencoded` body. */
  form(): URLSearchParams;
  header(name: string): string | undefined;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as text. */
  body?: unknown;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: SimHandler;
}

/** A tiny method + path-pattern router (`/v1/:orgId/invoices/:guid`). */
export class SimRouter {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: SimHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  match(
    method: string,
    path: string,
  ): { handler: SimHandler; params: Record<string, string> } | "methodNotAllowed" | null {
    const parts = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? "methodNotAllowed" : null;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith(":")) params[expected.slice(1)] = decodeURIComponent(actual);
    else if (expected.toLowerCase() !== actual.toLowerCase()) return null;
  }
  return params;
}
