import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import type { AnySchema, ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { z } from "zod";
import type { ValidationIssue } from "./dinero-error-bodies";

/**
 * Validates request bodies against Dinero's own OpenAPI 3.1 document (JSON Schema 2020-12).
 * The spec marks every model `additionalProperties: false`; the live API is laxer (it silently
 * drops unknown fields), so this is deliberately stricter: a misspelt field fails a test here
 * instead of vanishing in production.
 */

export const DEFAULT_DINERO_OPENAPI_PATH = fileURLToPath(
  new URL("../../test/fixtures/dinero/dinero-openapi.json", import.meta.url),
);

const SPEC_ID = "https://api.dinero.dk/openapi/v1/swagger.json";

const operationSchema = z.object({
  requestBody: z
    .object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).nullish() })
    .nullish(),
});

const openApiDocumentSchema = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});

export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>;

export function loadDineroOpenApi(path = DEFAULT_DINERO_OPENAPI_PATH): OpenApiDocument {
  return openApiDocumentSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export class OpenApiRequestValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // OpenAPI's numeric formats are not JSON Schema formats; give them their .NET meaning.
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31,
    });
    this.ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isSafeInteger(value) });
    this.ajv.addFormat("double", { type: "number", validate: (value: number) => Number.isFinite(value) });
    this.ajv.addFormat("float", { type: "number", validate: (value: number) => Number.isFinite(value) });
    this.ajv.addSchema({ $id: SPEC_ID, components: document.components });
  }

  /** True when the spec declares a JSON request body for the operation. */
  hasJsonBody(method: string, specPath: string): boolean {
    return this.validatorFor(method, specPath) !== null;
  }

  /** Issues in Dinero's `validationErrors` style, or an empty list when the body is valid. */
  validate(method: string, specPath: string, body: unknown): ValidationIssue[] {
    const validate = this.validatorFor(method, specPath);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map(toIssue);
  }

  /** Checks a value against a named component schema, e.g. a response against `InvoiceReadModel`. */
  validateComponent(name: string, value: unknown): ValidationIssue[] {
    const key = `component ${name}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
      this.cache.set(key, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(toIssue);
  }

  private validatorFor(method: string, specPath: string): ValidateFunction | null {
    const key = `${method.toLowerCase()} ${specPath}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const operation = operationSchema.safeParse(this.document.paths[specPath]?.[method.toLowerCase()]);
    const schema = operation.success
      ? operation.data.requestBody?.content?.["application/json"]?.schema
      : undefined;
    const compiled = schema === undefined ? null : this.ajv.compile(rebase(schema) as AnySchema);
    this.cache.set(key, compiled);
    return compiled;
  }
}

/** Operation schemas use local refs (`#/components/...`); point them at the registered document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/")
        ? `${SPEC_ID}${value}`
        : rebase(value);
  }
  return out;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const base = pointerToProperty(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return {
      property: join(base, params.missingProperty),
      message: `The ${params.missingProperty} field is required.`,
    };
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return {
      property: join(base, params.additionalProperty),
      message: `Could not find member '${params.additionalProperty}' on object of type '${base || "model"}'.`,
    };
  }
  const field = base || "model";
  return { property: field, message: `The value of ${field} is invalid: ${error.message ?? error.keyword}.` };
}

function pointerToProperty(pointer: string): string {
  return pointer
    .split("/")
    .filter((part) => part.length > 0)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : join(path, part)), "");
}

function join(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}
