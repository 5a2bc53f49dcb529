import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { adminSchema } from "../simulators/shopify/admin-schema";
import { adminGraphqlDocuments } from "./lib/admin-graphql-documents";
import { generateAdminTypes } from "./lib/admin-graphql-typegen";

/** Writes app/sources/shopify/admin-graphql/admin-graphql-types.generated.ts. */
export const GENERATED_TYPES_FILE = path.resolve(
  import.meta.dirname,
  "../app/sources/shopify/admin-graphql/admin-graphql-types.generated.ts",
);

export async function renderAdminTypes(): Promise<string> {
  const { documents, hidden } = await adminGraphqlDocuments();
  if (hidden.length > 0) throw new Error(`#graphql documents that are not exported: ${hidden.join(", ")}`);
  const options = (await prettier.resolveConfig(GENERATED_TYPES_FILE)) ?? {};
  return prettier.format(generateAdminTypes(adminSchema(), documents), {
    ...options,
    filepath: GENERATED_TYPES_FILE,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  fs.writeFileSync(GENERATED_TYPES_FILE, await renderAdminTypes());
  console.log(`wrote ${path.relative(process.cwd(), GENERATED_TYPES_FILE)}`);
}
