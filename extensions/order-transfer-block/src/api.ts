import { transferErrorSchema, transferStatusSchema, type TransferStatus } from "./transfer-status-contract";

/**
 * Calls to the app backend. Relative URLs resolve against the app's `app_url` and the admin adds
 * the Shopify ID token as `Authorization` automatically, so no auth handling is needed here.
 */

export class TransferApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Text from the backend that is safe to show the merchant, when it sent one. */
    readonly merchantMessage: string | undefined,
  ) {
    super(message);
    this.name = "TransferApiError";
  }
}

function orderPath(orderGid: string): string {
  return `/api/orders/${encodeURIComponent(orderGid)}`;
}

export function transferStatusUrl(orderGid: string): string {
  return `${orderPath(orderGid)}/transfer-status`;
}

export function transferUrl(orderGid: string): string {
  return `${orderPath(orderGid)}/transfer`;
}

async function failure(response: Response, what: string): Promise<TransferApiError> {
  let merchantMessage: string | undefined;
  try {
    const parsed = transferErrorSchema.safeParse(await response.json());
    merchantMessage = parsed.success ? (parsed.data.message ?? undefined) : undefined;
  } catch {
    merchantMessage = undefined;
  }
  return new TransferApiError(`${what} answered HTTP ${response.status}`, response.status, merchantMessage);
}

export async function fetchTransferStatus(orderGid: string): Promise<TransferStatus> {
  const response = await fetch(transferStatusUrl(orderGid), { headers: { accept: "application/json" } });
  if (!response.ok) throw await failure(response, "transfer-status");
  const parsed = transferStatusSchema.safeParse(await response.json());
  if (!parsed.success) {
    throw new TransferApiError("transfer-status answered an unexpected shape", response.status, undefined);
  }
  return parsed.data;
}

export async function requestTransfer(orderGid: string): Promise<void> {
  const response = await fetch(transferUrl(orderGid), {
    method: "POST",
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw await failure(response, "transfer");
}
