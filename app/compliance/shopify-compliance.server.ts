import type { PrismaClient, Prisma } from "@prisma/client";
import { z } from "zod";
import { parseJsonSafely } from "../sources/shopify/parse-json-safely";

/**
 * Shopify's mandatory privacy webhooks. What we hold about a buyer lives in order payloads we
 * keep for transfers (webhook bodies, job sources), in frozen drafts and in the audit log. The
 * documents in the merchant's ledger are the merchant's legal records and are not ours to erase;
 * our references to them (ids, numbers) stay.
 */

const REDACTED = "[redacted]";

/** The body names another shop than the verified one: nothing is read or erased. */
export class ForeignShopError extends Error {
  constructor() {
    super("The privacy request's shop_domain is not the shop that sent it");
    this.name = "ForeignShopError";
  }
}

/**
 * The shop a privacy request acts on is the verified sender (X-Shopify-Shop-Domain, lower case),
 * never the body's `shop_domain`; a body that names another shop is refused before anything.
 */
function ownPayload<T extends { shop_domain: string }>(payload: T, shopDomain: string): T {
  if (payload.shop_domain.trim().toLowerCase() !== shopDomain) throw new ForeignShopError();
  return payload;
}
const id = z.union([z.string(), z.number()]).transform(String);
const customerPayload = z.object({
  shop_domain: z.string(),
  customer: z
    .object({ id: id.nullish(), email: z.string().nullish(), phone: z.string().nullish() })
    .nullish(),
  orders_to_redact: z.array(id).nullish(),
  orders_requested: z.array(id).nullish(),
});

export interface DataReport {
  shop: string;
  orders: Array<{
    orderId: string;
    documents: Array<{ kind: string; status: string; number: string | null }>;
  }>;
  webhookDeliveries: number;
}

/** customers/data_request: what we hold about the customer's orders, for the store owner. */
export async function customerDataReport(
  db: PrismaClient,
  shopDomain: string,
  rawBody: string,
): Promise<DataReport> {
  const payload = ownPayload(customerPayload.parse(parseJsonSafely(rawBody)), shopDomain);
  const orderIds = (payload.orders_requested ?? []).map(orderGid);
  const shop = await db.shop.findFirst({ where: { platform: "shopify", domain: shopDomain } });
  const jobs = shop ? await db.job.findMany({ where: { shopId: shop.id, orderId: { in: orderIds } } }) : [];
  const webhookDeliveries = await countDeliveriesMentioning(
    db,
    shopDomain,
    orderIds,
    payload.customer?.email,
  );
  return {
    shop: shopDomain,
    orders: orderIds.map((orderId) => ({
      orderId,
      documents: jobs
        .filter((job) => job.orderId === orderId)
        .map((job) => ({ kind: job.kind, status: job.status, number: job.documentNumber })),
    })),
    webhookDeliveries,
  };
}

/** customers/redact: erase the customer's personal data from our tables; keep ledger references. */
export async function redactCustomer(
  db: PrismaClient,
  shopDomain: string,
  rawBody: string,
): Promise<{ jobs: number; deliveries: number }> {
  const payload = ownPayload(customerPayload.parse(parseJsonSafely(rawBody)), shopDomain);
  const orderIds = (payload.orders_to_redact ?? []).map(orderGid);
  const email = payload.customer?.email ?? undefined;
  const shop = await db.shop.findFirst({ where: { platform: "shopify", domain: shopDomain } });
  let jobs = 0;
  if (shop) {
    const affected = await db.job.findMany({
      where: {
        shopId: shop.id,
        OR: [{ orderId: { in: orderIds } }, ...(email ? [{ sourceOrder: { contains: email } }] : [])],
      },
    });
    for (const job of affected) {
      const customerName = draftCustomerName(job.progress);
      await db.job.update({
        where: { id: job.id },
        data: {
          sourceOrder: JSON.stringify({ redacted: true, id: job.orderId }),
          sourceRefund: job.sourceRefund === null ? null : JSON.stringify({ redacted: true }),
          progress: redactDraft(job.progress),
        },
      });
      if (customerName) {
        const entries = await db.auditEntry.findMany({ where: { shopId: shop.id, orderId: job.orderId } });
        for (const entry of entries.filter((e) => e.message.includes(customerName))) {
          await db.auditEntry.update({
            where: { id: entry.id },
            data: { message: entry.message.replaceAll(customerName, REDACTED) },
          });
        }
      }
      jobs++;
    }
  }
  const deliveries = await db.webhookEvent.updateMany({
    where: deliveriesWhere(shopDomain, orderIds, email),
    data: { body: JSON.stringify({ redacted: true }) },
  });
  return { jobs, deliveries: deliveries.count };
}

/** shop/redact (48 h after uninstall): erase everything we hold for the shop. */
export async function redactShop(db: PrismaClient, shopDomain: string, rawBody: string): Promise<void> {
  ownPayload(z.object({ shop_domain: z.string() }).parse(parseJsonSafely(rawBody)), shopDomain);
  const shop = await db.shop.findFirst({ where: { platform: "shopify", domain: shopDomain } });
  await db.$transaction([
    ...(shop
      ? [db.auditEntry.deleteMany({ where: { shopId: shop.id } }), db.shop.delete({ where: { id: shop.id } })]
      : []),
    db.webhookEvent.deleteMany({ where: { platform: "shopify", shopDomain } }),
    db.session.deleteMany({ where: { shop: shopDomain } }),
  ]);
}

function orderGid(value: string): string {
  return value.startsWith("gid://") ? value : `gid://shopify/Order/${value}`;
}

function deliveriesWhere(
  shopDomain: string,
  orderIds: string[],
  email: string | undefined,
): Prisma.WebhookEventWhereInput {
  const numeric = orderIds.map((gid) => gid.slice(gid.lastIndexOf("/") + 1));
  return {
    platform: "shopify",
    shopDomain,
    OR: [
      ...orderIds.map((gid) => ({ body: { contains: `"${gid}"` } })),
      ...numeric.map((n) => ({ body: { contains: `"order_id":${n}` } })),
      ...(email ? [{ body: { contains: email } }] : []),
    ],
  };
}

async function countDeliveriesMentioning(
  db: PrismaClient,
  shopDomain: string,
  orderIds: string[],
  email: string | null | undefined,
) {
  if (orderIds.length === 0 && !email) return 0;
  return db.webhookEvent.count({ where: deliveriesWhere(shopDomain, orderIds, email ?? undefined) });
}

function draftCustomerName(progress: Prisma.JsonValue): string | undefined {
  const name = (progress as { draft?: { customer?: { name?: unknown } } } | null)?.draft?.customer?.name;
  return typeof name === "string" && name.length > 0 ? name : undefined;
}

/** Keeps the draft's amounts and references (the bookkeeper's trail), drops the buyer's data. */
function redactDraft(progress: Prisma.JsonValue): Prisma.InputJsonValue {
  const value = (progress ?? {}) as Record<string, unknown>;
  const draft = value.draft as Record<string, unknown> | undefined;
  if (!draft) return value as Prisma.InputJsonValue;
  return {
    ...value,
    draft: {
      ...draft,
      customer: {
        match: { key: "reference", value: REDACTED },
        reference: REDACTED,
        name: REDACTED,
        isBusiness: false,
        address: {},
      },
    },
  } as Prisma.InputJsonValue;
}
