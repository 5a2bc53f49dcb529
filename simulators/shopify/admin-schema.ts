import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { GraphQLSchema, IntrospectionQuery } from "graphql";
import { buildClientSchema, parse, validate } from "graphql";

/**
 * Shopify's own published Admin API schema (vendor/shopify-admin-schema), so the simulator and the
 * tests refuse a query the real Admin API would refuse: a field that does not exist in the app's
 * API version, a wrong argument, a missing variable type.
 */
export const ADMIN_SCHEMA_VERSION = "2026-10";

const VENDOR_DIR = path.resolve(import.meta.dirname, "../../vendor/shopify-admin-schema");
const schemas = new Map<string, GraphQLSchema>();
const verdicts = new Map<string, string[]>();

/** The vendored schema for an API version in a request URL; other versions get the app's own. */
export function knownAdminSchemaVersion(version: string): string {
  if (!/^\d{4}-\d{2}$/.test(version)) return ADMIN_SCHEMA_VERSION;
  return fs.existsSync(path.join(VENDOR_DIR, `admin_${version}.json.gz`)) ? version : ADMIN_SCHEMA_VERSION;
}

export function adminSchema(version: string = ADMIN_SCHEMA_VERSION): GraphQLSchema {
  let schema = schemas.get(version);
  if (!schema) {
    const file = path.join(VENDOR_DIR, `admin_${version}.json.gz`);
    const introspection = JSON.parse(gunzipSync(fs.readFileSync(file)).toString("utf8")) as {
      data: IntrospectionQuery;
    };
    schema = buildClientSchema(introspection.data, { assumeValid: true });
    schemas.set(version, schema);
  }
  return schema;
}

/** The messages Shopify would answer with (empty when the document is valid). */
export function adminDocumentErrors(document: string, version: string = ADMIN_SCHEMA_VERSION): string[] {
  // The app sends a handful of constant documents thousands of times in a test run.
  const key = `${version}\n${document}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = validateDocument(document, version);
    if (verdicts.size > 1000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

function validateDocument(document: string, version: string): string[] {
  let parsed;
  try {
    parsed = parse(document);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  return validate(adminSchema(version), parsed).map((error) => error.message);
}
