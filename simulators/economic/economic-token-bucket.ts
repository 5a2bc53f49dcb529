/**
 * e-conomic's rate limit: one token budget per agreement (10,000 tokens per 60 s), shared by
 * every API host, each call charging a cost. The state is reported on every response as
 * `X-CallCost: n` and `X-RateLimiting: token-limit-10000-per-60-seconds: used/limit`; an
 * exhausted budget answers 429 with Retry-After. Modelled as a fixed window that refills in
 * full when it ends (the public sources describe "a bucket that refills over a fixed window").
 */
export class TokenBucket {
  private windowStart = 0;
  private used = 0;

  constructor(
    public limit = 10_000,
    public windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
    this.reset();
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }

  /** Charges `cost`; returns 0 when allowed, else the milliseconds until the window refills. */
  charge(cost: number): number {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used + cost > this.limit) return Math.max(1, this.windowStart + this.windowMs - now);
    this.used += cost;
    return 0;
  }

  headers(cost: number): Record<string, string> {
    const seconds = Math.round(this.windowMs / 1000);
    return {
      "X-CallCost": String(cost),
      "X-RateLimiting": `token-limit-${this.limit}-per-${seconds}-seconds: ${this.used}/${this.limit}`,
    };
  }
}
