import type { ShopSettings } from "../settings/settings-schema";
import type { GatewayRow } from "./settings-form";

/** Gateways that leave the invoice open with terms (#18), as the form names them. */
export const OPEN_GATEWAYS_FIELD = "payments.openGateways";

/**
 * One row per gateway the settings name, with its deposit account and — when it leaves the
 * invoice open — its days of terms; then a row for each gateway seen on the shop's orders that
 * the settings do not name yet, so the merchant decides for the gateways the shop really uses.
 */
export function gatewayRowsOf(settings: ShopSettings, seen: readonly string[] = []): GatewayRow[] {
  const names = [
    ...new Set([...Object.keys(settings.payments.gateways), ...Object.keys(settings.payments.openGateways)]),
  ];
  const rows = names.map((gateway): GatewayRow => {
    const days = settings.payments.openGateways[gateway];
    return {
      gateway,
      account: settings.payments.gateways[gateway] ?? "",
      ...(days !== undefined ? { terms: String(days) } : {}),
    };
  });
  for (const gateway of seen) {
    if (!names.includes(gateway)) rows.push({ gateway, account: "" });
  }
  return rows;
}

/** "14" → 14; anything but whole days from 0 to 365 → undefined. */
export function termsDays(text: string): number | undefined {
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const days = Number(text);
  return days <= 365 ? days : undefined;
}
