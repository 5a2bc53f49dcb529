/**
 * Keeps this process under Dinero's per-organisation budget by waiting before a request would
 * exceed it. Dinero documents 100 requests a minute; two independent clients report 60 for
 * personal integrations, so the default budget is 55. Pacers are shared per API host +
 * organisation, so several adapters for the same organisation draw from one budget.
 */

export const DEFAULT_REQUESTS_PER_MINUTE = 55;
const WINDOW_MS = 60_000;

export class DineroRequestPacer {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly requestsPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when a request may be sent; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && now - (this.sent[0] as number) >= WINDOW_MS) this.sent.shift();
      if (this.sent.length < this.requestsPerMinute) {
        this.sent.push(now);
        return;
      }
      await this.sleep((this.sent[0] as number) + WINDOW_MS - now);
    }
  }
}

const pacers = new Map<string, DineroRequestPacer>();

export function sharedPacer(key: string, requestsPerMinute: number): DineroRequestPacer {
  const registryKey = `${key}|${requestsPerMinute}`;
  let pacer = pacers.get(registryKey);
  if (!pacer) {
    pacer = new DineroRequestPacer(requestsPerMinute);
    pacers.set(registryKey, pacer);
  }
  return pacer;
}
