import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BenchResultsFile } from "../../bench/lib/results";
import type { PageTiming } from "../../bench/transfers-page";

const ROOT = path.resolve(import.meta.dirname, "../..");

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/run.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** `npm run bench` end to end on its cheapest benchmark (the full benches never run in npm test). */
describe("npm run bench", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-run-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses an unknown benchmark with its usage", async () => {
    const { code, output } = await run(["warp-speed"]);
    expect(code).toBe(2);
    expect(output).toContain('unknown benchmark "warp-speed"');
    expect(output).toContain("usage: npm run bench");
  });

  it("runs the transfers-page bench quickly, prints its tables and writes results.json", async () => {
    const out = path.join(dir, "results.json");
    const { code, output } = await run(["--quick", "transfers-page", "--out", out]);
    expect(code, output).toBe(0);
    expect(output).toContain("### Transfers page over 10,000 transfers: listTransfers() server time");
    expect(output).toContain("### Transfers page over 10,000 transfers: targets");
    const results = JSON.parse(fs.readFileSync(out, "utf8")) as BenchResultsFile;
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    const page = results.benches.page;
    expect(page?.quick).toBe(true);
    const timings = (page?.data as { timings: PageTiming[] }).timings;
    // Seven queries per database; every answer right (isolation from the other shop included).
    expect(timings.length % 7).toBe(0);
    expect(timings.length).toBeGreaterThanOrEqual(7);
    for (const timing of timings) {
      expect(timing.problem, `${timing.database}: ${timing.label}`).toBeUndefined();
      expect(timing.medianMs).toBeGreaterThan(0);
      expect(timing.p95Ms).toBeGreaterThanOrEqual(timing.medianMs);
    }
    expect(page?.targets.length).toBe((timings.length / 7) * 4);
  }, 180_000);
});
