import { z } from "zod";
import type { AdminGraphqlClient } from "./admin-graphql-client";
import { shopifyAdminError } from "./admin-graphql-errors";
import { readJsonLines } from "./jsonl-lines";

/**
 * Historical import through a bulk operation (fact sheet §4.3): start `bulkOperationRunQuery`,
 * poll `node(id:)` until it completes, then stream the JSONL result. Bulk queries take no
 * variables, so the search string is embedded; connections are `edges { node }` and nested ones
 * come back as separate lines carrying `__parentId`.
 */

export function bulkOrdersQuery(createdSince: Date): string {
  const search = `created_at:>='${createdSince.toISOString()}'`;
  return `{
  orders(query: ${JSON.stringify(search)}) {
    edges { node {
      id name createdAt updatedAt currencyCode presentmentCurrencyCode taxesIncluded displayFinancialStatus
      totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } }
      billingAddress { company name address1 zip city countryCodeV2 }
      lineItems { edges { node {
        id sku name quantity
        originalUnitPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        taxLines { title rate priceSet { shopMoney { amount currencyCode } } }
        discountAllocations { allocatedAmountSet { shopMoney { amount currencyCode } } }
      } } }
    } }
  }
}`;
}

export const BULK_RUN = `#graphql
mutation BulkOperationRunQuery($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

export const BULK_POLL = `#graphql
query BulkOperationStatus($id: ID!) {
  node(id: $id) {
    ... on BulkOperation { id status errorCode objectCount rootObjectCount url partialDataUrl }
  }
}`;

const runResult = z.object({
  bulkOperationRunQuery: z.object({
    bulkOperation: z.object({ id: z.string(), status: z.string() }).nullish(),
    userErrors: z.array(z.object({ message: z.string(), code: z.string().nullish() })),
  }),
});
const bulkStatus = z.object({
  id: z.string(),
  status: z.string(),
  errorCode: z.string().nullish(),
  objectCount: z.string().nullish(),
  rootObjectCount: z.string().nullish(),
  url: z.string().nullish(),
  partialDataUrl: z.string().nullish(),
});
export type BulkOperationStatus = z.infer<typeof bulkStatus>;
const pollResult = z.object({ node: bulkStatus.nullable() });

export async function startBulkQuery(client: AdminGraphqlClient, query: string): Promise<string> {
  const result = await client.request(BULK_RUN, { query }, runResult);
  const { bulkOperation, userErrors } = result.bulkOperationRunQuery;
  if (userErrors.length > 0 || !bulkOperation) {
    const busy = userErrors.some((e) => e.code === "OPERATION_IN_PROGRESS");
    throw shopifyAdminError(
      "bulkOperation",
      userErrors.map((e) => e.message).join("; ") || "no bulk operation",
      busy,
    );
  }
  return bulkOperation.id;
}

export async function waitForBulkOperation(
  client: AdminGraphqlClient,
  id: string,
  options: { intervalMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<BulkOperationStatus> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const { node } = await client.request(BULK_POLL, { id }, pollResult);
    if (!node) throw shopifyAdminError("bulkOperation", `bulk operation ${id} not found`, false);
    if (node.status === "COMPLETED") return node;
    if (["FAILED", "CANCELED", "CANCELLED", "EXPIRED"].includes(node.status)) {
      throw shopifyAdminError(
        "bulkOperation",
        `bulk operation ${id} ${node.status} (${node.errorCode ?? "no code"})`,
        node.errorCode === "INTERNAL_SERVER_ERROR",
      );
    }
    if (Date.now() > deadline)
      throw shopifyAdminError("bulkOperation", `bulk operation ${id} still ${node.status}`, true);
    await sleep(options.intervalMs ?? 2000);
  }
}

type Json = Record<string, unknown>;
export interface BulkRecord {
  object: Json;
  /** Child lines by the connection they came from, recognised by their GID type (`LineItem` → `lineItems`). */
  children: Record<string, Json[]>;
}

function connectionName(gid: unknown): string {
  const type =
    typeof gid === "string" ? (/^gid:\/\/shopify\/(\w+)\//.exec(gid)?.[1] ?? "children") : "children";
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}s`;
}

/**
 * Streams a completed bulk result and rebuilds parents with their children. Shopify writes a
 * parent before its children, so a record is complete when the next top-level line arrives.
 */
export async function* readBulkRecords(
  url: string,
  fetchImpl: typeof fetch = fetch,
): AsyncGenerator<BulkRecord> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) {
    throw shopifyAdminError(
      "bulkOperation",
      `bulk result download answered HTTP ${response.status}`,
      response.status >= 500,
    );
  }
  let current: BulkRecord | undefined;
  for await (const line of readJsonLines(response.body)) {
    if (!line || typeof line !== "object") continue;
    const { __parentId: parentId, ...object } = line as Json;
    if (parentId === undefined) {
      if (current) yield current;
      current = { object, children: {} };
      continue;
    }
    if (!current || current.object.id !== parentId) {
      throw shopifyAdminError(
        "invalidResponse",
        `bulk line with __parentId ${String(parentId)} outside its parent`,
        false,
      );
    }
    const key = connectionName(object.id);
    (current.children[key] ??= []).push(object);
  }
  if (current) yield current;
}
