/**
 * Plain-text tables for the terminal and Markdown for the README: the same rows either way, so
 * what the bench prints can be pasted as is.
 */

export type Cell = string | number | null | undefined;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** Numbers keep up to `digits` decimals (trailing zeros dropped); NaN and empty cells show "–". */
export function formatCell(value: Cell, digits = 1): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "–";
    return Number.isInteger(value) ? value.toLocaleString("en-US") : trimZeros(value.toFixed(digits));
  }
  return value;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A Markdown table (GitHub flavour), columns padded so it also reads well as plain text. */
export function renderTable(table: Table): string {
  const cells = table.rows.map((row) => table.columns.map((_, index) => formatCell(row[index])));
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => (row[index] ?? "").length), 3),
  );
  const numeric = table.columns.map((_, index) =>
    table.rows.every(
      (row) => row[index] === null || row[index] === undefined || typeof row[index] === "number",
    ),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, index) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((width, index) => (numeric[index] ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [`### ${table.title}`, "", line(table.columns), rule, ...cells.map(line)].join("\n");
}
