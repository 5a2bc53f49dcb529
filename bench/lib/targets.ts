import type { Table } from "./table";

/** One target of the issue, what was measured against it, and whether it was met. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** When missed (or not measured): how far off, or why it could not be measured. */
  gap?: string;
}

export function targetsTable(title: string, checks: readonly TargetCheck[]): Table {
  return {
    title,
    columns: ["target", "measured", "met / gap"],
    rows: checks.map((check) => [
      check.target,
      check.measured,
      check.met ? "met" : `GAP: ${check.gap ?? "missed"}`,
    ]),
  };
}

/** Everything one benchmark hands back to the runner. */
export interface BenchOutcome {
  name: string;
  title: string;
  tables: Table[];
  targets: TargetCheck[];
  notes: string[];
  /** Raw numbers for results.json. */
  data: unknown;
}
