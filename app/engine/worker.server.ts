import { randomUUID } from "node:crypto";
import type { Job, Prisma, PrismaClient } from "@prisma/client";
import { LedgerError } from "../ledgers/ledger-error";
import { appendAudit } from "./audit-log.server";
import type { AuditLevel } from "./audit-log.server";
import type { BackoffPolicy } from "./backoff";
import { DEFAULT_BACKOFF, retryDelayMs } from "./backoff";
import {
  claimNextJob,
  completeJob,
  failJobAndPauseShop,
  LeaseLostError,
  renewLease,
  retryJobLater,
  saveProgress,
} from "./job-queue.server";
import type { JobError } from "./job-types";

/**
 * Claims jobs and runs them through a handler. The handler does the ledger work step by step,
 * saving progress after each step; the worker turns its outcome or error into the queue's state:
 * success, a retry with backoff, or a failure that pauses the shop.
 */

export type JobOutcome =
  | { status: "succeeded"; documentId: string; documentNumber?: string }
  | { status: "skipped"; reason: string };

export interface JobContext {
  workerId: string;
  /** Results of steps finished in earlier attempts. */
  progress: Record<string, unknown>;
  saveProgress(progress: Record<string, unknown>): Promise<void>;
  /**
   * Called right before each ledger write: extends the lease, or throws LeaseLostError when
   * another worker has taken the job over (this one stalled past its lease), so a stalled worker
   * never writes a second payment or document next to the one that took over.
   */
  holdLease(): Promise<void>;
  audit(step: string, level: AuditLevel, message: string, data?: Prisma.InputJsonValue): Promise<void>;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/** An error whose message is meant for the merchant and which retrying cannot fix. */
export interface MerchantFacingError {
  merchantMessage: string;
  retryable: boolean;
  kind: string;
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
    const job = await claimNextJob(this.options.db, this.workerId, this.leaseMs);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 2;
    while (this.running) {
      let claimed = false;
      while (this.running && this.inFlight.size < concurrency) {
        const job = await claimNextJob(this.options.db, this.workerId, this.leaseMs).catch(() => null);
        if (!job) break;
        claimed = true;
        const task = this.execute(job).finally(() => this.inFlight.delete(task));
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

  private async execute(job: Job): Promise<void> {
    const { db } = this.options;
    let progress = (job.progress ?? {}) as Record<string, unknown>;
    const audit: JobContext["audit"] = (step, level, message, data) =>
      appendAudit(db, {
        shopId: job.shopId,
        orderId: job.orderId,
        jobId: job.id,
        step,
        level,
        message,
        ...(data === undefined ? {} : { data }),
      });
    const heartbeat = setInterval(
      () => {
        void renewLease(db, job.id, this.workerId, this.leaseMs).catch(() => {});
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    try {
      const outcome = await this.options.handler(job, {
        workerId: this.workerId,
        progress,
        saveProgress: async (next) => {
          progress = next;
          await saveProgress(db, job.id, this.workerId, next as Prisma.InputJsonValue);
        },
        holdLease: async () => {
          if (!(await renewLease(db, job.id, this.workerId, this.leaseMs))) throw new LeaseLostError(job.id);
        },
        audit,
      });
      if (outcome.status === "skipped") {
        await db.job.updateMany({
          where: { id: job.id, leaseOwner: this.workerId },
          data: {
            status: "skipped",
            leaseOwner: null,
            leaseExpiresAt: null,
            finishedAt: new Date(),
            lastError: {
              kind: "skipped",
              message: outcome.reason,
              retryable: false,
              at: new Date().toISOString(),
            },
          },
        });
        await audit("queue", "info", `Skipped: ${outcome.reason}`);
        await this.settled(job, audit);
        return;
      }
      await completeJob(db, job, this.workerId, outcome);
      await this.settled(job, audit);
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      await this.handleFailure(job, error, audit);
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
        `After the transfer: ${error instanceof Error ? error.message : String(error)}`,
      ).catch(() => {});
    }
  }

  private async handleFailure(job: Job, error: unknown, audit: JobContext["audit"]): Promise<void> {
    const { db } = this.options;
    const failure = this.classify(error);
    const jobError: JobError = {
      kind: failure.kind,
      message: failure.merchantMessage,
      retryable: failure.retryable,
      at: new Date().toISOString(),
    };
    const policy = this.options.backoff ?? DEFAULT_BACKOFF;
    if (failure.retryable && job.attempts < policy.maxAttempts) {
      const retryAfterMs = error instanceof LedgerError ? error.retryAfterMs : undefined;
      const delay = retryDelayMs(job.attempts, retryAfterMs, policy);
      await audit("retry", "warn", `${failure.merchantMessage} — retrying in ${Math.round(delay / 1000)} s`, {
        kind: failure.kind,
        attempt: job.attempts,
      });
      await retryJobLater(db, job.id, this.workerId, jobError, delay);
      return;
    }
    await audit("failed", "error", failure.merchantMessage, { kind: failure.kind, attempt: job.attempts });
    await failJobAndPauseShop(db, job, this.workerId, jobError);
    await this.settled(job, audit);
  }

  private classify(error: unknown): MerchantFacingError {
    if (error instanceof LedgerError) {
      return { kind: error.kind, merchantMessage: error.merchantMessage, retryable: error.retryable };
    }
    const classified = this.options.classifyError?.(error);
    if (classified) return classified;
    // An unexpected exception is most likely a passing fault; retried with backoff, then final.
    return {
      kind: "unknown",
      merchantMessage: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
    };
  }
}
