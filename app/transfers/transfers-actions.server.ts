import type { PrismaClient, Shop } from "@prisma/client";
import type { OrderSource } from "../sources/source-contract";
import type { MessageKey } from "../i18n/messages";
import { startHistoricalImport } from "./historical-import.server";
import type { MerchantActor } from "./merchant-actor";
import { markHandledManually } from "./parked-jobs.server";
import { resumeTransfers, retryTransfers } from "./retry-transfers.server";
import type { TransfersAction } from "./transfers-params";

export interface TransfersActionResult {
  ok: boolean;
  /** What the page tells the merchant, in their language. */
  message: MessageKey;
  values?: Record<string, string | number>;
}

export interface TransfersActionDeps {
  /** Pokes this process's workers so re-queued work starts at once. */
  wake: () => void;
  sourceFor: (shop: Shop) => Promise<OrderSource>;
}

/** Retry, mark handled, resume or import, for the shop the request authenticated as, by `actor`. */
export async function runTransfersAction(
  db: PrismaClient,
  shop: Shop,
  action: TransfersAction,
  actor: MerchantActor,
  deps: TransfersActionDeps,
): Promise<TransfersActionResult> {
  switch (action.intent) {
    case "retry":
    case "retryAllFailed": {
      const { jobIds } = await retryTransfers(
        db,
        shop.id,
        action.intent === "retry" ? action.ids : "allFailed",
        actor,
      );
      if (jobIds.length === 0) return { ok: false, message: "transfers.result.nothingToRetry" };
      deps.wake();
      return { ok: true, message: "transfers.result.retried", values: { count: jobIds.length } };
    }
    case "markHandled": {
      const result = await markHandledManually(db, { shopId: shop.id, jobId: action.ids[0] ?? "", actor });
      switch (result.outcome) {
        case "handled":
          return {
            ok: true,
            message: result.parkedCreditNotes.length
              ? "transfers.result.handledWithCreditNotes"
              : "transfers.result.handled",
            values: { count: result.parkedCreditNotes.length },
          };
        case "notFound":
          return { ok: false, message: "transfers.result.notFound" };
        default:
          return { ok: false, message: "transfers.result.notParked" };
      }
    }
    case "resume": {
      const { requeued } = await resumeTransfers(db, shop.id, actor);
      deps.wake();
      return { ok: true, message: "transfers.result.resumed", values: { count: requeued } };
    }
    case "import": {
      const result = await startHistoricalImport(
        db,
        shop,
        { from: action.from, to: action.to },
        deps.sourceFor,
      );
      switch (result.outcome) {
        case "started":
          // Workers also poll; waking them when the import ends starts the last batch at once.
          void result.finished.then(deps.wake);
          deps.wake();
          return { ok: true, message: "transfers.result.importStarted" };
        case "alreadyRunning":
          return { ok: false, message: "transfers.result.importRunning" };
        case "invalidRange":
          return { ok: false, message: "transfers.result.importInvalidRange" };
        case "sourceUnavailable":
          return {
            ok: false,
            message: "transfers.result.importUnavailable",
            values: { message: result.message },
          };
      }
    }
  }
}
