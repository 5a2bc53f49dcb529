/** Bodies a webhook or the WordPress plugin may send us; anything larger is refused unread. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;
export const MAX_SMALL_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body up to `limit` bytes, as the exact bytes received (signatures are over
 * them). Undefined when it is larger: the caller answers 413.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Buffer | undefined> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return undefined;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading without cancelling: cancelling destroys the socket, and the caller's 413
      // (sent with Connection: close) would never reach the client.
      reader.releaseLock();
      return undefined;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
