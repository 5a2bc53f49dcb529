import { da, en } from "../../app/i18n/messages";

/**
 * What a merchant reads on a server-rendered page: every text node and every attribute a screen
 * or a screen reader shows (aria-label, title, placeholder, alt, a button's value). Scripts and
 * styles are not text; the loader data Remix embeds for hydration is read by code, not people.
 */
export function visibleTexts(html: string): string[] {
  const body = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, "");
  const texts: string[] = [];
  for (const match of body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/gi)) {
    texts.push(decode(match[1] ?? ""));
  }
  for (const part of body.split(/<[^>]*>/)) texts.push(decode(part));
  return texts.map((text) => text.replace(/\s+/g, " ").trim()).filter((text) => /\p{L}/u.test(text));
}

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

/**
 * English words no Danish sentence holds. A new English text on a Danish page almost always has
 * one of them, whether or not it is in the catalogue; Danish look-alikes ("for", "under", "to" —
 * two —, "i", "kan") are left out on purpose.
 */
// prettier-ignore
const ENGLISH_WORDS = [
  "the", "and", "is", "are", "was", "were", "been", "not", "no longer", "your", "you", "with",
  "this", "that", "these", "could", "cannot", "can't", "couldn't", "please", "failed", "error",
  "invalid", "must", "should", "required", "missing", "unknown", "transfer", "transferred",
  "transfers", "queued", "waiting", "settings", "setting", "account", "accounts", "order",
  "orders", "refund", "refunds", "invoice", "invoices", "credit note", "ledger", "paused",
  "resume", "retry", "save", "saved", "connect", "connected", "disconnect", "shop", "customer",
  "shipping", "payment", "payments", "gift card", "received", "because", "which", "when", "from",
  "into", "has", "does", "did", "will", "would", "there", "their", "what", "why", "how", "of",
  "on", "an", "it", "its", "or", "to the", "in the", "yes", "none", "handled", "manually",
  "try again", "something went wrong", "page", "preview", "search", "all", "today", "yesterday",
  "ago", "amount", "date", "open", "show", "hide",
];
const ENGLISH_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}_-])(${ENGLISH_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}_-])`,
  "iu",
);

/**
 * The fixed parts (between {parameters}) of every English catalogue text that differs from its
 * Danish one, at least two words long: if one of them shows on a Danish page, the page picked the
 * English dictionary or copied an English sentence.
 */
const ENGLISH_PHRASES: string[] = (() => {
  const danish: Record<string, string> = da;
  const phrases = new Set<string>();
  for (const [key, english] of Object.entries(en as Record<string, string>)) {
    if (danish[key] === english) continue;
    for (const part of english.split(/\{\w+\}/)) {
      const phrase = part
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
      if (phrase.split(" ").length >= 2 && !Object.values(danish).some((d) => d.includes(phrase))) {
        phrases.add(phrase);
      }
    }
  }
  return [...phrases];
})();

/**
 * Names that are not language: the app's name, addresses and ids (gid://…, acc-5710), and the
 * platforms' technical names the demo explains (orders/paid, order.created).
 */
function withoutNames(text: string): string {
  return text
    .replace(/Ledger Bridge|Shopify Payments/g, "") // product names, the same in Danish
    .replace(/\S+\.(?:com|dk|net|io)\S*|[a-z]+:\/\/\S+/gi, "")
    .replace(/\S*\p{L}[./]\p{L}\S*/gu, "");
}

export interface EnglishFinding {
  text: string;
  why: string;
}

/**
 * English on a page meant to be Danish: a text holding an English catalogue phrase or an English
 * word. `allowed` are texts a merchant expects as they are (a brand, a shop domain, a customer's
 * name from the simulator's data), each matched whole.
 */
export function englishOn(html: string, allowed: Array<string | RegExp> = []): EnglishFinding[] {
  const findings: EnglishFinding[] = [];
  for (const text of new Set(visibleTexts(html))) {
    if (allowed.some((allow) => (typeof allow === "string" ? allow === text : allow.test(text)))) continue;
    const phrase = ENGLISH_PHRASES.find((candidate) => text.includes(candidate));
    if (phrase) {
      findings.push({ text, why: `English catalogue text "${phrase}"` });
      continue;
    }
    if (/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
      findings.push({ text, why: "a timestamp not formatted for the page's language" });
      continue;
    }
    const word = ENGLISH_WORD.exec(withoutNames(text));
    if (word) findings.push({ text, why: `English word "${word[1]}"` });
  }
  return findings;
}
