import { z } from "zod";

/**
 * Dynaccount reports errors as `{"error": {<field>: <message>}}` (bulk inserts:
 * `{"error": {<line>: {<field>: <message>}}}`); public sources document no status codes, so the
 * body is read even on a 200.
 */

const errorValueSchema: z.ZodType<unknown> = z.union([
  z.string(),
  z.number(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const dynaccountErrorBodySchema = z.object({ error: errorValueSchema });

export interface DynaccountFieldError {
  /** Field path, e.g. `name` or `2.product_id_` for line 2 of a bulk insert. */
  field: string;
  message: string;
}

/** Flattens the nested error object into field/message pairs, like the official library does. */
export function flattenDynaccountErrors(error: unknown, prefix = ""): DynaccountFieldError[] {
  if (typeof error === "string" || typeof error === "number") {
    return [{ field: prefix || "error", message: String(error) }];
  }
  if (Array.isArray(error)) return error.flatMap((item) => flattenDynaccountErrors(item, prefix));
  if (error && typeof error === "object") {
    return Object.entries(error).flatMap(([key, value]) =>
      flattenDynaccountErrors(value, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [];
}
