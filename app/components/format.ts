import { APP_TIME_ZONE } from "../transfers/time-zone";

/** Intl locales for the app's two languages. */
export function intlLocale(locale: "en" | "da"): string {
  return locale === "da" ? "da-DK" : "en-GB";
}

/** A timestamp in Copenhagen time, identical on the server and in the browser. */
export function formatDateTime(iso: string, locale: "en" | "da"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: APP_TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD), e.g. "12 May" / "12. maj". */
export function formatDay(day: string, locale: "en" | "da"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
  }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * Amounts arrive as exact decimal strings; the conversion to a number is for display only and
 * never feeds arithmetic.
 */
export function formatMoney(amount: string, currency: string, locale: "en" | "da"): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).format(Number(amount));
}
