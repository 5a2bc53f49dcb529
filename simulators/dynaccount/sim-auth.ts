import type { SimRequest, SimResponse } from "../kit/router";
import { dynaccountHash } from "../../app/ledgers/dynaccount/dynaccount-signature";
import type { DynaccountCompany } from "./sim-store";

/**
 * Checks the v7 URL credentials and the X-Hash signature over host + raw request target + raw
 * body + secret. Failures answer 401 with Dynaccount's `{"error": {field: message}}` body.
 */
export function authenticateDynaccount(
  request: SimRequest,
  company: DynaccountCompany,
): SimResponse | undefined {
  const segments = request.path.split("/").filter(Boolean);
  if (segments.length === 0) return undefined;
  if (/^v\d+$/.test(segments[0] ?? "") && segments[0] !== "v7") {
    return dynaccountError(404, { version: `API version ${segments[0]} is not supported, use v7` });
  }
  if (segments[0] !== "v7") return undefined;
  const [, apiId = "", apiKey = ""] = segments.map(safeDecode);
  if (apiId !== company.apiId) return dynaccountError(401, { api_id: "Unknown API ID" });
  if (apiKey.toLowerCase() !== company.apiKey.toLowerCase())
    return dynaccountError(401, { api_key: "Invalid API key" });
  const hash = request.header("x-hash");
  if (!hash) return dynaccountError(401, { hash: "Missing X-Hash header" });
  const host = request.header("host") ?? "";
  const expected = dynaccountHash(
    `${host}${request.rawUrl ?? request.path}`,
    request.rawBody.toString("utf8"),
    company.apiSecret,
  );
  if (hash.trim().toLowerCase() !== expected) return dynaccountError(401, { hash: "Invalid hash" });
  return undefined;
}

export function dynaccountError(
  status: number,
  error: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: { error } };
}

export function dynaccountResult(rows: unknown[]): SimResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: { result: rows } };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
