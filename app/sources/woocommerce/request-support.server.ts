import { env } from "../../config/env.server";
import type { Locale } from "../../i18n/messages";
import { prisma } from "../../db/prisma.server";
import { secretBox } from "../../lib/secrets.server";
import type { ConnectContext } from "./connect-store.server";

/**
 * Where stores reach this app: PUBLIC_APP_URL, else SHOPIFY_APP_URL, else the address the
 * merchant's browser used (fine locally; behind a proxy set PUBLIC_APP_URL).
 */
export function publicAppUrl(request: Request): string {
  const config = env();
  return (config.PUBLIC_APP_URL ?? config.SHOPIFY_APP_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

export function connectContext(request: Request): ConnectContext {
  return {
    db: prisma(),
    box: secretBox(),
    appUrl: publicAppUrl(request),
    // Local mode talks to stores on this machine (the simulator, a dev WordPress).
    allowPrivateStores: env().localMode,
  };
}

/** `?locale=da`, else the browser's first language. */
export function pageLocale(request: Request, fallback?: string): Locale {
  const pick = (value: string | null | undefined): Locale | undefined => {
    const language = value?.toLowerCase().split(/[-_,;]/)[0];
    return language === "da" ? "da" : language === "en" ? "en" : undefined;
  };
  return (
    pick(new URL(request.url).searchParams.get("locale")) ??
    pick(fallback) ??
    pick(request.headers.get("accept-language")) ??
    "en"
  );
}

/** The TCP peer the server passes in its load context (server/main.ts); "" when unknown. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" ? address : "";
}
