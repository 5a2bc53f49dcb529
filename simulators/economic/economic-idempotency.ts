import type { SimResponse } from "../kit/router";

/**
 * `Idempotency-Key` on non-GET requests: a repeat within one hour gets the original response
 * back with `X-ResultFromCache: true` (live-verified on legacy REST for POST /customers and
 * DELETE). Whether failed requests are cached is not documented; only successful responses are
 * kept here, so a corrected retry under the same key is not answered with a stale error.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, { at: number; response: SimResponse }>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  replay(key: string): SimResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...entry.response, headers: { ...entry.response.headers, "X-ResultFromCache": "true" } };
  }

  remember(key: string, response: SimResponse): void {
    if (response.status >= 200 && response.status < 300) this.entries.set(key, { at: this.now(), response });
  }

  get size(): number {
    return this.entries.size;
  }
}
