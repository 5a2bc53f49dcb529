import type { Prisma, PrismaClient } from "@prisma/client";
import type { SettingsStorage } from "../settings/settings-store";

/** Settings documents in the ShopSettings table (validated and versioned by app/settings). */
export function prismaSettingsStorage(db: Pick<PrismaClient, "shopSettings">): SettingsStorage {
  return {
    async read(shopId) {
      const row = await db.shopSettings.findUnique({ where: { shopId } });
      return row?.settings ?? undefined;
    },
    async write(shopId, settings) {
      const value = settings as unknown as Prisma.InputJsonValue;
      await db.shopSettings.upsert({
        where: { shopId },
        create: { shopId, version: settings.version, settings: value },
        update: { version: settings.version, settings: value },
      });
    },
  };
}
