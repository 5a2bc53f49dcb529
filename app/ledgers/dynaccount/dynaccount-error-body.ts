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

const AUTH_FIELDS = new Set(["api_id", "api_key", "api_secret", "hash", "x_hash", "auth"]);
const CONFLICT = /already exists|already invoiced|already booked|duplicate|not unique|findes allerede/i;

/** What a body says: the fields at fault (last path part), the words, a credential field, a duplicate. */
export interface DynaccountErrorReading {
  fields: string[];
  reason: string;
  authField: string | undefined;
  conflict: boolean;
}

export function readDynaccountErrorBody(body: unknown): DynaccountErrorReading {
  const parsed = dynaccountErrorBodySchema.safeParse(body);
  const errors = parsed.success ? flattenDynaccountErrors(parsed.data.error) : [];
  const fields = errors.map((e) => e.field.split(".").pop() ?? e.field);
  return {
    fields,
    reason: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
    authField: fields.find((field) => AUTH_FIELDS.has(field)),
    conflict: errors.some((e) => CONFLICT.test(e.message)),
  };
}
