import type { PrismaClient } from "@prisma/client";
import type { ShopVariant } from "../../ledgers/variant-product-spec";
import type { InitialJobStatus } from "../job-state";
import type { JobTrigger } from "../job-types";
import { PRODUCT_JOB_KIND, productBusinessKey, productJobOrderId } from "./product-jobs";

/**
 * A product version's job: queued, or nothing when that version is already known (a redelivered
 * webhook, a full sync over products the webhooks already brought).
 */
export async function enqueueProductJob(
  db: PrismaClient,
  input: { shopId: string; variant: ShopVariant; trigger: JobTrigger },
): Promise<{ jobId: string; created: boolean }> {
  const { variant } = input;
  const businessKey = productBusinessKey(variant.variantId, variant.updatedAt);
  const { count } = await db.job.createMany({
    data: [
      {
        shopId: input.shopId,
        kind: PRODUCT_JOB_KIND,
        businessKey,
        orderId: productJobOrderId(variant.variantId),
        orderName: variant.name,
        trigger: input.trigger,
        sourceOrder: JSON.stringify(variant),
        status: "queued" satisfies InitialJobStatus,
      },
    ],
    skipDuplicates: true,
  });
  const job = await db.job.findUniqueOrThrow({
    where: { shopId_businessKey: { shopId: input.shopId, businessKey } },
    select: { id: true },
  });
  return { jobId: job.id, created: count === 1 };
}
