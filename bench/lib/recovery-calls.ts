import type { PrismaClient } from "@prisma/client";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerHarness } from "../../test/contract/ledger-harness";
import { benchOrder } from "./bench-orders";
import type { BenchLedger, LedgerLoad } from "./simulated-ledgers";

/**
 * One order whose invoice create reaches the ledger but whose answer is lost: the calls the
 * engine then spends (the failed attempt plus the recovering one), and how many creates reached
 * the ledger — exactly one when recovery found the invoice instead of creating it again.
 */

const HARNESSES: Record<LedgerProviderId, LedgerHarness> = {
  dinero: dineroHarness,
  billy: billyHarness,
  economic: economicHarness,
  dynaccount: dynaccountHarness,
};

export interface RecoveryCalls {
  calls: number;
  creates: number;
  succeeded: boolean;
}

export async function measureRecoveryCalls(input: {
  db: PrismaClient;
  provider: LedgerProviderId;
  ledger: BenchLedger;
  load: LedgerLoad;
  box: SecretBox;
  shopId: string;
  shopDomain: string;
  orderNumber: number;
}): Promise<RecoveryCalls> {
  const { db, ledger } = input;
  const isCreate = (request: { method: string; path: string }) =>
    HARNESSES[input.provider].isDocumentCreateRequest("invoice", request as never);
  const worker = createTransferWorker(db, {
    box: input.box,
    pollMs: 50,
    rateLimit: { perMinute: input.load.perMinute, burst: 1 },
    backoff: { baseMs: 200, maxMs: 1_000, maxAttempts: 5 },
  });
  worker.start();
  // A first order creates the customer and products, so the measured one is warm.
  await transferOne(input, input.orderNumber);
  const armedAt = Date.now();
  ledger.faults.next("dropAfterCommit", 1, isCreate);
  const status = await transferOne(input, input.orderNumber + 1);
  await worker.stop();
  const requests = ledger.requests.filter((request) => request.at >= armedAt);
  return {
    calls: requests.length,
    creates: requests.filter(isCreate).length,
    succeeded: status === "succeeded",
  };
}

async function transferOne(
  input: { db: PrismaClient; shopId: string; shopDomain: string },
  orderNumber: number,
): Promise<string | undefined> {
  const { db } = input;
  await ingestShopifyEvent(db, {
    shopDomain: input.shopDomain,
    topic: "orders/paid",
    rawBody: benchOrder(orderNumber, { today: true }).body,
  });
  const job = await db.job.findFirst({ where: { shopId: input.shopId }, orderBy: { seq: "desc" } });
  let status = job?.status;
  for (let waited = 0; waited < 30_000 && status !== "succeeded" && status !== "failed"; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await db.job.findUnique({ where: { id: job?.id ?? "" } }))?.status;
  }
  return status;
}
