import { z } from "zod";
import type { JobStatus } from "../engine/job-types";
import type { TransfersQuery } from "./list-transfers.server";
import { isTransferCursor } from "./transfer-cursor";

/** The status tabs of the transfers page and the statuses each one lists. */
export const TRANSFER_TABS = {
  all: "all",
  needsAttention: ["needsAttention"],
  failed: ["failed"],
  inProgress: ["queued", "waiting", "running"],
  succeeded: ["succeeded"],
  skipped: ["skipped"],
  handled: ["handled"],
} as const satisfies Record<string, readonly JobStatus[] | "all">;

export type TransferTab = keyof typeof TRANSFER_TABS;

const tabSchema = z.enum(Object.keys(TRANSFER_TABS) as [TransferTab, ...TransferTab[]]);

/** The page's URL: ?tab=failed&kind=invoice&q=1042&cursor=a123. Anything malformed is dropped. */
export const transfersSearchSchema = z.object({
  tab: tabSchema.catch("all"),
  kind: z.enum(["invoice", "creditNote"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().refine(isTransferCursor).optional().catch(undefined),
});

export type TransfersSearch = z.infer<typeof transfersSearchSchema>;

export function parseTransfersSearch(params: URLSearchParams): TransfersSearch {
  return transfersSearchSchema.parse(Object.fromEntries(params));
}

export function toTransfersQuery(search: TransfersSearch): TransfersQuery {
  const status = TRANSFER_TABS[search.tab];
  return {
    status: status === "all" ? "all" : [...status],
    ...(search.kind ? { kind: search.kind } : {}),
    ...(search.q ? { search: search.q } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
  };
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2025-01-31");

/** What the page's buttons and forms post. */
export const transfersActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), ids: z.array(z.string().min(1).max(64)).min(1).max(500) }),
  z.object({ intent: z.literal("retryAllFailed") }),
  z.object({ intent: z.literal("markHandled"), ids: z.array(z.string().min(1).max(64)).length(1) }),
  z.object({ intent: z.literal("resume") }),
  z.object({ intent: z.literal("import"), from: day, to: day }),
]);

export type TransfersAction = z.infer<typeof transfersActionSchema>;

export function parseTransfersAction(form: FormData) {
  return transfersActionSchema.safeParse({
    intent: form.get("intent"),
    ids: form.getAll("id").map(String),
    from: form.get("from") ?? undefined,
    to: form.get("to") ?? undefined,
  });
}
