import { z } from "zod";

/**
 * e-conomic's "grant access" flow for apps: send the merchant to the installation page with the
 * app's public token and our callback URL; after approval e-conomic redirects to the callback
 * with the agreement grant token in the `token` query parameter. This is not OAuth 2.0 — no code
 * exchange, no client secret on the way, and no `state` parameter, so the callback URL itself
 * must carry whatever ties the answer to the shop: we append our own `state` to the callback URL
 * (assumed to survive because e-conomic redirects to the URL as given — unverified against the
 * live service, so the callback also works without it when no state is expected).
 */

export const ECONOMIC_AUTH_BASE_URL = "https://secure.e-conomic.com";
export const REQUEST_ACCESS_PATH = "/secure/api1/requestaccess.aspx";

export interface InstallationUrlInput {
  /** The app's public token (also readable from GET /self → application.appPublicToken). */
  appPublicToken: string;
  /** Our callback, absolute https (or http on loopback for the simulator). */
  redirectUrl: string;
  /** Opaque value tying the callback to the shop and session; appended to `redirectUrl`. */
  state?: string;
  /** Defaults to secure.e-conomic.com; the simulator serves the same path. */
  authBaseUrl?: string;
}

export function buildInstallationUrl(input: InstallationUrlInput): string {
  const redirect = new URL(input.redirectUrl);
  if (redirect.protocol !== "https:" && !isLoopback(redirect.hostname)) {
    throw new RangeError("The e-conomic callback URL must use https");
  }
  if (input.state) redirect.searchParams.set("state", input.state);
  const url = new URL(REQUEST_ACCESS_PATH, input.authBaseUrl ?? ECONOMIC_AUTH_BASE_URL);
  url.searchParams.set("appPublicToken", input.appPublicToken);
  url.searchParams.set("redirectUrl", redirect.toString());
  return url.toString();
}

const callbackSchema = z.object({
  token: z.string().trim().min(1),
  state: z.string().optional(),
});

export type InstallationCallback =
  { ok: true; agreementGrantToken: string; state?: string } | { ok: false; reason: string };

/** Reads the grant token from the URL e-conomic redirected the merchant to. */
export function parseInstallationCallback(
  callbackUrl: string | URL,
  expectedState?: string,
): InstallationCallback {
  const url = new URL(callbackUrl);
  const parsed = callbackSchema.safeParse({
    token: url.searchParams.get("token") ?? undefined,
    state: url.searchParams.get("state") ?? undefined,
  });
  if (!parsed.success) {
    return {
      ok: false,
      reason: "e-conomic did not send an agreement grant token. Start the connection again from Settings.",
    };
  }
  if (expectedState !== undefined && parsed.data.state !== expectedState) {
    return {
      ok: false,
      reason: "The e-conomic answer does not belong to this connection attempt. Start again from Settings.",
    };
  }
  return {
    ok: true,
    agreementGrantToken: parsed.data.token,
    ...(parsed.data.state !== undefined ? { state: parsed.data.state } : {}),
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}
