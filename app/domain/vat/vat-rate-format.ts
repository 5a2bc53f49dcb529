import { formatScaled, parseScaled } from "../decimal";

/** Basis points → "25", "25.5", "7.5" (percent, trailing zeros trimmed). */
export function formatRatePercent(basisPoints: number): string {
  return formatScaled(basisPoints, 2, true);
}

/** A fraction such as Shopify's 0.25 or 0.255 → basis points (2500, 2550). */
export function rateFractionToBasisPoints(fraction: string | number): number {
  return parseScaled(fraction, 4, "halfUp");
}

/** A percentage such as WooCommerce's 25 or "7.5" → basis points. */
export function ratePercentToBasisPoints(percent: string | number): number {
  return parseScaled(percent, 2, "halfUp");
}
