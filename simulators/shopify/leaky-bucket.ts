/**
 * Shopify's cost bucket: `maximumAvailable` points, refilled at `restoreRate` points per second.
 * A query is admitted when the bucket holds its requested cost; the unused part (requested −
 * actual) is given back afterwards.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.available = maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const at = this.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((at - this.updatedAt) / 1000) * this.restoreRate,
    );
    this.updatedAt = at;
  }

  /** Takes `cost` points if the bucket holds them; false (nothing taken) otherwise. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  giveBack(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  /** Sets the level directly, e.g. a test starting from a nearly empty bucket. */
  drainTo(points: number): void {
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
    this.updatedAt = this.now();
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
