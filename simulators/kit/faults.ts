/**
 * Fault switches shared by every simulator. Faults are either queued one-shots (`next`) for
 * exact tests, or random at a rate with a seeded generator, so a failing run can be replayed.
 */

export type FaultKind =
  /** 503 before the request is handled: nothing stored. */
  | "5xx"
  /** The server never answers (until the client gives up): nothing stored. */
  | "timeout"
  /** 429 with Retry-After before the request is handled: nothing stored. */
  | "429"
  /** The request is handled and stored, then the connection is cut: the response is lost. */
  | "dropAfterCommit";

export interface FaultRequestInfo {
  method: string;
  path: string;
  /** The request body as text (for holds that pick one particular write). */
  body?: string;
}

/** A request the simulator has received and holds, unhandled, until the test releases it. */
export interface HeldRequest {
  /** Resolves once a matching request has arrived. */
  arrived: Promise<FaultRequestInfo>;
  /** Handles the request now — stored as usual, even if its client has given up meanwhile. */
  release(): void;
}

export interface RandomFaults {
  rate: number;
  kinds: FaultKind[];
  seed?: number;
  /** Restrict random faults to some requests (e.g. only writes). */
  appliesTo?: (request: FaultRequestInfo) => boolean;
}

export class FaultController {
  /** Added to every response. */
  latencyMs = 0;
  /** Seconds sent in Retry-After with injected 429s. */
  retryAfterSeconds = 1;
  private queued: Array<{ kind: FaultKind; appliesTo?: (request: FaultRequestInfo) => boolean }> = [];
  private holds: Array<{
    appliesTo: (request: FaultRequestInfo) => boolean;
    arrive: (request: FaultRequestInfo) => void;
    released: Promise<void>;
  }> = [];
  private random: (RandomFaults & { next: () => number }) | undefined;
  readonly injected: Array<FaultRequestInfo & { kind: FaultKind }> = [];

  /** Queues `kind` for the next `count` matching requests. */
  next(kind: FaultKind, count = 1, appliesTo?: (request: FaultRequestInfo) => boolean): void {
    for (let i = 0; i < count; i++) this.queued.push(appliesTo ? { kind, appliesTo } : { kind });
  }

  /**
   * A slow ledger, under the test's control: the next matching request is received but not
   * handled until `release()`. Lets a test stall a worker in the middle of a ledger write.
   */
  hold(appliesTo: (request: FaultRequestInfo) => boolean): HeldRequest {
    let arrive!: (request: FaultRequestInfo) => void;
    let release!: () => void;
    const arrived = new Promise<FaultRequestInfo>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ appliesTo, arrive, released });
    return { arrived, release };
  }

  /** Waits while the request is held (see `hold`); immediate for any other request. */
  async waitIfHeld(request: FaultRequestInfo): Promise<void> {
    const index = this.holds.findIndex((hold) => hold.appliesTo(request));
    if (index < 0) return;
    const [hold] = this.holds.splice(index, 1);
    hold?.arrive(request);
    await hold?.released;
  }

  setRandom(options: RandomFaults | undefined): void {
    this.random = options ? { ...options, next: mulberry32(options.seed ?? 1) } : undefined;
  }

  reset(): void {
    this.queued = [];
    this.holds = [];
    this.random = undefined;
    this.latencyMs = 0;
  }

  /** Decides the fault (if any) for one incoming request. */
  pick(request: FaultRequestInfo): FaultKind | undefined {
    const index = this.queued.findIndex((fault) => !fault.appliesTo || fault.appliesTo(request));
    let kind: FaultKind | undefined;
    if (index >= 0) {
      kind = this.queued[index]?.kind;
      this.queued.splice(index, 1);
    } else if (this.random && (!this.random.appliesTo || this.random.appliesTo(request))) {
      if (this.random.next() < this.random.rate && this.random.kinds.length > 0) {
        kind = this.random.kinds[Math.floor(this.random.next() * this.random.kinds.length)];
      }
    }
    if (kind) this.injected.push({ method: request.method, path: request.path, kind });
    return kind;
  }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
