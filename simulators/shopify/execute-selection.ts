import {
  flattenFields,
  resolveValue,
  type FieldNode,
  type GraphqlDocument,
  type SelectionNode,
} from "./graphql-document";

/**
 * Answers a selection set from stored objects. Stored connections may be plain arrays or
 * `{ nodes }`; a field selecting `nodes`/`edges`/`pageInfo` is answered as a cursor connection
 * honouring `first`/`after`, any other list field as a list cut to `first`.
 */

type Json = Record<string, unknown>;

export interface ExecutionContext {
  document: GraphqlDocument;
  variables: Record<string, unknown>;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function storedItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.nodes)) return value.nodes;
  if (isObject(value) && Array.isArray(value.edges)) {
    return value.edges.map((edge) => (isObject(edge) ? edge.node : null));
  }
  return undefined;
}

export function fieldArgs(field: FieldNode, context: ExecutionContext): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(field.args).map(([name, value]) => [name, resolveValue(value, context.variables)]),
  );
}

export function encodeCursor(index: number): string {
  return Buffer.from(`cursor:${index}`).toString("base64");
}

function decodeCursor(cursor: unknown): number {
  if (typeof cursor !== "string") return -1;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : -1;
}

const isConnectionSelection = (fields: FieldNode[]) =>
  fields.some((f) => f.name === "nodes" || f.name === "edges" || f.name === "pageInfo");

export function projectObject(
  value: Json,
  selections: readonly SelectionNode[],
  context: ExecutionContext,
): Json {
  const typename = typeof value.__typename === "string" ? value.__typename : undefined;
  const out: Json = {};
  for (const field of flattenFields(selections, context.document, typename)) {
    const key = field.alias ?? field.name;
    if (field.name === "__typename") {
      out[key] = typename ?? null;
      continue;
    }
    if (field.optional && !(field.name in value)) continue;
    out[key] = projectField(value[field.name], field, context);
  }
  return out;
}

export function projectField(raw: unknown, field: FieldNode, context: ExecutionContext): unknown {
  if (raw === null || raw === undefined) return null;
  if (!field.selections) return raw;
  const items = storedItems(raw);
  if (items === undefined) return isObject(raw) ? projectObject(raw, field.selections, context) : null;
  const fields = flattenFields(field.selections, context.document, undefined);
  if (isConnectionSelection(fields)) return projectConnection(items, field, context);
  const first = fieldArgs(field, context).first;
  const cut = typeof first === "number" ? items.slice(0, first) : items;
  return cut.map((item) => (isObject(item) ? projectObject(item, field.selections ?? [], context) : null));
}

export function projectConnection(
  items: readonly unknown[],
  field: FieldNode,
  context: ExecutionContext,
): Json {
  const args = fieldArgs(field, context);
  const start = decodeCursor(args.after) + 1;
  const first = typeof args.first === "number" ? args.first : items.length;
  const page = items.slice(start, start + first);
  const cursors = page.map((_item, i) => encodeCursor(start + i));
  const pageInfo: Json = {
    hasNextPage: start + page.length < items.length,
    hasPreviousPage: start > 0,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
  const out: Json = {};
  for (const sub of flattenFields(field.selections ?? [], context.document, undefined)) {
    const key = sub.alias ?? sub.name;
    const selections = sub.selections ?? [];
    if (sub.name === "nodes") {
      out[key] = page.map((item) => (isObject(item) ? projectObject(item, selections, context) : null));
    } else if (sub.name === "edges") {
      out[key] = page.map((item, i) =>
        projectObject({ cursor: cursors[i], node: item }, selections, context),
      );
    } else if (sub.name === "pageInfo") {
      out[key] = projectObject(pageInfo, selections, context);
    } else if (sub.name === "__typename") {
      out[key] = "Connection";
    }
  }
  return out;
}

/**
 * Requested cost after Shopify's published rules: scalars and enums 0, objects 1, a connection
 * or list with `first: n` costs 2 + n × (cost of one node). Computed before execution; the
 * bucket must hold it.
 */
export function requestedCost(selections: readonly SelectionNode[], context: ExecutionContext): number {
  let total = 0;
  for (const field of flattenFields(selections, context.document, undefined)) {
    if (!field.selections) continue;
    const args = fieldArgs(field, context);
    const size =
      typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : undefined;
    if (size === undefined) {
      total += 1 + requestedCost(field.selections, context);
      continue;
    }
    const fields = flattenFields(field.selections, context.document, undefined);
    let nodeSelections: readonly SelectionNode[] = field.selections;
    if (isConnectionSelection(fields)) {
      const nodes = fields.find((f) => f.name === "nodes");
      const edgeNode = fields
        .find((f) => f.name === "edges")
        ?.selections?.flatMap((s) => (s.kind === "field" && s.name === "node" ? (s.selections ?? []) : []));
      nodeSelections = nodes?.selections ?? edgeNode ?? [];
    }
    total += 2 + size * (1 + requestedCost(nodeSelections, context));
  }
  return total;
}

/** Actual cost: one point per object in the answer — what Shopify refunds the difference to. */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + actualCost(item), 0);
  if (!isObject(data)) return 0;
  return 1 + Object.values(data).reduce((sum: number, value) => sum + actualCost(value), 0);
}
