import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BenchUsageError, parseBenchArgs } from "../../bench/lib/args";
import { httpPoster, runOpenLoop } from "../../bench/lib/load-generator";
import { machineInfo, writeResults } from "../../bench/lib/results";
import { percentile, summarize } from "../../bench/lib/stats";
import { formatCell, renderTable } from "../../bench/lib/table";
import { targetsTable } from "../../bench/lib/targets";
import { callKind } from "../../bench/transfer-throughput";

describe("percentiles", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("uses the nearest rank", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(hundred, 101)).toThrow(RangeError);
  });

  it("summarizes unsorted samples", () => {
    const summary = summarize([30, 10, 20, 40, 1000]);
    expect(summary).toEqual({ count: 5, mean: 220, p50: 30, p95: 1000, p99: 1000, max: 1000 });
    expect(summarize([]).count).toBe(0);
  });
});

describe("tables", () => {
  it("renders Markdown with numbers right-aligned and empty cells as dashes", () => {
    const text = renderTable({
      title: "Demo",
      columns: ["server", "p99 ms", "rows"],
      rows: [
        ["floor", 1.25, 1200],
        ["app (PGlite)", 12, null],
      ],
    });
    expect(text.split("\n")).toEqual([
      "### Demo",
      "",
      "| server       | p99 ms |  rows |",
      "| ------------ | -----: | ----: |",
      "| floor        |    1.3 | 1,200 |",
      "| app (PGlite) |     12 |     – |",
    ]);
  });

  it("formats cells", () => {
    expect(formatCell(2.5)).toBe("2.5");
    expect(formatCell(2.04)).toBe("2");
    expect(formatCell(Number.NaN)).toBe("–");
    expect(formatCell(undefined)).toBe("–");
    expect(formatCell(12345)).toBe("12,345");
  });

  it("states met targets and gaps", () => {
    const table = targetsTable("Targets", [
      { target: "p99 < 50 ms", measured: "12 ms", met: true },
      { target: "peak < 300 MB", measured: "420 MB", met: false, gap: "120 MB over" },
    ]);
    expect(table.rows).toEqual([
      ["p99 < 50 ms", "12 ms", "met"],
      ["peak < 300 MB", "420 MB", "GAP: 120 MB over"],
    ]);
  });
});

describe("arguments", () => {
  it("selects benchmarks by name or alias, in the canonical order", () => {
    expect(parseBenchArgs(["transfers-page", "ingest"], "r.json")).toEqual({
      quick: false,
      out: "r.json",
      selected: ["ingest", "page"],
    });
    expect(parseBenchArgs(["--quick", "--out", "x.json"], "r.json")).toEqual({
      quick: true,
      out: "x.json",
      selected: ["ingest", "throughput", "import", "page"],
    });
    expect(() => parseBenchArgs(["nope"], "r.json")).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(["--fast"], "r.json")).toThrow(/unknown option/);
    expect(() => parseBenchArgs(["--out"], "r.json")).toThrow(/--out/);
  });
});

