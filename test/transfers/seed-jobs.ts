import type { PrismaClient } from "@prisma/client";

export interface SeedJob {
  status: string;
  kind: "invoice" | "creditNote";
  orderName: string;
  documentNumber: string | null;
  /** Numeric Shopify order id; 7,000,000 + i unless given. */
  orderNumber?: number;
  finishedAt?: Date | null;
  /** The merchant-facing reason of a parked (needsAttention) or failed job. */
  reason?: string;
  /** Defaults to `gid://shopify/Refund/<i>` for credit notes. */
  refundId?: string;
}

/** Inserts `count` jobs for a shop, all created at `createdAt`, in index order (seq ascending). */
export async function seedJobs(
  db: PrismaClient,
  shopId: string,
  count: number,
  createdAt: Date,
  describe: (i: number) => SeedJob,
): Promise<void> {
  await db.job.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const job = describe(i);
      const orderId = `gid://shopify/Order/${job.orderNumber ?? 7_000_000 + i}`;
      const refundId = job.refundId ?? `gid://shopify/Refund/${i}`;
      return {
        shopId,
        kind: job.kind,
        businessKey: job.kind === "invoice" ? `invoice:${orderId}` : `creditNote:${refundId}`,
        orderId,
        orderName: job.orderName,
        refundId: job.kind === "creditNote" ? refundId : null,
        status: job.status,
        trigger: "paid",
        sourceOrder: "{}",
        documentNumber: job.documentNumber,
        createdAt,
        finishedAt:
          job.finishedAt === undefined ? (job.status === "queued" ? null : createdAt) : job.finishedAt,
        ...(job.status === "failed" || job.status === "needsAttention"
          ? {
              lastError: {
                kind: "validation",
                message: job.reason ?? `Failure ${job.orderName}`,
                retryable: false,
                at: createdAt.toISOString(),
              },
            }
          : {}),
      };
    }),
  });
}

/** Empties the shops (their jobs with them) and audit entries, then creates shops a. and b.myshopify.com. */
export async function freshShopsAB(db: PrismaClient): Promise<{ shopA: string; shopB: string }> {
  await db.auditEntry.deleteMany();
  await db.shop.deleteMany();
  const shopA = (await db.shop.create({ data: { platform: "shopify", domain: "a.myshopify.com" } })).id;
  const shopB = (await db.shop.create({ data: { platform: "shopify", domain: "b.myshopify.com" } })).id;
  return { shopA, shopB };
}
