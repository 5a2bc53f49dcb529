import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkOrdersQuery } from "../../app/sources/shopify/admin-graphql/bulk-order-export";
import { SHOPIFY_API_VERSION } from "../../app/shopify.server";
import { ADMIN_SCHEMA_VERSION, adminDocumentErrors } from "../../app/sources/shopify/simulator/admin-schema";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Every `#graphql` document in shipped code (tests and simulators excluded). Documents are built
 * with fragments, so they are read from the modules' exports; each `#graphql` literal in a file
 * must be exported, or the count below differs and the test says which file hides one.
 */
async function graphqlDocuments(): Promise<{ file: string; name: string; document: string }[]> {
  const found: { file: string; name: string; document: string }[] = [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "simulator") walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ["app", "extensions"]) walk(path.join(ROOT, dir));
  for (const file of files) {
    const literals = (fs.readFileSync(file, "utf8").match(/`#graphql/g) ?? []).length;
    if (literals === 0) continue;
    const exports = (await import(file)) as Record<string, unknown>;
    const documents = Object.entries(exports).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].startsWith("#graphql"),
    );
    expect(documents.length, `${file} has a #graphql document that is not exported`).toBe(literals);
    for (const [name, document] of documents) found.push({ file: path.relative(ROOT, file), name, document });
  }
  return found;
}

describe("Admin GraphQL documents against Shopify's published schema", () => {
  let documents: Awaited<ReturnType<typeof graphqlDocuments>> = [];
  beforeAll(async () => {
    documents = await graphqlDocuments();
  });

  it("uses the schema of the app's own API version", () => {
    expect(ADMIN_SCHEMA_VERSION).toBe(SHOPIFY_API_VERSION);
  });

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  // The app's version, and the latest stable one it is to move to, so the upgrade meets no surprise.
  it.each([ADMIN_SCHEMA_VERSION, "2026-10"])("every document is valid in Admin API %s", (version) => {
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
