import { readFileSync } from "node:fs";
import { Validator, type Schema, type ValidationError } from "jsonschema";
import type { FieldError } from "./economic-sim-errors";

/**
 * Request bodies are checked against e-conomic's published draft-03 JSON Schemas (vendored
 * byte-for-byte in test/fixtures/economic/schemas/), adjusted to what the live server is known
 * to do: read-only properties are dropped rather than validated, unknown properties are ignored
 * (draft-03 allows them anyway), and explicit `null` fails as a type error. Rules the server
 * enforces beyond the schemas (line numbers ≥ 1, `maxDecimal`, product before price…) live in
 * the route handlers. Messages mimic the server's ("Invalid type. Expected String but got
 * Null.", "Integer 0 is less than minimum value of 1.").
 */

export type SchemaName =
  | "customers.post"
  | "products.post"
  | "invoices.drafts.post"
  | "invoices.booked.post"
  | "journals.journalNumber.vouchers.post";

const SCHEMA_DIR = new URL("../../test/fixtures/economic/schemas/", import.meta.url);
const cache = new Map<SchemaName, Schema>();
const validator = new Validator();

export function loadSchema(name: SchemaName): Schema {
  let schema = cache.get(name);
  if (!schema) {
    schema = JSON.parse(readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIR), "utf8")) as Schema;
    cache.set(name, schema);
  }
  return schema;
}

/** Schema file contents for GET /schema/<name>.schema.json, like restapi.e-conomic.com/schema/. */
export function schemaText(fileName: string): string | undefined {
  if (!/^[a-zA-Z.]+\.schema\.json$/.test(fileName)) return undefined;
  try {
    return readFileSync(new URL(fileName, SCHEMA_DIR), "utf8");
  } catch {
    return undefined;
  }
}

/** Drops properties the schema marks read-only: the server ignores them on write. */
export function stripReadOnly(value: unknown, schema: Schema | undefined): unknown {
  if (!schema || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = Array.isArray(schema.items) ? undefined : schema.items;
    return value.map((item) => stripReadOnly(item, items));
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties?.[key] as
      (Schema & { readOnly?: boolean; readonly?: boolean }) | undefined;
    if (childSchema?.readOnly || childSchema?.readonly) continue;
    out[key] = stripReadOnly(child, childSchema);
  }
  return out;
}

export function validateBody(
  body: unknown,
  name: SchemaName,
): { value: Record<string, unknown>; errors: FieldError[] } {
  const schema = loadSchema(name);
  const value = stripReadOnly(body, schema);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      value: {},
      errors: [{ path: [], message: `Invalid type. Expected Object but got ${typeName(value)}.` }],
    };
  }
  const result = validator.validate(value, schema);
  return {
    value: value as Record<string, unknown>,
    errors: result.errors.map((error) => ({
      path: error.path,
      message: messageFor(error),
      ...(error.name === "required" ? {} : { value: error.instance }),
    })),
  };
}

function messageFor(error: ValidationError): string {
  const actual = error.instance;
  switch (error.name) {
    case "required":
      return `Required property ${String(error.path[error.path.length - 1])} is missing.`;
    case "type":
      return `Invalid type. Expected ${expectedTypes(error.argument)} but got ${typeName(actual)}.`;
    case "minimum":
      return `${numberKind(actual)} ${String(actual)} is less than minimum value of ${String(error.argument)}.`;
    case "maximum":
      return `${numberKind(actual)} ${String(actual)} exceeds maximum value of ${String(error.argument)}.`;
    case "maxLength":
      return `String '${String(actual)}' exceeds maximum length of ${String(error.argument)}.`;
    case "minLength":
      return `String '${String(actual)}' is less than minimum length of ${String(error.argument)}.`;
    case "enum":
      return `Value ${JSON.stringify(actual)} is not defined in enum.`;
    case "pattern":
      return `String '${String(actual)}' does not match regex pattern '${String(error.argument)}'.`;
    default:
      return error.message;
  }
}

function expectedTypes(argument: unknown): string {
  const list = Array.isArray(argument) ? argument : [argument];
  return list.map((type) => capitalise(String(type))).join(", ");
}

function typeName(value: unknown): string {
  if (value === null) return "Null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Float";
  return capitalise(typeof value);
}

function numberKind(value: unknown): string {
  return typeof value === "number" && !Number.isInteger(value) ? "Float" : "Integer";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
