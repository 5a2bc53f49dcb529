/** A wrong command line: printed as-is, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
