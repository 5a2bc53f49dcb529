import type { z } from "zod";
import { DraftError } from "../domain/draft-errors";

/** The first schema problem of a payload as a DraftError naming the field ("line_items[0].quantity"). */
export function zodToDraftError(error: z.ZodError, prefix = ""): DraftError {
  const issue = error.issues[0];
  if (!issue) return new DraftError("invalidInput", prefix || "(payload)", "invalid payload");
  const path = issue.path.reduce<string>(
    (acc, part) =>
      typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
    prefix,
  );
  return new DraftError("invalidInput", path || "(payload)", issue.message);
}
