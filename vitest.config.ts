import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "app/**/*.test.ts",
      "test/**/*.test.ts",
      "cli/**/*.test.ts",
      "server/**/*.test.ts",
      "extensions/**/*.test.{ts,tsx}",
    ],
    exclude: ["**/node_modules/**", "build/**"],
    environment: "node",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep the worker count bounded so PGlite instances do not starve each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: "forks",
  },
});
