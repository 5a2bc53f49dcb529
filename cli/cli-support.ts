import { parseArgs } from "node:util";
import type { PrismaClient, Shop } from "@prisma/client";
import { prepareDatabase, prisma } from "../app/db/prisma.server";

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

/** `--shop` takes the shop's domain (myshopify domain or WooCommerce site). */
export async function requireShop(db: PrismaClient, domain: string | undefined): Promise<Shop> {
  if (!domain) throw new UsageError("--shop is required (the shop's domain; see `ledger-bridge shops list`)");
  const shop = await db.shop.findFirst({ where: { domain } });
  if (!shop) throw new UsageError(`No shop with domain "${domain}" (see \`ledger-bridge shops list\`)`);
  return shop;
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
