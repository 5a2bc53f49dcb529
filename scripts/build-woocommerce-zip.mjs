#!/usr/bin/env node
// Packs extensions/woocommerce/ledger-bridge into dist/ledger-bridge.zip with the folder name
// WordPress expects inside the zip, leaving out tests and dev files. Uses the `zip` CLI.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "extensions", "woocommerce");
const out = join(root, "dist", "ledger-bridge.zip");
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const result = spawnSync(
  "zip",
  [
    "-r",
    "-X",
    "-q",
    out,
    "ledger-bridge",
    "-x",
    "ledger-bridge/tests/*",
    "ledger-bridge/phpunit.xml.dist",
    "ledger-bridge/.*",
  ],
  { cwd: root, stdio: "inherit" },
);
if (result.error) {
  console.error(`build-woocommerce-zip: the zip command is required (${result.error.message})`);
  process.exit(1);
}
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`wrote ${out}`);
