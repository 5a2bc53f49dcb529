/**
 * e-conomic's own self-link encoding for identifiers with special characters (product numbers
 * are free text, often SKUs). Characters in the table become `_n_`; everything else that is not
 * URL-safe is percent-encoded on top. `_` itself is `_8_`, so every `_` in an encoded segment
 * starts a token and decoding is unambiguous.
 * Source: restdocs "Custom resource self-link encoding".
 */
const REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ["<", "_0_"],
  [">", "_1_"],
  ["*", "_2_"],
  ["%", "_3_"],
  [":", "_4_"],
  ["&", "_5_"],
  ["/", "_6_"],
  ["\\", "_7_"],
  ["_", "_8_"],
  [" ", "_9_"],
  ["?", "_10_"],
  [".", "_11_"],
  ["#", "_12_"],
  ["+", "_13_"],
];

const TO_TOKEN = new Map(REPLACEMENTS);
const FROM_TOKEN = new Map(REPLACEMENTS.map(([char, token]) => [token, char]));

/** Encodes a product number for use as one URL path segment. */
export function encodeProductNumber(productNumber: string): string {
  let out = "";
  for (const char of productNumber) out += TO_TOKEN.get(char) ?? encodeURIComponent(char);
  return out;
}

/** Reverses `encodeProductNumber` on an already percent-decoded path segment. */
export function decodeProductNumber(segment: string): string {
  return segment.replace(/_(\d{1,2})_/g, (token) => FROM_TOKEN.get(token) ?? token);
}
