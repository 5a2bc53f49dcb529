/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact by turning them into
 * strings before parsing. Shopify's numeric ids (820982911946154508) exceed 2^53 and plain
 * JSON.parse silently rounds them (to 820982911946154500). Only integer literals outside
 * strings with more than 15 digits are touched (never one with a leading zero, which is not JSON
 * and must stay a parse error); every other value parses as usual.
 */
export function parseJsonSafely(text: string): unknown {
  let out = "";
  let i = 0;
  let last = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      i += 1;
      while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i += 1;
      continue;
    }
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      const start = i;
      i += 1;
      while (i < n && /[0-9.eE+-]/.test(text[i] ?? "")) i += 1;
      const literal = text.slice(start, i);
      if (/^-?[1-9]\d{15,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i += 1;
  }
  return JSON.parse(out + text.slice(last));
}
