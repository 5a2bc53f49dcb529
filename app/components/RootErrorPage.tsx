import { isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { translate, type Locale } from "../i18n/messages";

/**
 * What a visitor sees when no page matches or a page fails before its own boundary: a plain
 * page in Danish and English (outside the app layout there is no shop locale to choose by),
 * instead of Remix's default, which also logs the error's stack to the console on every request.
 */
export function RootErrorPage() {
  const error = useRouteError();
  const { pathname, search } = useLocation();
  // An address that names its language (?locale=da) gets that language only.
  const asked = new URLSearchParams(search).get("locale");
  const locales: Locale[] = asked === "da" || asked === "en" ? [asked] : ["da", "en"];
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const text = (locale: Locale) => ({
    title: translate(locale, notFound ? "error.notFound.title" : "error.unexpected.title"),
    body: notFound
      ? translate(locale, "error.notFound.body", { path: pathname })
      : translate(locale, "error.unexpected.body"),
  });
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: "40rem",
        margin: "4rem auto",
        padding: "0 1rem",
      }}
    >
      {locales.map((locale) => (
        <section key={locale} lang={locale} data-testid={`error-${locale}`}>
          <h1 style={{ fontSize: "1.25rem" }}>{text(locale).title}</h1>
          <p>{text(locale).body}</p>
          <p>
            <a href={asked ? `/app?locale=${locale}` : "/app"}>{translate(locale, "error.backToApp")}</a>
          </p>
        </section>
      ))}
    </main>
  );
}
