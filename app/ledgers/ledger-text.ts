import { createHash } from "node:crypto";
import type { DocumentDraft } from "../domain/invoice-draft";
import type { LedgerProviderId } from "./ledger-contract";

/**
 * The one place where a draft's text is made fit for a ledger, for all four adapters: the
 * draft keeps the platform's text exactly (see lib/storable-text), and only what a ledger
 * cannot carry is changed on the way out, with every change listed so the caller can keep the
 * original in the order's audit trail.
 *
 * Every ledger here renders invoices as PDF and sends them as OIOUBL/Peppol XML (EAN
 * customers), and XML 1.0 cannot hold C0 control characters other than tab, line feed and
 * carriage return, unpaired surrogates, or U+FFFE/U+FFFF — so those never leave the app.
 * An unpaired surrogate cannot even be encoded in a UTF-8 request body; it becomes U+FFFD, the
 * character a decoder would show, and a removed control character leaves nothing behind.
 * Emoji, right-to-left text and bidi marks are legal in both and are sent as they are.
 */

export interface LedgerTextRules {
  /** Characters removed from every text field. */
  remove: RegExp;
  /** Why, for the audit entry. */
  reason: string;
  /** The product number a line's SKU becomes, where the ledger restricts product numbers. */
  productNumber?: (sku: string) => string;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const XML_SAFE: LedgerTextRules = {
  remove: XML_FORBIDDEN,
  reason: "control characters an invoice document (PDF, OIOUBL XML) cannot carry",
};

/**
 * Per ledger, so a ledger found to refuse more (or less) gets its own rule without touching the
 * others. Today all four share the XML rule: none documents a stricter character set, and their
 * field lengths are clipped by the adapters (with `clipText`, never inside a character).
 */
export const LEDGER_TEXT_RULES: Record<LedgerProviderId, LedgerTextRules> = {
  dinero: XML_SAFE,
  billy: XML_SAFE,
  economic: XML_SAFE,
  // Form-encoded, but the documents it renders are the same PDFs and OIOUBL files. Its product
  // numbers (our SKUs) hold up to 50 letters, digits and . _ - / (Danish letters included).
  dynaccount: {
    remove: XML_FORBIDDEN,
    reason: `${XML_SAFE.reason}, and SKUs that are not valid Dynaccount product numbers`,
    productNumber: restrictedProductNumber(/^[A-Za-z0-9ÆØÅæøå._\-/]{1,50}$/, 50),
  },
};

/**
 * A SKU as a product number of a ledger that only allows `allowed`: kept when it fits (so the
 * products already in the ledger stay the same), else its allowed characters plus a digest of
 * the whole SKU, so two SKUs that differ only in refused characters stay two products.
 */
function restrictedProductNumber(allowed: RegExp, max: number): (sku: string) => string {
  return (sku) => {
    if (allowed.test(sku)) return sku;
    const digest = createHash("sha256").update(sku).digest("hex").slice(0, 8);
    const kept = [...sku].filter((char) => allowed.test(char)).join("");
    return `${kept.slice(0, max - digest.length - 1)}-${digest}`.replace(/^-/, "");
  };
}

const SKU_FIELD = /^lines\[\d+\]\.sku$/;

export interface TextChange {
  /** Dotted path into the draft: "customer.name", "lines[2].description". */
  field: string;
  original: string;
  sent: string;
}

/** One text value as the ledger may receive it. */
export function ledgerText(text: string, rules: LedgerTextRules): string {
  return replaceUnpairedSurrogates(text).replace(rules.remove, "");
}

/**
 * The draft as `provider` may receive it, and what changed. Every string is checked — names,
 * addresses, line descriptions, SKUs, header, comment, references — so a new draft field is
 * covered without being listed here. The result is a function of the stored draft alone, so
 * every retry sends (and looks up) exactly the same text.
 */
export function ledgerSafeDraft<D extends DocumentDraft>(
  draft: D,
  provider: LedgerProviderId,
): { draft: D; changes: TextChange[] } {
  const rules = LEDGER_TEXT_RULES[provider];
  const changes: TextChange[] = [];
  const visit = (value: unknown, field: string): unknown => {
    if (typeof value === "string") {
      const text = ledgerText(value, rules);
      const sent = rules.productNumber && SKU_FIELD.test(field) ? rules.productNumber(text) : text;
      if (sent !== value) changes.push({ field, original: value, sent });
      return sent;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${field}[${index}]`));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[ledgerText(key, rules)] = visit(member, field ? `${field}.${key}` : key);
    }
    return out;
  };
  return { draft: visit(draft, "") as D, changes };
}

/**
 * At most `max` UTF-16 units of `text`, never ending in half of a surrogate pair: `slice`
 * alone cuts an emoji at the limit into an unpaired surrogate the ledger cannot decode.
 */
export function clipText(text: string, max: number): string;
export function clipText(text: string | undefined, max: number): string | undefined;
export function clipText(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

function replaceUnpairedSurrogates(text: string): string {
  if (!/[\uD800-\uDFFF]/.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text[i] + text.charAt(i + 1);
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += "\uFFFD";
    } else {
      out += text[i];
    }
  }
  return out;
}
