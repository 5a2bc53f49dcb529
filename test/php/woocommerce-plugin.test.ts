import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { describeWhen } from "../support/optional-suite";

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const script = fileURLToPath(new URL("../../extensions/woocommerce/run-php-checks.sh", import.meta.url));

describeWhen(
  onPath("php") && onPath("phpunit"),
  "php and phpunit",
  "WooCommerce companion plugin (php -l + phpunit)",
  () => {
    it("lints every PHP file and passes its phpunit suite", () => {
      const run = spawnSync("bash", [script], { encoding: "utf8", timeout: 60_000 });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(output).toMatch(/OK \(\d+ tests?, \d+ assertions?\)/);
    });
  },
);
