import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../lib/secret-box.server";
import { buildWcAuthorizeUrl, newWcAuthState, parseWcAuthCallback, parseWcAuthReturn } from "./wc-auth";
import { normalizeStoreUrl } from "./store-url";
import { WooCommerceClient } from "./woocommerce-client";
import { SourceError } from "../source-error";
import { ensureStoreWebhooks } from "./woo-webhooks.server";
import type { RegisteredWebhook, WooApiKeys } from "./woo-store-repo.server";
import { openStoreSecret, saveWooStore } from "./woo-store-repo.server";

/**
 * Connecting a WooCommerce store, by WooCommerce's own key exchange (`/wc-auth/v1/authorize`)
 * or with keys the merchant created by hand. Either way the keys are checked with a REST call
 * before anything is stored, then sealed; the app registers its webhooks and hands the
 * companion plugin its store secret through WooCommerce's settings API, so no secret ever
 * passes through a browser.
 */

export interface ConnectContext {
  db: PrismaClient;
  box: SecretBox;
  /** This app's public base URL (callback, return and webhook URLs are built on it). */
  appUrl: string;
  /** Local mode: stores on loopback/private addresses and http:// are allowed. */
  allowPrivateStores: boolean;
  now?: () => Date;
  clientTimeoutMs?: number;
}

/** How long a started key exchange may take (the merchant may have to log in first). */
const AUTH_REQUEST_TTL_MS = 30 * 60 * 1000;
/**
 * Connect is anonymous (the plugin's button), so each click stores a pending request until it
 * expires. A merchant needs one or two; these bounds keep a script from filling the table.
 */
export const MAX_PENDING_AUTH_PER_CLIENT = 10;
export const MAX_PENDING_AUTH_TOTAL = 1000;
export const APP_NAME = "Ledger Bridge";
/** The companion plugin's settings group and options (LB_Settings in extensions/woocommerce). */
export const PLUGIN_SETTINGS = {
  group: "ledger_bridge",
  appUrl: "ledger_bridge_app_url",
  storeSecret: "ledger_bridge_store_secret",
} as const;

export type ConnectFailure =
  | "invalidUrl"
  | "invalidReturn"
  | "expired"
  | "denied"
  | "noKeys"
  | "rejectedKeys"
  | "readOnlyKeys"
  | "noRestApi"
  | "unreachable";

export type ConnectOutcome =
  | {
      status: "connected";
      shopId: string;
      storeUrl: string;
      webhooks: RegisteredWebhook[];
      /** Whether the plugin received its store secret (false: the plugin is not installed yet). */
      pluginConfigured: boolean;
    }
  | { status: "failed"; reason: ConnectFailure; message: string };

const stateHash = (state: string) => createHash("sha256").update(state).digest("hex");
const base = (url: string) => url.replace(/\/+$/, "");

/**
 * Step 1: remember a fresh state token and send the merchant to the store's authorize screen.
 * `client` is the caller's network address: too many pending requests from it, or in all, are
 * refused (`busy`) until older ones complete or expire.
 */
export async function startWcAuth(
  ctx: ConnectContext,
  storeUrlInput: string,
  client = "",
): Promise<
  | { ok: true; authorizeUrl: string }
  | { ok: false; reason: "invalidUrl" | "busy"; message: string; retryAfterSeconds?: number }
