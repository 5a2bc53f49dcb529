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

/**
 * CI runs `npm test` twice, on PGlite and on PostgreSQL (.ci/run sets CI_TEST_PASS). A suite that
 * always uses PostgreSQL, whatever DATABASE_URL says, would only repeat itself in the PGlite pass:
 * it runs in the PostgreSQL pass, and everywhere else as usual.
 */
export function inPostgresPassOnly(): boolean {
  if (process.env.CI_TEST_PASS !== "pglite") return false;
  console.warn("\n(runs in CI's PostgreSQL pass; not repeated in the PGlite pass)\n");
  return true;
}
