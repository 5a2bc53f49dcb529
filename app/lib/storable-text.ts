/**
 * Text a platform sends may hold characters our database cannot store: PostgreSQL text refuses
 * U+0000, jsonb refuses `\u0000` and unpaired surrogate escapes, and Prisma's query engine
 * refuses an unpaired surrogate in any column ("unexpected end of hex escape"). A buyer named
 * "Mette\u0000" must not make an order unstorable, so every write of platform-derived text goes
 * through `storableText` / `storableJson`, and every read that needs the original (the transfer
 * of a stored draft) through `originalText` / `originalJson`.
 *
 * The encoding is lossless and leaves ordinary text untouched: only U+0000, unpaired surrogates
 * and the escape character itself become ESCAPE + four hex digits of the UTF-16 code unit. So
 * stored rows read as before (SQL on jsonb paths keeps working) and a round trip returns exactly
 * the string that went in. The escape is a private-use character that no platform field uses
 * for meaning; should one arrive, it is escaped like the rest.
 */

const ESCAPE = "\uE000";
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what it finds
const NEEDS_ENCODING = /[\u0000\uE000\uD800-\uDFFF]/;
const ENCODED = /\uE000([0-9a-f]{4})/g;

/** `text` as a database text (or jsonb string) value can hold it; `originalText` reverses it. */
export function storableText(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair (emoji and other astral characters) is stored as it is.
        out += text[i] + text.charAt(i + 1);
        i += 1;
        continue;
      }
      out += escape(unit);
    } else if (unit === 0 || unit === 0xe000 || (unit >= 0xdc00 && unit <= 0xdfff)) {
      out += escape(unit);
    } else {
      out += text[i];
    }
  }
  return out;
}

/** The text `storableText` was given. */
export function originalText(stored: string): string {
  if (!stored.includes(ESCAPE)) return stored;
  return stored.replace(ENCODED, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A JSON value (strings and object keys at any depth) made storable in jsonb; numbers,
 * booleans and null pass through, `undefined` members are dropped as JSON would drop them.
 */
export function storableJson<T>(value: T): T {
  return mapJsonStrings(value, storableText) as T;
}

/** The JSON value `storableJson` was given. */
export function originalJson<T>(value: T): T {
  return mapJsonStrings(value, originalText) as T;
}

function escape(unit: number): string {
  return ESCAPE + unit.toString(16).padStart(4, "0");
}

function mapJsonStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, map));
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[map(key)] = mapJsonStrings(member, map);
  }
  return out;
}
