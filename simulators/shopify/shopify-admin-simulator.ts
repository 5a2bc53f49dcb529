import { z } from "zod";
import { startSimulator, type RunningSimulator } from "../kit/simulator-server";
import { SimRouter, type SimResponse } from "../kit/router";
import {
  flattenFields,
  GraphqlSyntaxError,
  parseGraphql,
  type FieldNode,
  type GraphqlDocument,
  type SelectionNode,
} from "./graphql-document";
import {
  actualCost,
  fieldArgs,
  projectConnection,
  projectField,
  projectObject,
  requestedCost,
  type ExecutionContext,
} from "./execute-selection";
import { adminDocumentErrors, knownAdminSchemaVersion } from "./admin-schema";
import { LeakyBucket, type ThrottleStatus } from "./leaky-bucket";
import { filterBalanceTransactions, filterPayouts, type PaymentsAccount } from "./payments-account";
import type { Json } from "./rest-to-graphql";
import { ShopifyStore, type StoredOrder } from "./shopify-store";
import { ShopifyOAuthGrants, type OAuthGrantsOptions } from "./oauth-token-grants";

/**
 * A local Shopify Admin API: `POST /admin/api/:version/graphql.json` answering the app's queries
 * from a `ShopifyStore`, with Shopify's cost accounting (requested cost checked against a leaky
 * bucket, `extensions.cost` on every answer, THROTTLED / MAX_COST_EXCEEDED errors) and bulk
 * operations whose JSONL result is downloaded from this same server.
 */

export interface ShopifyAdminSimulatorOptions {
  store?: ShopifyStore;
  accessToken?: string;
  bucket?: { maximumAvailable: number; restoreRate: number };
  maxQueryCost?: number;
  /** How long a bulk operation stays RUNNING before it completes. */
  bulkDurationMs?: number;
  /** Shopify Payments; a shop without it answers `shopifyPaymentsAccount: null`. */
  payments?: PaymentsAccount;
  /**
   * The app's access scopes as `app { requestedAccessScopes optionalAccessScopes installation {
   * accessScopes } }` answers them (what the library's scopes API reads). Mutable: a test grants
   * an optional scope by adding it to `granted`. Default: the OAuth grant's scopes, none optional.
   */
  accessScopes?: { requested: string[]; optional: string[]; granted: string[] };
  /** The token endpoint (token exchange, refresh); the Admin API then also takes the tokens it issues. */
  oauth?: OAuthGrantsOptions;
}

interface BulkOperation {
  __typename: "BulkOperation";
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED";
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: null;
  query: string;
  type: "QUERY";
  completesAt: number;
  jsonl: string;
}

export interface ShopifyAdminSimulator {
  url: string;
  graphqlUrl(apiVersion?: string): string;
  store: ShopifyStore;
  /** Present when started with `oauth`. */
  oauth: ShopifyOAuthGrants | undefined;
  bucket: LeakyBucket;
  server: RunningSimulator;
  /** Every GraphQL operation answered: name, requested cost, and whether it was throttled. */
  operations: Array<{ name: string | undefined; requestedCost: number; throttled: boolean }>;
  close(): Promise<void>;
}

const requestBody = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const MUTATION_COST = 10;

function graphqlError(message: string, code: string, extra: Json = {}): Json {
  return { message, extensions: { code, ...extra } };
}

/** `updated_at:>='2026-01-01T00:00:00Z' financial_status:paid` → a predicate on stored orders. */
export function orderSearchFilter(query: string | undefined): (order: StoredOrder) => boolean {
  if (!query) return () => true;
  const terms = [...query.matchAll(/(\w+):(>=|<=|>|<)?'?([^'\s]+)'?/g)];
  return (order) =>
    terms.every(([, field, op, value]) => {
      const o = order.graphql;
      if (field === "financial_status")
        return String(o.displayFinancialStatus).toLowerCase() === value?.toLowerCase();
      if (field === "updated_at" || field === "created_at") {
        const at = Date.parse(String(field === "updated_at" ? o.updatedAt : o.createdAt));
        const bound = Date.parse(value ?? "");
        if (op === ">=") return at >= bound;
        if (op === ">") return at > bound;
        if (op === "<=") return at <= bound;
        if (op === "<") return at < bound;
        return at === bound;
      }
      return true;
    });
}

