import { parseArgs } from "node:util";
import type { PrismaClient, Shop } from "@prisma/client";
import { prepareDatabase, prisma } from "../app/db/prisma.server";
import { normalizeStoreUrl } from "../app/sources/woocommerce/store-url";

import { UsageError } from "./usage-error";

export { UsageError };

/** Parses `--name value` flags; unknown flags are a usage error. */
export function flags<const T extends Record<string, { type: "string" | "boolean" }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function openDatabase(): Promise<PrismaClient> {
  await prepareDatabase();
  return prisma();
}

/**
 * `--shop` takes the shop's domain: a myshopify domain, or a WooCommerce store's URL as
 * `shops list` shows it. A store URL may also be typed as the merchant knows it (no scheme,
 * a trailing slash, upper case): it is normalized the way stores are keyed.
 */
export async function requireShop(db: PrismaClient, domain: string | undefined): Promise<Shop> {
  if (!domain) throw new UsageError("--shop is required (the shop's domain; see `ledger-bridge shops list`)");
  const shop =
    (await db.shop.findFirst({ where: { domain } })) ??
    (await db.shop.findFirst({
      where: { platform: "woocommerce", domain: { in: storeUrlCandidates(domain) } },
    }));
  if (!shop) throw new UsageError(`No shop with domain "${domain}" (see \`ledger-bridge shops list\`)`);
  return shop;
}

/** The keys a typed store address may be stored under: as given, or http:// when no scheme was typed. */
function storeUrlCandidates(input: string): string[] {
  const normalized = normalizeStoreUrl(input, { allowPrivate: true });
  if (!normalized.ok) return [];
  const candidates = [normalized.url];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim()))
    candidates.push(normalized.url.replace(/^https:/, "http:"));
  return candidates;
}

/** Plain aligned columns for terminal output. */
export function table(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return "(none)";
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(headers),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h] ?? "")))),
  ].join("\n");
}
