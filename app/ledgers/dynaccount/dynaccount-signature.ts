import { createHash } from "node:crypto";

/**
 * Dynaccount v7 request signing: `X-Hash = sha1(<url without scheme> + <raw body> + <API secret>)`,
 * where the url is host + path (+ `?query`) exactly as sent. Shared by the client (to sign) and
 * the simulator (to verify), so the tests pin it against an independently computed vector.
 */
export function dynaccountHash(url: string, body: string, apiSecret: string): string {
  const schemeEnd = url.indexOf("://");
  const withoutScheme = schemeEnd >= 0 ? url.slice(schemeEnd + 3) : url;
  return createHash("sha1")
    .update(withoutScheme + body + apiSecret, "utf8")
    .digest("hex");
}