> {
  const store = normalizeStoreUrl(storeUrlInput, { allowPrivate: ctx.allowPrivateStores });
  if (!store.ok) return { ok: false, reason: "invalidUrl", message: `The store address ${store.reason}.` };
  const now = ctx.now?.() ?? new Date();
  const state = newWcAuthState();
  const clientKey = createHash("sha256").update(`wc-auth-client|${client}`).digest("hex");
  await ctx.db.wooAuthRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  await ctx.db.wooAuthRequest.create({
    data: {
      stateHash: stateHash(state),
      storeUrl: store.url,
      appUrl: base(ctx.appUrl),
      clientKey,
      expiresAt: new Date(now.getTime() + AUTH_REQUEST_TTL_MS),
    },
  });
  // Counted after our own insert, so concurrent clicks cannot all pass a check made before any
  // of them was stored: whoever sees the bound exceeded withdraws its own request.
  const pending = { expiresAt: { gte: now } };
  const [fromClient, total] = await Promise.all([
    ctx.db.wooAuthRequest.count({ where: { ...pending, clientKey } }),
    ctx.db.wooAuthRequest.count({ where: pending }),
  ]);
  if (fromClient > MAX_PENDING_AUTH_PER_CLIENT || total > MAX_PENDING_AUTH_TOTAL) {
    await ctx.db.wooAuthRequest.deleteMany({ where: { stateHash: stateHash(state) } });
    return {
      ok: false,
      reason: "busy",
      message: "Too many connection attempts are waiting; finish or wait for them, then try again.",
      retryAfterSeconds: Math.ceil(AUTH_REQUEST_TTL_MS / 1000),
    };
  }
  const authorizeUrl = buildWcAuthorizeUrl({
    storeUrl: store.url,
    appName: APP_NAME,
    scope: "read_write",
    stateToken: state,
    returnUrl: `${base(ctx.appUrl)}/woocommerce/connected`,
    callbackUrl: `${base(ctx.appUrl)}/woocommerce/callback`,
    allowInsecureLoopbackCallback: ctx.allowPrivateStores,
  });
  return { ok: true, authorizeUrl };
}

/**
 * Step 2, WooCommerce → app: the keys for a state we issued. They are only kept (sealed) here;
 * the store is still waiting for our answer, so it is not called back until the browser returns.
 */
export async function acceptWcAuthCallback(
  ctx: ConnectContext,
  rawBody: Buffer,
): Promise<{ ok: true } | { ok: false; status: 400; reason: string }> {
  const parsed = parseWcAuthCallback(rawBody);
  if (!parsed.ok) return { ok: false, status: 400, reason: parsed.reason };
  const { keys } = parsed;
  if (keys.permissions !== "read_write") {
    return {
      ok: false,
      status: 400,
      reason: `key permissions are ${keys.permissions}, read_write is needed`,
    };
  }
  const sealed = ctx.box.sealJson({
    consumerKey: keys.consumerKey,
    consumerSecret: keys.consumerSecret,
    keyId: keys.keyId,
    permissions: keys.permissions,
  } satisfies WooApiKeys);
  const { count } = await ctx.db.wooAuthRequest.updateMany({
    where: { stateHash: stateHash(keys.stateToken), expiresAt: { gt: ctx.now?.() ?? new Date() } },
    data: { keys: sealed },
  });
  return count === 1 ? { ok: true } : { ok: false, status: 400, reason: "unknown or expired state" };
}

/** Step 3, the browser is back (`success=1&user_id=<state>`): finish with the keys received. */
export async function completeWcAuth(ctx: ConnectContext, returnUrl: string | URL): Promise<ConnectOutcome> {
  const back = parseWcAuthReturn(returnUrl);
  if (!back) return failed("invalidReturn");
  const hash = stateHash(back.stateToken);
  const request = await ctx.db.wooAuthRequest.findUnique({ where: { stateHash: hash } });
  // Claimed by deleting, so a reloaded page cannot run the connection twice.
  const claimed = request
    ? await ctx.db.wooAuthRequest.deleteMany({ where: { stateHash: hash } })
    : undefined;
  if (!request || claimed?.count !== 1 || request.expiresAt < (ctx.now?.() ?? new Date())) {
    return failed("expired");
  }
  if (!back.success) return failed("denied");
  if (!request.keys) return failed("noKeys");
  const keys = ctx.box.openJson(request.keys) as WooApiKeys;
  return finishConnection({ ...ctx, appUrl: request.appUrl }, request.storeUrl, keys);
}

/** Keys created by hand (WooCommerce › Settings › Advanced › REST API, Read/Write). */
export async function connectWithKeys(
  ctx: ConnectContext,
  input: { storeUrl: string; consumerKey: string; consumerSecret: string },
): Promise<ConnectOutcome> {
  const store = normalizeStoreUrl(input.storeUrl, { allowPrivate: ctx.allowPrivateStores });
  if (!store.ok) return failed("invalidUrl", `The store address ${store.reason}.`);
  return finishConnection(ctx, store.url, {
    consumerKey: input.consumerKey.trim(),
    consumerSecret: input.consumerSecret.trim(),
  });
}

