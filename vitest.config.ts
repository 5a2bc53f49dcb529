import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "app/**/*.test.ts",
      "test/**/*.test.ts",
      "cli/**/*.test.ts",
      "server/**/*.test.ts",
      "simulators/**/*.test.ts",
      "demo/**/*.test.ts",
      "extensions/**/*.test.{ts,tsx}",
    ],
    exclude: ["**/node_modules/**", "build/**"],
    environment: "node",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    setupFiles: ["test/setup.ts"],
    // The UI-extension tester imports the extension's .tsx entry itself; inlining it lets Vite
    // transform that import instead of handing a .tsx file to Node.
    server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep the worker count bounded so PGlite instances do not starve each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: "forks",
  },
});
