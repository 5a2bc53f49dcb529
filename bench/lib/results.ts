import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchOutcome } from "./targets";

/** What results.json records about the machine, so numbers are never read without their context. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  node: string;
  platform: string;
  date: string;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
  };
}

export interface BenchResultsFile {
  machine: MachineInfo;
  benches: Record<string, BenchOutcome & { quick: boolean; date: string; durationMs: number }>;
}

/**
 * Writes this run's outcomes into `file`, keeping the other benchmarks' entries from an earlier
 * run (each entry carries its own date and quick flag), so `npm run bench -- page` does not
 * erase the ingest numbers.
 */
export function writeResults(
  file: string,
  outcomes: ReadonlyArray<BenchOutcome & { quick: boolean; durationMs: number }>,
  machine: MachineInfo = machineInfo(),
): BenchResultsFile {
  let previous: Partial<BenchResultsFile> = {};
  try {
    previous = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<BenchResultsFile>;
  } catch {
    // No earlier results (or unreadable ones): start afresh.
  }
  const benches = { ...(previous.benches ?? {}) };
  for (const outcome of outcomes) benches[outcome.name] = { ...outcome, date: machine.date };
  const results: BenchResultsFile = { machine, benches };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
