import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { prisma } from "../db/prisma.server";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { appPageUrl, completeDineroConnect } from "../onboarding/dinero-connect.server";

/**
 * Visma Connect sends the merchant back here, at the top level and outside /app: the admin's
 * session token is not available on this request, so the signed `state` identifies the shop
 * (see app/onboarding/oauth-state.server.ts). Success returns to the app; a failure is shown
 * here with a way back.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const result = await completeDineroConnect(prisma(), request.url);
  switch (result.status) {
    case "connected": {
      const path = result.settingsProposed ? "/app/settings?proposed=1" : "/app/connect?connected=1";
      return redirect(appPageUrl(result.shop, path));
    }
    case "invalidState":
      // The shop is unknown, so its language is too: say it in both.
      return page(
        ["en", "da"],
        "onboarding.callback.invalid.title",
        { key: "onboarding.callback.invalid.body" },
        "/app",
        400,
      );
    case "denied":
      return page(
        [language(result.shop.locale)],
        "onboarding.callback.denied.title",
        { key: "onboarding.callback.denied.body" },
        appPageUrl(result.shop, "/app/connect"),
        400,
      );
    case "failed":
      return page(
        [language(result.shop.locale)],
        "onboarding.callback.failed.title",
        { text: result.message },
        appPageUrl(result.shop, "/app/connect"),
        502,
      );
  }
};

function language(locale: string): Locale {
  return locale.toLowerCase().startsWith("da") ? "da" : "en";
}

function page(
  locales: Locale[],
  title: MessageKey,
  body: { key: MessageKey } | { text: string },
  back: string,
  status: number,
) {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sections = locales
    .map((locale) => {
      const text = "key" in body ? translate(locale, body.key) : body.text;
      return `<section lang="${locale}"><h1>${escape(translate(locale, title))}</h1><p>${escape(text)}</p><p><a href="${escape(back)}">${escape(translate(locale, "onboarding.callback.back"))}</a></p></section>`;
    })
    .join("");
  return new Response(
    `<!doctype html><html><head><meta charset="utf-8"><title>Ledger Bridge</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head><body>${sections}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}
