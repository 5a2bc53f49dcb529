import path from "node:path";
import { performance } from "node:perf_hooks";
import type { BenchName } from "./lib/args";
import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from "./lib/args";
import { machineInfo, writeResults } from "./lib/results";
import { renderTable } from "./lib/table";
import type { BenchOutcome } from "./lib/targets";
import { targetsTable } from "./lib/targets";

/**
 * `npm run bench -- [--quick] [ingest|throughput|import|page …]`: runs the benchmarks one after
 * another (they would distort each other side by side), prints a results table and a targets
 * table per benchmark, and writes bench/results.json with the machine they ran on.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

const BENCHES: Record<BenchName, (options: { quick: boolean }) => Promise<BenchOutcome>> = {
  ingest: async (options) => (await import("./webhook-ingest")).benchWebhookIngest(options),
  throughput: async (options) => (await import("./transfer-throughput")).benchTransferThroughput(options),
  import: async (options) => (await import("./historical-import")).benchHistoricalImport(options),
  page: async (options) => (await import("./transfers-page")).benchTransfersPage(options),
};

export async function runBenches(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv, path.join(ROOT, "bench/results.json"));
  } catch (error) {
    if (error instanceof BenchUsageError) {
      console.error(`${error.message}\n${BENCH_USAGE}`);
      return 2;
    }
    throw error;
  }
  // Quiet app logs in this process (the benches call app code directly); children set their own.
  process.env.LOG_LEVEL ??= "error";
  const machine = machineInfo();
  console.log(
    `Ledger Bridge benchmarks${args.quick ? " (quick)" : ""}: ${args.selected.join(", ")} — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}\n`,
  );
  const outcomes: Array<BenchOutcome & { quick: boolean; durationMs: number }> = [];
  let missed = 0;
  for (const name of args.selected) {
    console.log(`▶ ${name}`);
    const started = performance.now();
    const outcome = await BENCHES[name]({ quick: args.quick });
    const durationMs = Math.round(performance.now() - started);
    outcomes.push({ ...outcome, quick: args.quick, durationMs });
    missed += outcome.targets.filter((check) => !check.met).length;
    console.log("");
    for (const table of outcome.tables) console.log(`${renderTable(table)}\n`);
    console.log(`${renderTable(targetsTable(`${outcome.title}: targets`, outcome.targets))}\n`);
    for (const note of outcome.notes) console.log(`- ${note}`);
    console.log(`(${(durationMs / 1000).toFixed(0)} s)\n`);
  }
  writeResults(args.out, outcomes, machine);
  console.log(`Results written to ${path.relative(process.cwd(), args.out) || args.out}.`);
  if (missed > 0) console.log(`${missed} target(s) not met: the gaps are stated in the tables above.`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("bench/run.ts")) {
  runBenches(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