function connectionDepth(
  selections: readonly SelectionNode[],
  document: GraphqlDocument,
): { count: number; depth: number } {
  let count = 0;
  let depth = 0;
  for (const field of flattenFields(selections, document, undefined)) {
    if (!field.selections) continue;
    const sub = flattenFields(field.selections, document, undefined);
    const isConnection = sub.some((f) => f.name === "edges" || f.name === "nodes");
    const inner = connectionDepth(field.selections, document);
    count += inner.count + (isConnection ? 1 : 0);
    depth = Math.max(depth, inner.depth + (isConnection ? 1 : 0));
  }
  return { count, depth };
}

function nodeSelections(field: FieldNode, document: GraphqlDocument): readonly SelectionNode[] {
  const sub = flattenFields(field.selections ?? [], document, undefined);
  const nodes = sub.find((f) => f.name === "nodes");
  if (nodes) return nodes.selections ?? [];
  const edges = sub.find((f) => f.name === "edges");
  const node = flattenFields(edges?.selections ?? [], document, undefined).find((f) => f.name === "node");
  return node?.selections ?? [];
}

/** One JSONL line per object; nested connection nodes become their own lines with `__parentId`. */
function bulkLines(
  value: Json,
  selections: readonly SelectionNode[],
  context: ExecutionContext,
  parentId: string | undefined,
  out: Json[],
): void {
  const fields = flattenFields(selections, context.document, undefined);
  const connections = fields.filter((f) =>
    flattenFields(f.selections ?? [], context.document, undefined).some(
      (s) => s.name === "edges" || s.name === "nodes",
    ),
  );
  const plain = fields.filter((f) => !connections.includes(f));
  const line = projectObject(value, plain, context);
  out.push(parentId ? { ...line, __parentId: parentId } : line);
  for (const connection of connections) {
    const items = value[connection.name];
    for (const item of Array.isArray(items) ? items : []) {
      if (item && typeof item === "object") {
        bulkLines(item as Json, nodeSelections(connection, context.document), context, String(value.id), out);
      }
    }
  }
}

