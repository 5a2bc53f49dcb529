import { describe } from "vitest";

/**
 * Suites that need something a bare machine lacks (PostgreSQL, Chromium, PHP) run when it is
 * there and say loudly when skipped. CI sets REQUIRE_ALL_SUITES=1, turning a skip into a failure.
 */
export function describeWhen(available: boolean, what: string, name: string, body: () => void): void {
  if (available) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_ALL_SUITES === "1") {
    describe(name, () => {
      throw new Error(`${what} is required (REQUIRE_ALL_SUITES=1) but not available`);
    });
    return;
  }
  console.warn(`\n!!! SKIPPED "${name}": ${what} is not available on this machine !!!\n`);
  describe.skip(name, body);
}
