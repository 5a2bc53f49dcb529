/**
 * Keyset cursors over a shop's jobs in enqueue order (`seq`, unique and indexed with the shop):
 * "a<seq>" reads the page of older jobs after that one, "b<seq>" the page of newer jobs before
 * it. Never an offset, so a page costs the same on the first and the thousandth page.
 */
export type TransferCursor = { direction: "after" | "before"; seq: bigint };

const CURSOR = /^([ab])(\d{1,19})$/;

export function isTransferCursor(value: string): boolean {
  return CURSOR.test(value);
}

export function decodeTransferCursor(value: string): TransferCursor {
  const match = CURSOR.exec(value);
  if (!match?.[1] || !match[2]) throw new RangeError(`not a transfers cursor: ${value}`);
  return { direction: match[1] === "a" ? "after" : "before", seq: BigInt(match[2]) };
}

export function encodeTransferCursor(direction: TransferCursor["direction"], seq: bigint | string): string {
  return `${direction === "after" ? "a" : "b"}${String(seq)}`;
}
