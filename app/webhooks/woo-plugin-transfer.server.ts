import type { PrismaClient } from "@prisma/client";
import { ingestRefundsOfOrder } from "../engine/ingest/ingest-events.server";
import { requestManualTransfer, type ManualTransferResult } from "../engine/manual-transfer.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { log } from "../lib/log.server";
import type { SecretBox } from "../lib/secret-box.server";
import { verifyPluginRequest } from "../sources/woocommerce/plugin-signature";
import { normalizeStoreUrl } from "../sources/woocommerce/store-url";
import { SourceError } from "../sources/source-error";
import { fetchWooSnapshot } from "../sources/woocommerce/woo-order-snapshot";
import {
  findWooStoreByUrl,
  openStoreSecret,
  recordStoreProblem,
  wooClientFor,
} from "../sources/woocommerce/woo-store-repo.server";

export interface PluginTransferDeps {
  db: PrismaClient;
  box: SecretBox;
  nowSeconds?: () => number;
  clientTimeoutMs?: number;
}

type Outcome = ManualTransferResult["outcome"] | "notInStore";

export interface PluginTransferResult {
  status: 202 | 400 | 401 | 404 | 502;
  body: {
    message: string;
    /** Per order; `document_number` when it is already transferred, so the store can show it. */
    results?: Array<{ order_id: number; outcome: Outcome; message: string; document_number?: string }>;
  };
}

const MESSAGES: Record<Outcome, string> = {
  queued: "The transfer is queued.",
  requeued: "The transfer is queued again.",
  inProgress: "The transfer is already under way.",
  alreadyTransferred: "The order is already transferred.",
  handledManually: "The order was handled manually; it is not transferred.",
  unknownOrder: "The order could not be read from the store.",
  notInStore: "The order was not found in the store.",
};

/**
 * The plugin's Transfer / Retry button and bulk action (`POST /api/woocommerce/transfer`): the
 * request must be signed with the store secret over its raw bytes and be fresh; the orders are
 * then read from the store through the REST API (the request carries only ids) and queued as a
 * transfer by hand, never twice. Their refunds follow as credit notes.
 */
export async function handlePluginTransfer(
  deps: PluginTransferDeps,
  input: { rawBody: Buffer; shopHeader: string | null; signature: string | null },
): Promise<PluginTransferResult> {
  const { db, box } = deps;
  const unauthorized: PluginTransferResult = { status: 401, body: { message: "Unauthorized" } };
  const shopUrl = normalizeStoreUrl(input.shopHeader ?? "", { allowPrivate: true });
  if (!shopUrl.ok) return unauthorized;
  const store = await findWooStoreByUrl(db, shopUrl.url);
  if (!store || store.shop.uninstalledAt) return unauthorized;
  const verdict = verifyPluginRequest({
    rawBody: input.rawBody,
    signature: input.signature,
    secret: await openStoreSecret(db, box, store),
    nowSeconds: deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000),
  });
  if (!verdict.ok) {
    log.warn("woocommerce plugin request rejected", { shop: store.shop.domain, reason: verdict.reason });
    return verdict.status === 401 ? unauthorized : { status: 400, body: { message: verdict.reason } };
  }
  const bodyShop = normalizeStoreUrl(verdict.request.shop, { allowPrivate: true });
  if (!bodyShop.ok || bodyShop.url !== shopUrl.url) {
    return { status: 400, body: { message: "The body names another store than X-LB-Shop." } };
  }

  const client = await wooClientFor(
    db,
    box,
    store,
    deps.clientTimeoutMs ? { timeoutMs: deps.clientTimeoutMs } : {},
  );
  const results: NonNullable<PluginTransferResult["body"]["results"]> = [];
  for (const id of [...new Set(verdict.request.order_ids)]) {
    let outcome: Outcome;
    let documentNumber: string | null = null;
    try {
      const snapshot = await fetchWooSnapshot(client, String(id));
      if (!snapshot.order) {
        outcome = "notInStore";
      } else {
        const result = await requestManualTransfer(db, store.shop, snapshot.orderId, snapshot.order.json);
        outcome = result.outcome;
        if (result.outcome === "alreadyTransferred") documentNumber = result.documentNumber;
        if ("jobId" in result) {
          await db.job.updateMany({
            where: { id: result.jobId, orderName: null },
            data: { orderName: `#${snapshot.order.number}` },
          });
        }
        const order = {
          orderId: snapshot.orderId,
          orderName: `#${snapshot.order.number}`,
          body: snapshot.order.json,
        };
        const refunds = snapshot.refunds.map((r) => ({
          orderId: snapshot.orderId,
          refundId: r.id,
          body: r.json,
        }));
        await ingestRefundsOfOrder(db, store.shop, order, refunds);
      }
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      await recordStoreProblem(db, store.shopId, {
        message: error.merchantMessage,
        needsReconnect: error.kind === "authentication",
      });
      return { status: 502, body: { message: error.merchantMessage, results } };
    }
    results.push({
      order_id: id,
      outcome,
      message: MESSAGES[outcome],
      ...(documentNumber ? { document_number: documentNumber } : {}),
    });
  }
  if (results.some((r) => r.outcome === "queued" || r.outcome === "requeued")) wakeWorkers();
  const single = results.length === 1 ? results[0] : undefined;
  if (single?.outcome === "notInStore") return { status: 404, body: { message: single.message, results } };
  const queued = results.filter((r) => r.outcome === "queued" || r.outcome === "requeued").length;
  return {
    status: 202,
    body: { message: single ? single.message : `${queued} of ${results.length} order(s) queued.`, results },
  };
}
