import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_TYPES_FILE, renderAdminTypes } from "../../scripts/generate-admin-graphql-types";

/**
 * The result types of the app's Admin GraphQL documents are generated from Shopify's schema, and
 * test/shopify-schema/zod-accepts-schema.typecheck.ts makes the type check fail when a hand-written
 * zod parser would refuse an answer the schema allows (a field Shopify may return as null that the
 * parser requires, say). Both only hold while the generated file matches the documents.
 */
describe("generated Admin GraphQL types", () => {
  it("are up to date with the documents (run `npm run generate:graphql-types` after changing a query)", async () => {
    expect(fs.readFileSync(GENERATED_TYPES_FILE, "utf8")).toBe(await renderAdminTypes());
  });
});