describe("open-loop load generator", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends on schedule however slow the answers, and measures latency from when each was due", async () => {
    // A virtual clock: the schedule is checked exactly, whatever else the machine is doing.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    // A server that handles one request at a time, 20 ms each (50/s), offered 100/s: a closed
    // loop would slow down to 50/s; the open loop keeps sending and the queue shows in latency.
    let busyUntil = 0;
    const startedAt: number[] = [];
    const running = runOpenLoop({
      ratePerSecond: 100,
      durationMs: 400,
      send: async () => {
        startedAt.push(performance.now());
        const now = performance.now();
        busyUntil = Math.max(busyUntil, now) + 20;
        await new Promise((resolve) => setTimeout(resolve, busyUntil - now));
        return true;
      },
    });
    await vi.runAllTimersAsync();
    const result = await running;
    expect(result.offered).toBe(40);
    expect(result.ok).toBe(40);
    expect(result.failed).toBe(0);
    // All 40 were sent at their due times, 10 ms apart (390 ms first to last), not 20 ms apart as a
    // closed loop would have sent them, and the generator was never late.
    const span = (startedAt[startedAt.length - 1] as number) - (startedAt[0] as number);
    expect(span).toBe(390);
    expect(result.dispatchLagP99Ms).toBe(0);
    // Queueing: request i waits for the i before it (20 ms each) but was due 10 ms after the last,
    // so its latency is 20 + 10·i ms: 20 ms for the first, 410 ms for the 40th.
    expect(result.latenciesMs[0]).toBe(20);
    expect(result.latenciesMs[39]).toBe(410);
    // The last answer comes 40 × 20 = 800 ms after the first was due; 40 answers in 0.8 s.
    expect(result.elapsedMs).toBe(800);
    expect(result.throughput).toBe(50);
  });

  it("counts failures and thrown errors", async () => {
    const result = await runOpenLoop({
      ratePerSecond: 200,
      durationMs: 100,
      send: async (index) => {
        if (index % 4 === 0) throw new Error("connection reset");
        return index % 2 === 0;
      },
    });
    expect(result.offered).toBe(20);
    // Thrown for 0, 4, 8, …; false for the other odd indexes; true for 2, 6, 10, 14, 18.
    expect(result.ok).toBe(5);
    expect(result.failed).toBe(15);
    expect(result.latenciesMs).toHaveLength(5);
  });

  describe("over HTTP", () => {
    let server: http.Server;
    let url: string;
    const bodies: string[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          bodies.push(body);
          res.writeHead(req.headers["x-good"] === "1" ? 200 : 401).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it("posts prepared requests and treats only 2xx as success", async () => {
      const poster = httpPoster(url);
      try {
        const result = await runOpenLoop({
          ratePerSecond: 100,
          durationMs: 200,
          send: (index) =>
            poster.post({
              path: "/hook",
              headers: { "x-good": index < 15 ? "1" : "0" },
              body: Buffer.from(`delivery-${index}`),
            }),
        });
        expect(result.ok).toBe(15);
        expect(result.failed).toBe(5);
        expect(new Set(bodies).size).toBe(20);
        expect(bodies).toContain("delivery-19");
      } finally {
        poster.close();
      }
    });
  });
});

describe("results file", () => {
  it("records the machine and keeps other benchmarks' earlier entries", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-results-"));
    const file = path.join(dir, "results.json");
    try {
      const outcome = (name: string, value: number) => ({
        name,
        title: name,
        tables: [],
        targets: [],
        notes: [],
        data: { value },
        quick: true,
        durationMs: 5,
      });
      writeResults(file, [outcome("ingest", 1), outcome("page", 1)], machineInfo(new Date("2026-01-01")));
      const written = writeResults(file, [outcome("page", 2)], machineInfo(new Date("2026-02-01")));
      const reread = JSON.parse(fs.readFileSync(file, "utf8")) as typeof written;
      expect(reread).toEqual(written);
      expect(reread.machine.cpus).toBe(os.cpus().length);
      expect(reread.machine.node).toBe(process.version);
      expect(reread.machine.date).toBe("2026-02-01T00:00:00.000Z");
      expect(reread.benches.ingest?.data).toEqual({ value: 1 });
      expect(reread.benches.ingest?.date).toBe("2026-01-01T00:00:00.000Z");
      expect(reread.benches.page?.data).toEqual({ value: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ledger call kinds", () => {
  it("groups requests by method and path with ids removed", () => {
    expect(callKind({ method: "GET", path: "/v1/123456/invoices/6858ed6d-ba4c/payments" })).toBe(
      "GET invoices/:id/payments",
    );
    expect(callKind({ method: "POST", path: "/v1/123456/contacts" })).toBe("POST contacts");
    expect(callKind({ method: "PUT", path: "/v2/invoices/JS51BTJwcOqfJstKfKzFdA" })).toBe("PUT invoices/:id");
    expect(callKind({ method: "GET", path: "/products/KOP-BLA" })).toBe("GET products/:id");
    expect(callKind({ method: "GET", path: "/accounting-years" })).toBe("GET accounting-years");
  });
});
