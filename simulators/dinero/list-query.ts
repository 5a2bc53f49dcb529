import type { ValidationIssue } from "./dinero-error-bodies";

/**
 * Dinero's list-endpoint query language as the spec documents it: `queryFilter` conditions of the
 * form `<Field> <eq|contains> '<value>'`, AND-joined with `;`, matched case-insensitively; a bare
 * term is a 400. `fields` picks properties case-insensitively and echoes the caller's spelling.
 */

export interface FilterCondition {
  field: string;
  operator: "eq" | "contains";
  value: string;
}

export type ParsedFilter =
  { ok: true; conditions: FilterCondition[] } | { ok: false; issue: ValidationIssue };

export function parseQueryFilter(raw: string | null, allowedFields: readonly string[]): ParsedFilter {
  if (raw === null || raw.trim() === "") return { ok: true, conditions: [] };
  const conditions: FilterCondition[] = [];
  for (const part of splitOutsideQuotes(raw)) {
    const match = /^\s*([A-Za-z]+)\s+(eq|contains)\s+'((?:[^']|'')*)'\s*$/i.exec(part);
    if (!match)
      return {
        ok: false,
        issue: {
          property: "queryFilter",
          message: `The filter '${part.trim()}' is not valid. Use <Field> eq '<value>'.`,
        },
      };
    const [, field = "", operator = "", value = ""] = match;
    const canonical = allowedFields.find((name) => name.toLowerCase() === field.toLowerCase());
    if (!canonical) {
      return {
        ok: false,
        issue: {
          property: "queryFilter",
          message: `Filtering on '${field}' is not supported. Allowed: ${allowedFields.join(", ")}.`,
        },
      };
    }
    conditions.push({
      field: canonical,
      operator: operator.toLowerCase() as "eq" | "contains",
      value: value.replace(/''/g, "'"),
    });
  }
  return { ok: true, conditions };
}

export function matchesFilter(item: Record<string, unknown>, conditions: FilterCondition[]): boolean {
  return conditions.every(({ field, operator, value }) => {
    const actual = item[field];
    if (actual === null || actual === undefined) return false;
    const text = String(actual).toLowerCase();
    const wanted = value.toLowerCase();
    return operator === "eq" ? text === wanted : text.includes(wanted);
  });
}

function splitOutsideQuotes(raw: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of raw) {
    if (char === "'") quoted = !quoted;
    if (char === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.filter((part) => part.trim().length > 0);
}

/** Projects a full read model onto the requested fields, keeping the caller's spelling. */
export function selectFields(
  item: Record<string, unknown>,
  fields: string | null,
  defaults: string,
): Record<string, unknown> {
  const requested = (fields && fields.trim() !== "" ? fields : defaults)
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const byLower = new Map(Object.keys(item).map((key) => [key.toLowerCase(), key]));
  const out: Record<string, unknown> = {};
  for (const name of requested) {
    const key = byLower.get(name.toLowerCase());
    if (key !== undefined) out[name] = item[key];
  }
  return out;
}

export const MAX_PAGE_SIZE = 1000;

export function paginate<T>(items: T[], query: URLSearchParams, totalWithoutFilter: number) {
  const page = Math.max(0, Number.parseInt(query.get("page") ?? "0", 10) || 0);
  const pageSize = Math.min(
    MAX_PAGE_SIZE,
    Math.max(1, Number.parseInt(query.get("pageSize") ?? "100", 10) || 100),
  );
  const slice = items.slice(page * pageSize, page * pageSize + pageSize);
  return {
    slice,
    pagination: {
      MaxPageSizeAllowed: MAX_PAGE_SIZE,
      PageSize: pageSize,
      Result: items.length,
      ResultWithoutFilter: totalWithoutFilter,
      Page: page,
    },
  };
}
