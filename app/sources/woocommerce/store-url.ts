import { isIP } from "node:net";

export type StoreUrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * A store's home URL in the one form we key shops on: scheme and host lower-cased, no query,
 * no trailing slash (WordPress' `home_url('/')` ends in one, the merchant may type none).
 * A subdirectory install keeps its path. Outside local mode only public https stores are
 * accepted: the app calls this URL from its servers, so it must not reach private networks.
 */
export function normalizeStoreUrl(input: string, options: { allowPrivate: boolean }): StoreUrlResult {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, reason: "not a valid web address" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "must start with https://" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain a user name or password" };
  if (!options.allowPrivate) {
    if (url.protocol !== "https:") return { ok: false, reason: "must use https://" };
    if (isPrivateHost(url.hostname)) return { ok: false, reason: "must be a public address" };
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, url: `${url.protocol}//${url.host.toLowerCase()}${path}` };
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) return true;
  if (!host.includes(".") && isIP(host) === 0) return true;
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6) {
    return (
      host === "::1" || host === "::" || /^(fc|fd|fe8|fe9|fea|feb)/.test(host) || host.startsWith("::ffff:")
    );
  }
  return false;
}
