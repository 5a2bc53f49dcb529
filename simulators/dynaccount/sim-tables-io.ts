import { runQuery } from "./sim-query";
import type { DynaccountSimState, SimRow, SimValue } from "./sim-store";
import { TABLE_SPECS, type TableSpec, type Values } from "./sim-tables";
import { isBlank, text, type FieldErrors } from "./sim-values";

/** get / put / insert_bulk / delete on the simulated tables, answering in Dynaccount's shapes. */

export type IoOutcome =
  | { rows: Array<Record<string, SimValue>> }
  | { status: number; errors: FieldErrors | Record<string, FieldErrors> };

export function getRows(
  state: DynaccountSimState,
  table: string,
  id: string | undefined,
  query: URLSearchParams,
): IoOutcome {
  if (!state.hasTable(table)) return unknownTable(table);
  const store = state.table(table);
  const spec = TABLE_SPECS[table];
  const known = new Set<string>([
    ...(spec?.writable ?? []),
    ...(spec?.readOnly ?? []),
    ...store.rows.flatMap((row) => Object.keys(row)),
  ]);
  if (id !== undefined && !/^\d+$/.test(id)) return { status: 400, errors: { id: "Invalid id" } };
  const outcome = runQuery(store, known, id === undefined ? undefined : Number(id), query);
  return "errors" in outcome ? { status: 400, errors: outcome.errors } : outcome;
}

export function putRow(
  state: DynaccountSimState,
  table: string,
  id: string | undefined,
  form: URLSearchParams,
): IoOutcome {
  if (!state.hasTable(table)) return unknownTable(table);
  const spec = TABLE_SPECS[table];
  if (!spec) return readOnlyTable(table);
  const values: Values = {};
  for (const [key, value] of form) values[key] = value;
  const existing = id === undefined || Number(id) === 0 ? undefined : state.table(table).byId(Number(id));
  if (id !== undefined && Number(id) !== 0 && !existing)
    return { status: 404, errors: { id: `No ${table} with id ${id}` } };
  const prepared = prepareRow(state, spec, table, values, existing);
  if ("errors" in prepared) return { status: 400, errors: prepared.errors };
  return { rows: [{ ...write(state, spec, table, prepared.row, existing) }] };
}

/** All rows are validated first; one invalid row rejects the whole request, errors keyed by line. */
export function insertBulk(state: DynaccountSimState, table: string, form: URLSearchParams): IoOutcome {
  if (!state.hasTable(table)) return unknownTable(table);
  const spec = TABLE_SPECS[table];
  if (!spec) return readOnlyTable(table);
  const rows: Values[] = [];
  const malformed: FieldErrors = {};
  for (const [key, value] of form) {
    const match = /^([a-z0-9_]+)\[(\d+)\]$/.exec(key);
    if (!match) {
      malformed[key] = "Expected column arrays: column[line]=value";
      continue;
    }
    const line = Number(match[2]);
    if (line > 1000) {
      malformed[key] = "At most 1000 lines per request";
      continue;
    }
    (rows[line] ??= {})[match[1] as string] = value;
  }
  if (Object.keys(malformed).length > 0) return { status: 400, errors: malformed };
  if (rows.length === 0) return { status: 400, errors: { rows: "No rows to insert" } };

  const prepared: Values[] = [];
  const errors: Record<string, FieldErrors> = {};
  rows.forEach((values, line) => {
    const outcome = prepareRow(state, spec, table, values ?? {}, undefined);
    if ("errors" in outcome) errors[String(line)] = outcome.errors;
    else prepared.push(outcome.row);
  });
  if (Object.keys(errors).length > 0) return { status: 400, errors };
  return { rows: prepared.map((row) => ({ ...write(state, spec, table, row, undefined) })) };
}

export function deleteRow(state: DynaccountSimState, table: string, id: string | undefined): IoOutcome {
  if (!state.hasTable(table)) return unknownTable(table);
  const spec = TABLE_SPECS[table];
  if (!spec) return readOnlyTable(table);
  const row = id === undefined ? undefined : state.table(table).byId(Number(id));
  if (!row) return { status: 404, errors: { id: `No ${table} with id ${id ?? ""}` } };
  const errors = spec.beforeDelete?.(row, state) ?? {};
  if (Object.keys(errors).length > 0) return { status: 400, errors };
  state.table(table).remove(row.id);
  spec.afterDelete?.(row, state);
  return { rows: [{ id: row.id }] };
}

function prepareRow(
  state: DynaccountSimState,
  spec: TableSpec,
  table: string,
  values: Values,
  existing: SimRow | undefined,
): { row: Values } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const column of Object.keys(values)) {
    if (spec.readOnly.includes(column)) errors[column] = "The column is read-only";
    else if (!spec.writable.includes(column)) errors[column] = "Unknown column";
  }
  const row: Values = { ...(existing ?? {}), ...values };
  for (const column of spec.required) {
    if (isBlank(row[column])) errors[column] ??= "Required";
  }
  for (const column of spec.unique ?? []) {
    const clash = state
      .table(table)
      .where(column, row[column] ?? null)
      .find((other) => other.id !== existing?.id);
    if (clash && !isBlank(row[column]))
      errors[column] ??= `${text(row[column])} already exists (id ${clash.id})`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const ruleErrors = spec.prepare(row, state, existing);
  return Object.keys(ruleErrors).length > 0 ? { errors: ruleErrors } : { row };
}

function write(
  state: DynaccountSimState,
  spec: TableSpec,
  table: string,
  row: Values,
  existing: SimRow | undefined,
): SimRow {
  let stored: SimRow;
  if (existing) {
    Object.assign(existing, row, { id: existing.id });
    stored = existing;
  } else {
    // Unsent writable columns exist as empty strings, as in a GET of a real row.
    const values: Values = Object.fromEntries(spec.writable.map((column) => [column, ""]));
    Object.assign(values, row);
    delete values.id;
    stored = state.table(table).insert(values);
  }
  spec.afterWrite?.(stored, state);
  return stored;
}

function unknownTable(table: string): IoOutcome {
  return { status: 404, errors: { table: `Unknown table "${table}"` } };
}

function readOnlyTable(table: string): IoOutcome {
  return { status: 400, errors: { table: `Table "${table}" cannot be written through the simulator` } };
}
