import type { Platform, Shop } from "@prisma/client";
import { prisma } from "../db/prisma.server";

export type { Shop };

/** Records an install (or re-install) of a shop; re-installing clears `uninstalledAt`. */
export async function upsertInstalledShop(input: {
  platform: Platform;
  domain: string;
  locale?: string;
}): Promise<Shop> {
  return prisma().shop.upsert({
    where: { platform_domain: { platform: input.platform, domain: input.domain } },
    create: { platform: input.platform, domain: input.domain, locale: input.locale ?? "en" },
    update: {
      uninstalledAt: null,
      ...(input.locale ? { locale: input.locale } : {}),
    },
  });
}

export async function findShop(platform: Platform, domain: string): Promise<Shop | null> {
  return prisma().shop.findUnique({ where: { platform_domain: { platform, domain } } });
}

export async function markShopUninstalled(platform: Platform, domain: string): Promise<void> {
  await prisma().shop.updateMany({
    where: { platform, domain, uninstalledAt: null },
    data: { uninstalledAt: new Date() },
  });
}
