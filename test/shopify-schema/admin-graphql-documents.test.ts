import { beforeAll, describe, expect, it } from "vitest";
import { adminGraphqlDocuments, type AdminDocument } from "../../scripts/lib/admin-graphql-documents";
import { bulkOrdersQuery } from "../../app/sources/shopify/admin-graphql/bulk-order-export";
import { SHOPIFY_API_VERSION } from "../../app/shopify.server";
import { ADMIN_SCHEMA_VERSION, adminDocumentErrors } from "../../simulators/shopify/admin-schema";

describe("Admin GraphQL documents against Shopify's published schema", () => {
  let documents: AdminDocument[] = [];
  beforeAll(async () => {
    const found = await adminGraphqlDocuments();
    expect(found.hidden, "files with a #graphql document that is not exported").toEqual([]);
    documents = found.documents;
  });

  it("uses the schema of the app's own API version", () => {
    expect(ADMIN_SCHEMA_VERSION).toBe(SHOPIFY_API_VERSION);
  });

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  // The app's version, and the previous one (supported to mid-2027), which Shopify may still answer webhooks in.
  it.each([ADMIN_SCHEMA_VERSION, "2026-07"])("every document is valid in Admin API %s", (version) => {
    const invalid = documents
      .map((d) => ({ where: `${d.file} ${d.name}`, errors: adminDocumentErrors(d.document, version) }))
      .filter((d) => d.errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it("the bulk export's query is valid (bulk queries take no variables, so it is built)", () => {
    expect(adminDocumentErrors(bulkOrdersQuery(new Date("2026-01-01T00:00:00Z")))).toEqual([]);
  });

  it("refuses what Shopify would refuse (the check can fail)", () => {
    expect(
      adminDocumentErrors("query { order(id: 1) { id totalTipReceivedSetX { shopMoney { amount } } } }"),
    ).toEqual(expect.arrayContaining([expect.stringContaining("totalTipReceivedSetX")]));
    expect(adminDocumentErrors("query Q($id: ID!) { order(id: $id) { lineItems { id } } }")).not.toEqual([]);
  });
});
