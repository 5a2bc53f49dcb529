import { useRouteLoaderData } from "@remix-run/react";
import type { Locale, MessageKey } from "./messages";
import { translate } from "./messages";

/** Reads the locale the app layout loader resolved (shop locale, or ?locale=). */
export function useTranslation() {
  const data = useRouteLoaderData<{ locale: Locale }>("routes/app");
  const locale = data?.locale ?? "en";
  return {
    locale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
  };
}
