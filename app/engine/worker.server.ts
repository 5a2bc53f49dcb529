import type { AuditText } from "../i18n/audit-text";
import { auditText, errorText } from "../i18n/audit-text";
import { randomUUID } from "node:crypto";
import type { Job, Prisma, PrismaClient } from "@prisma/client";
import type { MessageKey } from "../i18n/messages";
import { translate } from "../i18n/messages";
import { AppError } from "../lib/app-error";
import { LedgerError } from "../ledgers/ledger-error";
import { withWriteFence, WriteFenceError } from "../ledgers/write-fence";
import { appendAudit } from "./audit-log.server";
import type { AuditLevel } from "./audit-log.server";
import type { BackoffPolicy } from "./backoff";
import { DEFAULT_BACKOFF, retryDelayMs } from "./backoff";
import type { FailureScope } from "./failure-scope";
import { failureScope } from "./failure-scope";
import type { HeldLease } from "./job-queue.server";
import {
  claimNextJob,
  completeJob,
  failJobAndPauseShop,
  LeaseLostError,
  parkJob,
  renewLease,
  retryJobLater,
  saveProgress,
  skipJob,
} from "./job-queue.server";
import type { JobError } from "./job-types";

/**
 * Claims jobs and runs them through a handler. The handler does the ledger work step by step,
 * saving progress after each step; the worker turns its outcome or error into a transition of
 * the job's state (job-state.ts), through the queue's use cases, each with its audit entry:
 * success, a retry with backoff, or a final failure — which pauses the shop when it concerns the
 * connection and parks just this job when it concerns the order (see failure-scope.ts).
 *
 * Every ledger write the handler makes runs under the lease's write fence: it must end before the
 * lease can have lapsed (app/ledgers/write-fence.ts), and everything the worker records is
 * accepted only under the claim's lease token, so a worker that stalled past its lease neither
 * writes to the ledger nor records anything once another worker took the job over.
 */

export type JobOutcome =
  | { status: "succeeded"; documentId: string; documentNumber?: string }
  | { status: "skipped"; reason: string; text?: SkipText };

/** A skip reason Ledger Bridge words itself: its catalogue key and parameters, for the merchant's language. */
export interface SkipText {
  key: string;
  params: Record<string, string | number>;
}

export interface JobContext {
  workerId: string;
  /** Results of steps finished in earlier attempts. */
  progress: Record<string, unknown>;
  saveProgress(progress: Record<string, unknown>): Promise<void>;
  /**
   * Called right before each ledger write: extends the lease, or throws LeaseLostError when it
   * has lapsed or another worker has taken the job over (this one stalled past its lease), so a
   * stalled worker never writes a second payment or document next to the one that took over.
   */
  holdLease(): Promise<void>;
  /** `message` in English, or with its catalogue key (see auditText) for the merchant's language. */
  audit(
    step: string,
    level: AuditLevel,
    message: string | { message: string; messageText: AuditText },
    data?: Prisma.InputJsonValue,
  ): Promise<void>;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/** An error whose message is meant for the merchant and which retrying cannot fix. */
export interface MerchantFacingError {
  merchantMessage: string;
  retryable: boolean;
  kind: string;
  /** Overrides the scope failure-scope.ts derives from the error. */
  scope?: FailureScope;
  /** The catalogue key of `merchantMessage` and its parameters (see JobError.messageKey). */
  messageKey?: MessageKey;
  params?: Record<string, string | number>;
}

export interface WorkerOptions {
  db: PrismaClient;
  handler: JobHandler;
  workerId?: string;
  leaseMs?: number;
  pollMs?: number;
  /** Jobs run at once by this worker (each from a different shop). */
  concurrency?: number;
  backoff?: BackoffPolicy;
  /**
   * How long a ledger may still process a request after our side of it ended (timed out, cut
   * off). A retry after a write whose outcome is unknown waits at least this long, and a takeover
   * of a lapsed lease waits this long after the lease's end, before looking anything up — so the
   * lookup sees what that request stored. Default 10 s.
   */
  writeMarginMs?: number;
  /** Takeovers after lapsed leases (crashes, stalls) before the job is parked. Default 5. */
  maxLeaseLosses?: number;
  /** Maps non-ledger errors (e.g. the builder's totals mismatch) to merchant-facing ones. */
  classifyError?: (error: unknown) => MerchantFacingError | undefined;
  /**
   * Called once a job has reached a final state (succeeded, skipped, failed — not a retry), e.g.
   * to write the status back to the shop. Its errors are logged in the audit trail, never fatal.
   */
  onSettled?: (job: Job) => Promise<void>;
}

export class Worker {
  readonly workerId: string;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 60_000;
  }

  private get writeMarginMs() {
    return this.options.writeMarginMs ?? 10_000;
  }

