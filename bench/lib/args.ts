/** `npm run bench -- [--quick] [--out FILE] [bench…]`: which benchmarks, how long. */

export const BENCH_NAMES = ["ingest", "throughput", "import", "page"] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

const ALIASES: Record<string, BenchName> = {
  ingest: "ingest",
  "webhook-ingest": "ingest",
  webhooks: "ingest",
  throughput: "throughput",
  "transfer-throughput": "throughput",
  transfer: "throughput",
  import: "import",
  "historical-import": "import",
  backfill: "import",
  page: "page",
  "transfers-page": "page",
};

export interface BenchArgs {
  quick: boolean;
  selected: BenchName[];
  out: string;
}

export class BenchUsageError extends Error {
  override name = "BenchUsageError";
}

export const BENCH_USAGE = `usage: npm run bench -- [--quick] [--out FILE] [${BENCH_NAMES.join("|")} …]
  ingest      webhook ingest: signed orders/paid at 50–400 requests/s vs a bare HMAC server
  throughput  transfers against rate-limited ledger simulators: orders/minute vs the ceiling
  import      historical import of 10,000 orders: wall time and peak RSS
  page        transfers page over 100,000 transfers: first page and searches
  --quick     short runs (smaller counts, shorter steps) for a smoke test
  --out FILE  where to write the results (default bench/results.json)`;

export function parseBenchArgs(argv: readonly string[], defaultOut: string): BenchArgs {
  let quick = false;
  let out = defaultOut;
  const selected: BenchName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--quick") quick = true;
    else if (arg === "--out") {
      const value = argv[++i];
      if (!value) throw new BenchUsageError("--out needs a file name");
      out = value;
    } else if (arg.startsWith("-")) throw new BenchUsageError(`unknown option ${arg}`);
    else {
      const name = ALIASES[arg];
      if (!name)
        throw new BenchUsageError(`unknown benchmark "${arg}" (choose from ${BENCH_NAMES.join(", ")})`);
      if (!selected.includes(name)) selected.push(name);
    }
  }
  return {
    quick,
    out,
    selected: selected.length > 0 ? BENCH_NAMES.filter((n) => selected.includes(n)) : [...BENCH_NAMES],
  };
}
