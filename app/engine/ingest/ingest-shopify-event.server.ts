import type { Prisma, PrismaClient } from "@prisma/client";
import { loadShopSettings } from "../../settings/settings-store";
import type { SettingsStorage } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { sourceFor } from "../../sources/source-registry";
import type { SourceEvent } from "../../sources/source-contract";
import { ingestEvents, type IngestOutcome } from "./ingest-events.server";

export type { IngestOutcome } from "./ingest-events.server";

export interface ShopifyEvent {
  shopDomain: string;
  topic: string;
  rawBody: string;
}

/**
 * A recorded Shopify delivery through the one ingest use case (ingest-events.server.ts): the
 * Shopify source turns it into its event, the ingest applies the rules.
 */
export async function ingestShopifyEvent(db: PrismaClient, event: ShopifyEvent): Promise<IngestOutcome> {
  const events = await sourceFor("shopify").events(
    {
      topic: event.topic,
      rawBody: event.rawBody,
      deliveryId: undefined,
      shopDomain: event.shopDomain,
      resourceId: undefined,
    },
    null,
  );
  return ingestShopifyEvents(db, event.shopDomain, event.topic, events);
}

/** As ingestShopifyEvent, for a delivery the Shopify source has already turned into its events. */
export async function ingestShopifyEvents(
  db: PrismaClient,
  shopDomain: string,
  topic: string,
  events: SourceEvent[],
): Promise<IngestOutcome> {
  // The settings row comes with the shop: one query instead of two on every webhook.
  const shop = await db.shop.findUnique({
    where: { platform_domain: { platform: "shopify", domain: shopDomain } },
    include: { settings: true },
  });
  if (!shop || shop.uninstalledAt) return { action: "ignored", reason: "the shop is not installed" };
  const work = events.filter((e) => e.type !== "ignored");
  const ignored = events.find((e) => e.type === "ignored");
  if (work.length === 0) {
    return { action: "ignored", reason: ignored?.reason ?? `no transfer work for ${topic}` };
  }
  const settings = await loadShopSettings(loadedSettings(db, shop.settings), shop.id);
  const [outcome] = await ingestEvents(db, shop, work, { via: "webhook", settings });
  return outcome ?? { action: "ignored", reason: `no transfer work for ${topic}` };
}

/** Settings storage over a row already read (reads cost no query; writes go to the database). */
function loadedSettings(db: PrismaClient, row: { settings: Prisma.JsonValue } | null): SettingsStorage {
  return { read: async () => row?.settings ?? undefined, write: prismaSettingsStorage(db).write };
}
