import type { MessageKey } from "../i18n/messages";
import type { MessageParams } from "../i18n/render-message";
import type { AppErrorInit, ErrorKind } from "../lib/app-error";
import { AppError } from "../lib/app-error";

/**
 * A shop platform's failure (Shopify's Admin API, a WooCommerce store): the app's one error
 * family, named so a caller can tell the shop's side from a ledger's. `providerCode` keeps the
 * platform's own code (`woocommerce_rest_authentication_error`, `MAX_COST_EXCEEDED`).
 */
export class SourceError extends AppError {
  override name = "SourceError";
}

export type SourcePlatform = "shopify" | "woocommerce";

const PLATFORM_NAMES: Record<SourcePlatform, string> = { shopify: "Shopify", woocommerce: "WooCommerce" };

/** A SourceError by key; `{shop}` (the platform's name) is always available to the text. */
export function sourceError(
  platform: SourcePlatform,
  kind: ErrorKind,
  messageKey: MessageKey,
  params: MessageParams = {},
  more: Omit<Partial<AppErrorInit>, "kind" | "provider" | "messageKey" | "params"> = {},
): SourceError {
  return new SourceError({
    ...more,
    provider: platform,
    kind,
    messageKey,
    params: { shop: PLATFORM_NAMES[platform], ...params },
  });
}
