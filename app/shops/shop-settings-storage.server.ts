import type { PrismaClient } from "@prisma/client";
import type { SettingsStorage } from "../settings/settings-store";

/** Settings documents in the ShopSettings table (validated and versioned by app/settings). */
export function prismaSettingsStorage(
  db: Pick<PrismaClient, "shopSettings" | "$executeRaw">,
): SettingsStorage {
  return {
    async read(shopId) {
      const row = await db.shopSettings.findUnique({ where: { shopId } });
      return row?.settings ?? undefined;
    },
    async write(shopId, settings) {
      // As JSON text: Prisma's Json serialisation drops an own "__proto__" key, and a payment
      // gateway may be called that (settings-schema.ts allows any gateway name).
      const json = JSON.stringify(settings);
      await db.$executeRaw`
        INSERT INTO "ShopSettings" ("shopId", "version", "settings", "updatedAt")
        VALUES (${shopId}, ${settings.version}, ${json}::jsonb, now())
        ON CONFLICT ("shopId") DO UPDATE
        SET "version" = EXCLUDED."version", "settings" = EXCLUDED."settings", "updatedAt" = EXCLUDED."updatedAt"`;
    },
  };
}