async function finishConnection(
  ctx: ConnectContext,
  storeUrl: string,
  keys: WooApiKeys,
): Promise<ConnectOutcome> {
  const client = new WooCommerceClient({
    storeUrl,
    consumerKey: keys.consumerKey,
    consumerSecret: keys.consumerSecret,
    timeoutMs: ctx.clientTimeoutMs ?? 20_000,
  });
  // Checked before anything is stored: a wrong key must not leave a half-connected store.
  try {
    await client.listWebhooks("all");
  } catch (error) {
    return failedFrom(error, storeUrl);
  }
  const store = await saveWooStore(ctx.db, ctx.box, { storeUrl, appUrl: base(ctx.appUrl), keys });
  let webhooks: RegisteredWebhook[];
  try {
    webhooks = (await ensureStoreWebhooks(ctx.db, ctx.box, store, client)).webhooks;
  } catch (error) {
    const outcome = failedFrom(error, storeUrl, "readOnlyKeys");
    if (outcome.status === "failed") {
      await ctx.db.wooStore.update({
        where: { shopId: store.shopId },
        data: { status: "needsReconnect", lastError: outcome.message },
      });
    }
    return outcome;
  }
  // The poll catches up from now on; older orders are the historical import's job.
  await ctx.db.shop.updateMany({
    where: { id: store.shopId, lastReconciledAt: null },
    data: { lastReconciledAt: ctx.now?.() ?? new Date() },
  });
  const pluginConfigured = await configurePlugin(ctx, client, store);
  await ctx.db.wooStore.update({
    where: { shopId: store.shopId },
    data: { status: "connected", lastError: null, storeSecretDelivered: pluginConfigured },
  });
  return { status: "connected", shopId: store.shopId, storeUrl, webhooks, pluginConfigured };
}

/** Writes the app URL and store secret into the plugin's settings; false when it is not installed. */
async function configurePlugin(
  ctx: ConnectContext,
  client: WooCommerceClient,
  store: Parameters<typeof openStoreSecret>[2],
): Promise<boolean> {
  try {
    await client.updateSetting(PLUGIN_SETTINGS.group, PLUGIN_SETTINGS.appUrl, base(ctx.appUrl));
    await client.updateSetting(
      PLUGIN_SETTINGS.group,
      PLUGIN_SETTINGS.storeSecret,
      await openStoreSecret(ctx.db, ctx.box, store),
    );
    return true;
  } catch (error) {
    if (error instanceof SourceError) return false;
    throw error;
  }
}

const MESSAGES: Record<ConnectFailure, string> = {
  invalidUrl: "The store address is not valid.",
  invalidReturn:
    "WooCommerce sent the browser back without the connection details. Start again from the plugin's Connect button.",
  expired: "This connection attempt has expired or was already used. Click Connect again.",
  denied: "The connection was not approved in WooCommerce. Click Connect again and choose Approve.",
  noKeys:
    "WooCommerce did not deliver the API keys to Ledger Bridge. The store must be able to reach the app's address over HTTPS; check firewalls and security plugins, then click Connect again.",
  rejectedKeys:
    "WooCommerce rejected these API keys. Check the consumer key and secret (WooCommerce › Settings › Advanced › REST API) and that the key belongs to a shop manager or administrator.",
  readOnlyKeys:
    "The API key can read but not write. Edit the key in WooCommerce › Settings › Advanced › REST API and give it Read/Write permission.",
  noRestApi:
    "The WooCommerce REST API was not found at this address. Check the store address and that WordPress permalinks are not set to 'Plain'.",
  unreachable: "Your store could not be reached. Check the address and try again.",
};

function failed(reason: ConnectFailure, message = MESSAGES[reason]): ConnectOutcome {
  return { status: "failed", reason, message };
}

function failedFrom(
  error: unknown,
  storeUrl: string,
  authReason: ConnectFailure = "rejectedKeys",
): ConnectOutcome {
  if (!(error instanceof SourceError)) throw error;
  switch (error.kind) {
    case "authentication":
      return failed(authReason);
    case "notFound":
      return failed("noRestApi");
    case "unavailable":
    case "rateLimited":
      return failed(
        "unreachable",
        `${storeUrl} could not be reached (${error.message}). Try again in a moment.`,
      );
    default:
      return failed("unreachable", error.merchantMessage);
  }
}
