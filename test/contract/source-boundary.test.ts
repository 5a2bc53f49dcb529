import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf } from "../support/imports-of";

/**
 * The engine depends on the source contract only: nothing under app/engine imports a file under
 * app/sources except the contract and its registry, and nothing under app/sources imports
 * app/engine at all. Scanned from the source text, so a new import breaks this test, not a merge.
 */

const ROOT = path.resolve(__dirname, "../..");
const ENGINE = path.join(ROOT, "app/engine");
const SOURCES = path.join(ROOT, "app/sources");
const CONTRACT = new Set(
  ["source-contract.ts", "source-registry.ts", "source-registry.server.ts"].map((f) => path.join(SOURCES, f)),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** The file an import names, resolved like the bundler does for relative and `~/` paths. */
function resolved(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/")
    ? path.join(ROOT, "app", specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  return /\.(ts|tsx)$/.test(base) ? base : `${base}.ts`;
}

function crossings(files: string[], into: string, allowed: (target: string) => boolean): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(readFileSync(file, "utf8"))) {
      const target = resolved(file, specifier);
      if (target === null || !target.startsWith(`${into}${path.sep}`) || allowed(target)) continue;
      found.push(`${path.relative(ROOT, file)} → ${specifier}`);
    }
  }
  return found;
}

describe("the boundary between the engine and the sources", () => {
  it("finds static, type-only, re-exported and dynamic imports (the scanner itself)", () => {
    const text = [
      'import { a } from "../sources/shopify/x";',
      'import type { B } from "../sources/woocommerce/y";',
      'export { c } from "../sources/z";',
      'const d = await import("../sources/w");',
      'import "../sources/side-effect";',
      "import {\n  e,\n  f,\n} from '../sources/multi';",
    ].join("\n");
    expect(importsOf(text).sort()).toEqual(
      [
        "../sources/shopify/x",
        "../sources/woocommerce/y",
        "../sources/z",
        "../sources/w",
        "../sources/side-effect",
        "../sources/multi",
      ].sort(),
    );
  });

  it("the engine imports app/sources only through the contract and its registry", () => {
    const engineFiles = filesUnder(ENGINE);
    expect(engineFiles.length).toBeGreaterThan(10);
    expect(crossings(engineFiles, SOURCES, (target) => CONTRACT.has(target))).toEqual([]);
    // The contract is actually what the engine uses (the rule is not vacuous).
    expect(crossings(engineFiles, SOURCES, () => false).length).toBeGreaterThan(0);
  });

  it("nothing under app/sources imports the engine", () => {
    const sourceFiles = filesUnder(SOURCES);
    expect(sourceFiles.length).toBeGreaterThan(20);
    expect(crossings(sourceFiles, ENGINE, () => false)).toEqual([]);
  });
});
