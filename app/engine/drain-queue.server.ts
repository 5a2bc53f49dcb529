import type { PrismaClient } from "@prisma/client";
import type { TransferWorkerOptions } from "./transfer-engine.server";
import { createTransferWorker } from "./transfer-engine.server";

/**
 * Runs jobs until none is queued or running any more (a crashed worker's job counts until its
 * lease expires and it is taken over here). Jobs waiting for a Retry-After are waited for.
 */
export async function drainQueue(
  db: PrismaClient,
  options: TransferWorkerOptions = {},
): Promise<{ processed: number }> {
  const worker = createTransferWorker(db, options);
  let processed = 0;
  for (;;) {
    if (await worker.runOnce()) {
      processed++;
      continue;
    }
    const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
    if (pending === 0) return { processed };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
}
