import type { SimRow, SimTable, SimValue } from "./sim-store";
import type { FieldErrors } from "./sim-values";

/**
 * Dynaccount's SQL-like reads: every query parameter except the reserved `select`, `order` and
 * `limit` is a `column = value` filter; `order=col+desc`; `limit=offset,count`.
 */

const RESERVED = new Set(["select", "order", "limit"]);

export function runQuery(
  table: SimTable,
  knownColumns: ReadonlySet<string>,
  id: number | undefined,
  query: URLSearchParams,
): { rows: Array<Record<string, SimValue>> } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const check = (column: string) => {
    if (knownColumns.size > 0 && !knownColumns.has(column)) errors[column] = "Unknown column";
  };
  let rows: SimRow[] = id === undefined ? [...table.rows] : table.rows.filter((row) => row.id === id);

  for (const [column, value] of query) {
    if (RESERVED.has(column)) continue;
    check(column);
    rows = rows.filter((row) => matches(row[column] ?? null, value));
  }

  const order = query.get("order");
  if (order) {
    const keys = order.split(",").map((part) => {
      const [column = "", direction = "asc"] = part.trim().split(/\s+/);
      check(column);
      if (!/^(asc|desc)$/i.test(direction)) errors.order = "Invalid sort direction";
      return { column, descending: direction.toLowerCase() === "desc" };
    });
    rows.sort((a, b) => {
      for (const key of keys) {
        const diff = compare(a[key.column] ?? null, b[key.column] ?? null);
        if (diff !== 0) return key.descending ? -diff : diff;
      }
      return a.id - b.id;
    });
  }

  const limit = query.get("limit");
  if (limit) {
    const match = /^(\d+)(?:,(\d+))?$/.exec(limit.trim());
    if (!match) errors.limit = "Invalid limit, expected offset,count";
    else {
      const [offset, count] =
        match[2] === undefined ? [0, Number(match[1])] : [Number(match[1]), Number(match[2])];
      rows = rows.slice(offset, offset + count);
    }
  }

  const select = query.get("select");
  const columns = select
    ? select
        .split(",")
        .map((column) => column.trim())
        .filter(Boolean)
    : undefined;
  columns?.forEach(check);
  if (Object.keys(errors).length > 0) return { errors };
  return {
    rows: rows.map((row) =>
      columns ? Object.fromEntries(columns.map((column) => [column, row[column] ?? null])) : { ...row },
    ),
  };
}

function matches(value: SimValue, wanted: string): boolean {
  return (value === null ? "" : String(value)).trim().toLowerCase() === wanted.trim().toLowerCase();
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** Numeric columns sort numerically even when stored as the posted text ("10" after "9"). */
function compare(a: SimValue, b: SimValue): number {
  if (NUMERIC.test(String(a ?? "")) && NUMERIC.test(String(b ?? ""))) return Number(a) - Number(b);
  return String(a ?? "").localeCompare(String(b ?? ""), "da");
}
