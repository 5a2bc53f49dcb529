/**
 * PHP's `wp_json_encode` with default flags escapes "/" as "\/" and non-ASCII as "\uXXXX".
 * Webhook bodies are signed over those exact bytes, so the simulator reproduces them: a receiver
 * that re-serializes parsed JSON instead of verifying the raw body fails against it, as it would
 * against a real store.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** WooCommerce REST error body. */
export function wooErrorBody(
  code: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
) {
  return { code, message, data: { status, ...extra } };
}

/** "2017-03-22T19:28:08": WooCommerce dates carry no offset; `_gmt` fields are UTC. */
export function wooDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}
