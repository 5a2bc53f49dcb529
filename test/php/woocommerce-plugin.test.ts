import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { describeWhen } from "../support/optional-suite";

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const script = fileURLToPath(new URL("../../extensions/woocommerce/run-php-checks.sh", import.meta.url));

describeWhen(
  onPath("php") && onPath("phpunit"),
  "php and phpunit",
  "WooCommerce companion plugin (php -l, phpcs, phpunit)",
  () => {
    it("lints every PHP file, keeps the coding standard and passes its phpunit suite", () => {
      const run = spawnSync("bash", [script], { encoding: "utf8", timeout: 60_000 });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(output).toMatch(/OK \(\d+ tests?, \d+ assertions?\)/);
      if (onPath("phpcs")) expect(output).toContain("phpcs: coding standard OK");
      else if (process.env.REQUIRE_ALL_SUITES === "1") throw new Error("phpcs is required in CI");
      else console.warn("!!! SKIPPED the phpcs part: install php-codesniffer");
    });
  },
);