  private claim(): Promise<Job | null> {
    return claimNextJob(this.options.db, this.workerId, this.leaseMs, {
      takeoverGraceMs: this.writeMarginMs,
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the jobs in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** Wakes an idle worker early (e.g. right after a webhook enqueued something). */
  poke(): void {
    this.wake?.();
  }

  /** Claims and runs one job; false when none was runnable. */
  async runOnce(): Promise<boolean> {
    const claimedAt = Date.now();
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job, claimedAt);
    return true;
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 2;
    while (this.running) {
      let claimed = false;
      while (this.running && this.inFlight.size < concurrency) {
        // In the web process the worker shares the event loop with ingest: pending requests
        // (webhooks Shopify times out after 5 s) run before each claim, never behind a burst of them.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!this.running) break;
        const claimedAt = Date.now();
        const job = await this.claim().catch(() => null);
        if (!job) break;
        claimed = true;
        const task = this.execute(job, claimedAt).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      if (!claimed || this.inFlight.size >= concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
      }
    }
  }

  private async execute(job: Job, claimedAt: number): Promise<void> {
    const { db } = this.options;
    const lease: HeldLease = { id: job.id, leaseToken: job.leaseToken };
    let progress = (job.progress ?? {}) as Record<string, unknown>;
    const audit: JobContext["audit"] = (step, level, message, data) =>
      appendAudit(db, {
        shopId: job.shopId,
        orderId: job.orderId,
        jobId: job.id,
        step,
        level,
        ...(typeof message === "string" ? { message } : message),
        ...(data === undefined ? {} : { data }),
      });
    if (job.leaseLosses > (this.options.maxLeaseLosses ?? 5)) {
      await this.park(job, audit, {
        kind: "interrupted",
        message: translate("en", "jobError.interrupted", { count: job.leaseLosses }),
        messageKey: "jobError.interrupted",
        params: { count: job.leaseLosses },
        retryable: false,
        scope: "order",
        at: new Date().toISOString(),
      });
      return;
    }
    // By our clock, the lease surely lasts until then: the database set it after we asked.
    let validUntil = claimedAt + this.leaseMs;
    let wrote = false;
    const renew = async () => {
      const asked = Date.now();
      if (!(await renewLease(db, lease, this.leaseMs))) {
        validUntil = 0;
        return false;
      }
      validUntil = Math.max(validUntil, asked + this.leaseMs);
      return true;
    };
    const heartbeat = setInterval(
      () => {
        void renew().catch(() => {});
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    const fence = { writeDeadline: () => validUntil, now: () => Date.now() };
    try {
      const outcome = await withWriteFence(fence, () =>
        this.options.handler(job, {
          workerId: this.workerId,
          progress,
          saveProgress: async (next) => {
            progress = next;
            await saveProgress(db, lease, next as Prisma.InputJsonValue);
          },
          holdLease: async () => {
            if (!(await renew())) throw new LeaseLostError(job.id);
            wrote = true;
          },
          audit,
        }),
      );
      if (outcome.status === "skipped") {
        if (!(await skipJob(db, job, outcome.reason, outcome.text))) return;
        await this.settled(job, audit);
        return;
      }
      await completeJob(db, job, outcome);
      await this.settled(job, audit);
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      await this.handleFailure(job, error, audit, wrote);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async settled(job: Job, audit: JobContext["audit"]): Promise<void> {
    if (!this.options.onSettled) return;
    try {
      await this.options.onSettled(job);
    } catch (error) {
      // The job itself is settled: a failing follow-up must never turn into a retry of it.
      await audit(
        "settled",
        "warn",
        auditText(
          "audit.afterTransfer",
          {},
          {
            reason:
              error instanceof AppError
                ? errorText({
                    message: error.merchantMessage,
                    messageKey: error.messageKey,
                    params: error.params,
                  })
                : error instanceof Error
                  ? error.message
                  : String(error),
          },
        ),
      ).catch(() => {});
    }
  }

  private async handleFailure(
    job: Job,
    error: unknown,
    audit: JobContext["audit"],
    wrote: boolean,
  ): Promise<void> {
    const { db } = this.options;
    const failure = this.classify(error);
    const scope = failure.scope ?? failureScope(error);
    const jobError: JobError = {
      kind: failure.kind,
      message: failure.merchantMessage,
      retryable: failure.retryable,
      scope,
      at: new Date().toISOString(),
      ...(failure.messageKey ? { messageKey: failure.messageKey, params: failure.params ?? {} } : {}),
    };
    const policy = this.options.backoff ?? DEFAULT_BACKOFF;
    if (failure.retryable && job.attempts < policy.maxAttempts) {
      const retryAfterMs = error instanceof LedgerError ? error.retryAfterMs : undefined;
      // A write whose answer never came may still land in the ledger: let it, before the retry looks.
      const floor = wrote && outcomeUnknown(error) ? this.writeMarginMs : 0;
      const delay = Math.max(retryDelayMs(job.attempts, retryAfterMs, policy), floor);
      await retryJobLater(db, job, jobError, delay);
      return;
    }
    if (scope === "order") {
      await this.park(job, audit, jobError);
      return;
    }
    if (!(await failJobAndPauseShop(db, job, jobError))) return;
    await this.settled(job, audit);
  }

  private async park(job: Job, audit: JobContext["audit"], error: JobError): Promise<void> {
    if (!(await parkJob(this.options.db, job, error))) return;
    await this.settled(job, audit);
  }

  private classify(error: unknown): MerchantFacingError {
    if (error instanceof LedgerError) {
      return {
        kind: error.kind,
        merchantMessage: error.merchantMessage,
        messageKey: error.messageKey,
        params: error.params,
        retryable: error.retryable,
      };
    }
    if (error instanceof WriteFenceError) {
      return {
        kind: "leaseExpiring",
        merchantMessage: translate("en", "jobError.leaseExpiring"),
        messageKey: "jobError.leaseExpiring",
        retryable: true,
      };
    }
    const classified = this.options.classifyError?.(error);
    if (classified) return classified;
    // An unexpected exception is most likely a passing fault; retried with backoff, then final.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      kind: "unknown",
      merchantMessage: translate("en", "jobError.unexpected", { detail }),
      messageKey: "jobError.unexpected",
      params: { detail },
      retryable: true,
    };
  }
}

/**
 * False only when the ledger answered (a 4xx, a 429) or the request was never sent: then nothing
 * of it can still be stored. Timeouts, cut connections and 5xx answers may have been stored.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof WriteFenceError) return false;
  if (error instanceof LedgerError) return error.httpStatus === undefined || error.httpStatus >= 500;
  return true;
}