export async function startShopifyAdminSimulator(
  options: ShopifyAdminSimulatorOptions = {},
): Promise<ShopifyAdminSimulator> {
  const store = options.store ?? new ShopifyStore();
  const accessToken = options.accessToken ?? "shpat_simulator";
  const oauth = options.oauth ? new ShopifyOAuthGrants(options.oauth) : undefined;
  const bucket = new LeakyBucket(options.bucket?.maximumAvailable ?? 1000, options.bucket?.restoreRate ?? 50);
  const maxQueryCost = options.maxQueryCost ?? 1000;
  const bulkOperations: BulkOperation[] = [];
  const operations: ShopifyAdminSimulator["operations"] = [];
  let baseUrl = "";
  let bulkSequence = 0;

  const costExtension = (requested: number, actual: number | null, status: ThrottleStatus) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status },
  });

  function refreshBulk(operation: BulkOperation): BulkOperation {
    if (operation.status !== "COMPLETED" && Date.now() >= operation.completesAt) {
      operation.status = "COMPLETED";
      operation.completedAt = new Date().toISOString();
      operation.url = `${baseUrl}/bulk-results/${encodeURIComponent(operation.id.split("/").pop() ?? "")}.jsonl`;
    } else if (operation.status === "CREATED") {
      operation.status = "RUNNING";
    }
    return operation;
  }

  function runBulkQuery(query: string): Json {
    let document: GraphqlDocument;
    try {
      document = parseGraphql(query);
    } catch (error) {
      return {
        bulkOperation: null,
        userErrors: [
          { field: ["query"], message: `Invalid bulk query: ${(error as Error).message}`, code: "INVALID" },
        ],
      };
    }
    const invalid = adminDocumentErrors(query);
    if (invalid.length > 0) {
      return {
        bulkOperation: null,
        userErrors: [
          { field: ["query"], message: `Invalid bulk query: ${invalid.join("; ")}`, code: "INVALID" },
        ],
      };
    }
    const operation = document.operations[0];
    const root = operation ? flattenFields(operation.selections, document, undefined) : [];
    const { count, depth } = operation
      ? connectionDepth(operation.selections, document)
      : { count: 0, depth: 0 };
    const problem =
      count === 0
        ? "Bulk queries must contain at least one connection."
        : count > 5
          ? "Bulk queries cannot contain more than 5 connections."
          : depth > 2
            ? "Bulk queries cannot contain connections with a nesting depth greater than 2."
            : root.length !== 1 || root[0]?.name !== "orders"
              ? "The simulator runs bulk queries over the orders connection only."
              : undefined;
    if (problem || !root[0])
      return { bulkOperation: null, userErrors: [{ field: ["query"], message: problem, code: "INVALID" }] };
    const running = bulkOperations.filter((b) => refreshBulk(b).status !== "COMPLETED");
    if (running.length >= 5) {
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: null,
            message: "A bulk query operation for this app and shop is already in progress.",
            code: "OPERATION_IN_PROGRESS",
          },
        ],
      };
    }
    const context: ExecutionContext = { document, variables: {} };
    const ordersField = root[0];
    const filter = orderSearchFilter(fieldArgs(ordersField, context).query as string | undefined);
    const lines: Json[] = [];
    const orders = store.sortedByUpdatedAt().filter(filter);
    for (const order of orders)
      bulkLines(order.graphql, nodeSelections(ordersField, document), context, undefined, lines);
    const jsonl = lines.map((line) => JSON.stringify(line)).join("\n") + (lines.length ? "\n" : "");
    bulkSequence += 1;
    const bulk: BulkOperation = {
      __typename: "BulkOperation",
      id: `gid://shopify/BulkOperation/${bulkSequence}`,
      status: "CREATED",
      errorCode: null,
      createdAt: new Date().toISOString(),
      completedAt: null,
      objectCount: String(lines.length),
      rootObjectCount: String(orders.length),
      fileSize: String(Buffer.byteLength(jsonl)),
      url: null,
      partialDataUrl: null,
      query,
      type: "QUERY",
      completesAt: Date.now() + (options.bulkDurationMs ?? 30),
      jsonl,
    };
    bulkOperations.push(bulk);
    return { bulkOperation: bulk, userErrors: [] };
  }

  function resolveRoot(field: FieldNode, context: ExecutionContext, mutation: boolean): unknown {
    const args = fieldArgs(field, context);
    if (mutation) {
      if (field.name === "bulkOperationRunQuery")
        return projectField(runBulkQuery(String(args.query ?? "")), field, context);
      throw new GraphqlSyntaxError(`Field '${field.name}' doesn't exist on type 'Mutation'`);
    }
    switch (field.name) {
      case "order":
        return projectField(store.find(String(args.id))?.graphql ?? null, field, context);
      case "orders": {
        let orders = store.sortedByUpdatedAt().filter(orderSearchFilter(args.query as string | undefined));
        if (args.reverse === true) orders = orders.reverse();
        return projectConnection(
          orders.map((o) => o.graphql),
          field,
          context,
        );
      }
      case "refund": {
        const refund = store.orders
          .flatMap((o) => (Array.isArray(o.graphql.refunds) ? (o.graphql.refunds as Json[]) : []))
          .find((r) => r.id === args.id);
        return projectField(refund ?? null, field, context);
      }
      case "node": {
        const id = String(args.id);
        const bulk = bulkOperations.find((b) => b.id === id);
        const found = bulk ? refreshBulk(bulk) : (store.find(id)?.graphql ?? null);
        return projectField(found, field, context);
      }
      case "shopifyPaymentsAccount": {
        const payments = options.payments;
        if (!payments) return null;
        // The search filters live on the nested connections; resolve them here, page in projection.
        const account: Json = {
          id: "gid://shopify/ShopifyPaymentsAccount/1",
          defaultCurrency: payments.currency,
        };
        for (const sub of flattenFields(field.selections ?? [], context.document, undefined)) {
          const subArgs = fieldArgs(sub, context);
          if (sub.name === "payouts") account.payouts = filterPayouts(payments.payouts, subArgs.query);
          if (sub.name === "balanceTransactions")
            account.balanceTransactions = filterBalanceTransactions(
              payments.balanceTransactions,
              subArgs.query,
            );
        }
        return projectField(account, field, context);
      }
      case "app": {
        const scopes = options.accessScopes ?? {
          requested: (options.oauth?.scopes ?? "read_orders").split(","),
          optional: [],
          granted: (options.oauth?.scopes ?? "read_orders").split(","),
        };
        const handles = (list: string[]) => list.map((handle) => ({ handle: handle.trim() }));
        const app: Json = {
          id: "gid://shopify/App/1",
          requestedAccessScopes: handles(scopes.requested),
          optionalAccessScopes: handles(scopes.optional),
          installation: { id: "gid://shopify/AppInstallation/1", accessScopes: handles(scopes.granted) },
        };
        return projectField(app, field, context);
      }
      case "currentBulkOperation": {
        const latest = bulkOperations[bulkOperations.length - 1];
        return projectField(latest ? refreshBulk(latest) : null, field, context);
      }
      default:
        throw new GraphqlSyntaxError(`Field '${field.name}' doesn't exist on type 'QueryRoot'`);
    }
  }

  function handleGraphql(body: unknown, version: string): SimResponse {
    const parsed = requestBody.safeParse(body);
    if (!parsed.success)
      return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    let document: GraphqlDocument;
    try {
      document = parseGraphql(parsed.data.query);
    } catch (error) {
      return {
        status: 200,
        body: { errors: [graphqlError((error as Error).message, "GRAPHQL_PARSE_FAILED")] },
      };
    }
    // Shopify checks every document against the schema of the version in the URL before running
    // any of it: one unknown field fails the whole query.
    const invalid = adminDocumentErrors(parsed.data.query, knownAdminSchemaVersion(version));
    if (invalid.length > 0) {
      return {
        status: 200,
        body: { errors: invalid.map((message) => graphqlError(message, "GRAPHQL_VALIDATION_FAILED")) },
      };
    }
    const operation = parsed.data.operationName
      ? document.operations.find((o) => o.name === parsed.data.operationName)
      : document.operations[0];
    if (!operation)
      return { status: 200, body: { errors: [graphqlError("No operation to run", "OPERATION_NOT_FOUND")] } };
    const context: ExecutionContext = { document, variables: parsed.data.variables ?? {} };
    const mutation = operation.operation === "mutation";
    const requested = mutation ? MUTATION_COST : requestedCost(operation.selections, context);

    if (requested > maxQueryCost) {
      operations.push({ name: operation.name, requestedCost: requested, throttled: false });
      return {
        status: 200,
        body: {
          errors: [
            graphqlError(
              `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`,
              "MAX_COST_EXCEEDED",
              { cost: requested, maxCost: maxQueryCost },
            ),
          ],
          extensions: costExtension(requested, null, bucket.status()),
        },
      };
    }
    if (!bucket.take(requested)) {
      operations.push({ name: operation.name, requestedCost: requested, throttled: true });
      return {
        status: 200,
        body: {
          errors: [
            graphqlError("Throttled", "THROTTLED", {
              documentation: "https://shopify.dev/api/usage/rate-limits",
            }),
          ],
          extensions: costExtension(requested, null, bucket.status()),
        },
      };
    }
    operations.push({ name: operation.name, requestedCost: requested, throttled: false });
    try {
      const data: Json = {};
      for (const field of flattenFields(operation.selections, document, undefined)) {
        data[field.alias ?? field.name] = resolveRoot(field, context, mutation);
      }
      const actual = mutation ? MUTATION_COST : Math.min(requested, actualCost(data));
      bucket.giveBack(requested - actual);
      return { status: 200, body: { data, extensions: costExtension(requested, actual, bucket.status()) } };
    } catch (error) {
      bucket.giveBack(requested);
      if (!(error instanceof GraphqlSyntaxError)) throw error;
      return { status: 200, body: { errors: [graphqlError(error.message, "undefinedField")] } };
    }
  }

  const router = new SimRouter()
    .on("POST", "/admin/oauth/access_token", (request) =>
      oauth ? oauth.handle(request) : { status: 404, body: { errors: "Not Found" } },
    )
    .on("POST", "/admin/api/:version/graphql.json", (request) =>
      handleGraphql(request.json(), request.params.version ?? ""),
    )
    .on("GET", "/bulk-results/:file", (request) => {
      const id = `gid://shopify/BulkOperation/${request.params.file?.replace(/\.jsonl$/, "")}`;
      const bulk = bulkOperations.find((b) => b.id === id && b.status === "COMPLETED");
      if (!bulk) return { status: 404, body: "NoSuchKey" };
      return { status: 200, headers: { "content-type": "application/jsonl" }, body: bulk.jsonl };
    });

  const server = await startSimulator({
    name: "shopify-admin",
    router,
    errors: {
      notFound: () => ({ status: 404, body: { errors: "Not Found" } }),
      rateLimited: (seconds) => ({
        status: 429,
        headers: { "retry-after": String(seconds) },
        body: {
          errors:
            "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
        },
      }),
      serverError: () => ({ status: 502, body: { errors: "Bad Gateway" } }),
      badJson: () => ({ status: 400, body: { errors: { query: "Required parameter missing or invalid" } } }),
    },
    authenticate: (request) => {
      if (request.path.startsWith("/bulk-results/") || request.path === "/admin/oauth/access_token")
        return undefined;
      const token = request.header("x-shopify-access-token");
      if (token === accessToken || oauth?.acceptsAccessToken(token)) return undefined;
      return {
        status: 401,
        body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
      };
    },
  });
  baseUrl = server.url;

  return {
    url: server.url,
    graphqlUrl: (apiVersion = "2026-10") => `${server.url}/admin/api/${apiVersion}/graphql.json`,
    store,
    oauth,
    bucket,
    server,
    operations,
    close: () => server.close(),
  };
}
