import fs from "node:fs";
import path from "node:path";

/**
 * Every Admin GraphQL document the app sends: the exported `#graphql` strings of shipped code
 * (tests and simulators excluded). Documents are assembled with fragments, so they are read from
 * the modules' exports rather than the source text; a file whose `#graphql` literals are not all
 * exported is reported, so no document escapes the schema check or type generation.
 */
export interface AdminDocument {
  file: string;
  name: string;
  document: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function adminGraphqlDocuments(): Promise<{ documents: AdminDocument[]; hidden: string[] }> {
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
  const documents: AdminDocument[] = [];
  const hidden: string[] = [];
  for (const file of files.sort()) {
    const literals = (fs.readFileSync(file, "utf8").match(/`#graphql/g) ?? []).length;
    if (literals === 0) continue;
    const exports = (await import(file)) as Record<string, unknown>;
    // Sorted: module namespaces list exports in different orders under tsx and vitest.
    const found = Object.entries(exports)
      .filter(
        (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].startsWith("#graphql"),
      )
      .sort(([a], [b]) => a.localeCompare(b));
    const relative = path.relative(ROOT, file);
    if (found.length !== literals) hidden.push(relative);
    for (const [name, document] of found) documents.push({ file: relative, name, document });
  }
  return { documents, hidden };
}
