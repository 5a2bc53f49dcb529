import { describe, expect, it } from "vitest";
import { resultStillHolds } from "./order-result";

describe("the order page's answer to a click", () => {
  it("says 'queued' only while the transfer is still queued or running", () => {
    for (const outcome of ["queued", "requeued", "retried", "inProgress"]) {
      expect(resultStillHolds(outcome, true)).toBe(true);
      // Transferred meanwhile: the green "The transfer is queued." must not stand beside it.
      expect(resultStillHolds(outcome, false)).toBe(false);
    }
  });

  it("keeps answers that stay true (handled, already transferred, a refusal)", () => {
    for (const outcome of ["handled", "alreadyTransferred", "unknownOrder", "notParked", "invalid"]) {
      expect(resultStillHolds(outcome, false)).toBe(true);
    }
  });
});
