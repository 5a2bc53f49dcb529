/** The merchant-facing message a job's `lastError` carries, if any. */
export function errorMessage(lastError: unknown): string | null {
  if (typeof lastError !== "object" || lastError === null || Array.isArray(lastError)) return null;
  const message = (lastError as { message?: unknown }).message;
  return typeof message === "string" ? message : null;
}
