/**
 * The one gate every request passes before a route sees it (server/main.ts). Route params and
 * query values are decoded text that reaches SQL, logs and HTML: a NUL byte, a control
 * character, a lone surrogate or a broken percent-escape there is never a real merchant's or
 * platform's input, and PostgreSQL refuses NUL in text — so instead of a 500 deep inside a
 * route, such a request is answered 400 here (414 when the address is absurdly long).
 */

/** Far above any address the app or the platforms build (Shopify's embedded URLs are ~1 KB). */
export const MAX_URL_LENGTH = 8 * 1024;
/** One header value; Node already caps all headers together at 16 KB. */
export const MAX_HEADER_VALUE_LENGTH = 8 * 1024;

export interface RefusedInput {
  status: 400 | 414;
  reason: string;
}

/** Control characters other than tab, line feed and carriage return (allowed in form text). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const QUERY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A path names things: no control character at all. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const PATH_CONTROL = /[\u0000-\u001f\u007f]/;
/** A surrogate half without its partner: not Unicode text, not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why the request's address or headers are not acceptable input, or undefined when they are.
 * `target` is the request target as received ("/path?query"), before any decoding.
 */
export function refuseOddInput(
  target: string,
  headers: Iterable<[string, string | string[] | undefined]>,
): RefusedInput | undefined {
  if (target.length > MAX_URL_LENGTH) return { status: 414, reason: "The address is too long" };
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query = queryStart < 0 ? "" : target.slice(queryStart + 1);
  for (const segment of path.split("/")) {
    const text = decode(segment);
    if (text === undefined) return { status: 400, reason: "The address has an invalid escape" };
    if (PATH_CONTROL.test(text) || LONE_SURROGATE.test(text)) {
      return { status: 400, reason: "The address contains characters that are not allowed" };
    }
  }
  for (const pair of query.split("&")) {
    const text = decode(pair.replaceAll("+", " "));
    if (text === undefined) return { status: 400, reason: "The query has an invalid escape" };
    if (QUERY_CONTROL.test(text) || LONE_SURROGATE.test(text)) {
      return { status: 400, reason: "The query contains characters that are not allowed" };
    }
  }
  for (const [name, value] of headers) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) {
      if (one.length > MAX_HEADER_VALUE_LENGTH)
        return { status: 400, reason: `The ${name} header is too long` };
    }
  }
  return undefined;
}

/** Percent-decoding as routes see it; undefined for a malformed escape or bytes that are not UTF-8. */
function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
