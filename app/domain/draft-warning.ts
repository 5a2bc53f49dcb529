import type { PreviewWarningKey } from "../i18n/pages/preview-warnings";

/**
 * Something a draft points out to the merchant (a tip booked without VAT, a rounding line…): a
 * catalogue key and its parameters, so the preview shows it in the merchant's language.
 */
export interface DraftWarning {
  key: PreviewWarningKey;
  params: Readonly<Record<string, string | number>>;
}

export function draftWarning(
  key: PreviewWarningKey,
  params: Readonly<Record<string, string | number>> = {},
): DraftWarning {
  return { key, params };
}
