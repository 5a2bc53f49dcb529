import { describe, expect, it } from "vitest";
import { DineroRequestPacer } from "./dinero-request-pacer";

describe("DineroRequestPacer", () => {
  it("lets the budget through at once, then waits until the oldest request leaves the minute", async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new DineroRequestPacer(
      3,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 3; i++) {
      await pacer.acquire();
      now += 1000;
    }
    expect(waits).toEqual([]);
    await pacer.acquire();
    expect(waits).toEqual([57_000]);
    expect(now).toBe(60_000);
  });

  it("serves concurrent callers in order without exceeding the budget", async () => {
    let now = 0;
    const pacer = new DineroRequestPacer(
      2,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((id) => pacer.acquire().then(() => order.push(id))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(now).toBe(60_000);
  });
});
