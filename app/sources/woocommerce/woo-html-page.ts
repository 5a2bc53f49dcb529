import type { Locale } from "../../i18n/messages";

/**
 * The few pages a WooCommerce merchant sees on the app itself (after Connect, from the settings
 * link) are plain server-rendered HTML: they run at the top level, outside any shop admin, and
 * need no client code. Every text passed in is already translated; it is escaped here.
 */
export interface HtmlSection {
  heading?: string;
  lines: string[];
}

export function wooHtmlPage(input: {
  locale: Locale;
  title: string;
  sections: HtmlSection[];
  status: number;
}): Response {
  const sections = input.sections
    .map(
      (section) =>
        `<section>${section.heading ? `<h2>${escapeHtml(section.heading)}</h2>` : ""}${section.lines
          .map((line) => `<p>${escapeHtml(line)}</p>`)
          .join("")}</section>`,
    )
    .join("");
  const html = `<!DOCTYPE html><html lang="${input.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(input.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#202223}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}</style></head><body><main><h1>${escapeHtml(input.title)}</h1>${sections}</main></body></html>`;
  return new Response(html, {
    status: input.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-frame-options": "DENY",
    },
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
