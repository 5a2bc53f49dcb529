import type { SimRequest, SimResponse, SimRouter } from "../kit/router";
import { generateApiKey, type WooApiKey, type WooKeyPermissions } from "./woo-sim-auth";

export interface WcAuthBehaviour {
  /** What the (imaginary) merchant clicks on the authorize screen. */
  decision: "approve" | "deny";
  /** A logged-out browser is sent to `/wc-auth/v1/login` first. */
  loggedIn: boolean;
  /** The logged-in user has `manage_woocommerce`. */
  canManageWooCommerce: boolean;
  /**
   * WooCommerce insists on an https:// callback; loopback tests cannot offer TLS, which is the
   * same situation as a dev store with the `http_request_host_is_external` filter.
   */
  allowHttpCallback: boolean;
}

export interface WcAuthContext {
  behaviour: WcAuthBehaviour;
  keys: WooApiKey[];
  nextKeyId: () => number;
  userId: number;
  timeoutMs: number;
}

const REQUIRED = ["app_name", "scope", "user_id", "return_url", "callback_url"] as const;

/** The HTML error page `wp_die()` renders; WooCommerce uses status 401 for wc-auth failures. */
const die = (message: string, status = 401): SimResponse => ({
  status,
  headers: { "content-type": "text/html; charset=UTF-8" },
  body: `<!DOCTYPE html><html><body id="error-page"><div class="wp-die-message">Error: ${escapeHtml(message)}.</div></body></html>`,
});

/**
 * `/wc-auth/v1/authorize` without the screens: the configured decision stands in for the
 * merchant's click. Approving creates a key for the current user, POSTs it as JSON to
 * `callback_url` (which must answer exactly 200, or the key is deleted and the flow dies), then
 * redirects to `return_url` with `success=1&user_id=…`.
 */
export function registerWcAuthRoutes(router: SimRouter, ctx: WcAuthContext): void {
  router.on("GET", "/wc-auth/v1/login", () => ({
    status: 200,
    headers: { "content-type": "text/html; charset=UTF-8" },
    body: '<!DOCTYPE html><html><body><form class="wc-auth-login">Log in</form></body></html>',
  }));
  router.on("GET", "/wc-auth/v1/authorize", async (request) => {
    const parsed = readParams(request, ctx.behaviour);
    if (typeof parsed === "string") return die(parsed);
    if (!ctx.behaviour.loggedIn) {
      return { status: 302, headers: { location: `/wc-auth/v1/login?${request.query.toString()}` } };
    }
    if (!ctx.behaviour.canManageWooCommerce) return die("You do not have permission to access this page");
    if (ctx.behaviour.decision === "deny") {
      return redirect(withQuery(parsed.returnUrl, { success: "0", user_id: parsed.userId }));
    }
    const appName = parsed.appName.slice(0, 170);
    const key = generateApiKey(
      ctx.nextKeyId(),
      ctx.userId,
      parsed.scope,
      `${appName} - API (${new Date().toISOString().slice(0, 19).replace("T", " ")})`,
    );
    ctx.keys.push(key);
    const delivered = await postKeys(parsed.callbackUrl, ctx.timeoutMs, {
      key_id: key.keyId,
      user_id: parsed.userId,
      consumer_key: key.consumerKey,
      consumer_secret: key.consumerSecret,
      key_permissions: key.permissions,
    });
    if (!delivered) {
      ctx.keys.splice(ctx.keys.indexOf(key), 1);
      return die("An error occurred in the request and at the time were unable to send the consumer data");
    }
    return redirect(withQuery(parsed.returnUrl, { success: "1", user_id: parsed.userId }));
  });
}

interface AuthorizeParams {
  appName: string;
  scope: WooKeyPermissions;
  userId: string;
  returnUrl: string;
  callbackUrl: string;
}

function readParams(request: SimRequest, behaviour: WcAuthBehaviour): AuthorizeParams | string {
  for (const name of REQUIRED) {
    if (!request.query.get(name)) return `Missing parameter ${name}`;
  }
  const scope = request.query.get("scope") ?? "";
  if (scope !== "read" && scope !== "write" && scope !== "read_write") return `Invalid scope ${scope}`;
  const returnUrl = formatUrl(request.query.get("return_url") ?? "");
  const callbackUrl = formatUrl(request.query.get("callback_url") ?? "");
  if (!isUrl(returnUrl)) return "The return_url is not a valid URL";
  if (!isUrl(callbackUrl)) return "The callback_url is not a valid URL";
  if (
    !callbackUrl.startsWith("https://") &&
    !(behaviour.allowHttpCallback && callbackUrl.startsWith("http://"))
  ) {
    return "The callback_url needs to be over SSL";
  }
  return {
    appName: request.query.get("app_name") ?? "",
    scope,
    userId: request.query.get("user_id") ?? "",
    returnUrl,
    callbackUrl,
  };
}

/** URLs without a scheme get `https://` prepended, as `WC_Auth::get_formatted_url` does. */
function formatUrl(url: string): string {
  return url.includes("://") ? url : `https://${url}`;
}

function isUrl(url: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  return target.toString();
}

const redirect = (location: string): SimResponse => ({ status: 302, headers: { location } });

async function postKeys(url: string, timeoutMs: number, body: Record<string, unknown>): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json;charset=UTF-8" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status === 200;
  } catch {
    return false;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
