import type { PrismaClient } from "@prisma/client";

export interface SeedJob {
  status: string;
  kind: "invoice" | "creditNote";
  orderName: string;
  documentNumber: string | null;
  /** Numeric Shopify order id; 7,000,000 + i unless given. */
  orderNumber?: number;
  finishedAt?: Date | null;
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
      return {
        shopId,
        kind: job.kind,
        businessKey: job.kind === "invoice" ? `invoice:${orderId}` : `creditNote:gid://shopify/Refund/${i}`,
        orderId,
        orderName: job.orderName,
        refundId: job.kind === "creditNote" ? `gid://shopify/Refund/${i}` : null,
        status: job.status,
        trigger: "paid",
        sourceOrder: "{}",
        documentNumber: job.documentNumber,
        createdAt,
        finishedAt:
          job.finishedAt === undefined ? (job.status === "queued" ? null : createdAt) : job.finishedAt,
        ...(job.status === "failed"
          ? {
              lastError: {
                kind: "validation",
                message: `Failure ${job.orderName}`,
                retryable: false,
                at: createdAt.toISOString(),
              },
            }
          : {}),
      };
    }),
  });
}
