import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf } from "../support/imports-of";

/**
 * What ships is app/: simulators (simulators/), test harnesses (test/, simulators/<ledger>/*-harness.ts)
 * and the demo's wiring (demo/) live outside it. No production file under app/ imports them; the one
 * door is the Demo page's route, which calls the demo's use cases in local mode only. Test files
 * beside the code may start a simulator — they do not ship.
 */

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");
const OUTSIDE = ["simulators", "test", "demo", "bench"].map((dir) => path.join(ROOT, dir));
const DEMO_DOOR = path.join(APP, "routes", "app.demo.tsx");

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return productionFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function forbiddenImports(file: string, text: string): string[] {
  return importsOf(text)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => ({ specifier, target: path.resolve(path.dirname(file), specifier) }))
    .filter(({ target }) => OUTSIDE.some((dir) => target === dir || target.startsWith(`${dir}${path.sep}`)))
    .map(({ specifier }) => `${path.relative(ROOT, file)} → ${specifier}`);
}

describe("app/ holds only what ships", () => {
  it("no production file under app/ imports a simulator, harness, test or the demo (the Demo route aside)", () => {
    const found = productionFiles(APP)
      .filter((file) => file !== DEMO_DOOR)
      .flatMap((file) => forbiddenImports(file, readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("no simulator, harness or demo folder is left under app/", () => {
    const misplaced = productionFiles(APP)
      .map((file) => path.relative(ROOT, file))
      .filter(
        (file) => /(^|\/)(simulators?|simulator-kit|demo)\//.test(file) || /-harness\.tsx?$/.test(file),
      );
    expect(misplaced).toEqual([]);
  });

  it("catches an import that leaves app/ for the simulators (the check itself)", () => {
    const file = path.join(APP, "engine", "x.ts");
    expect(
      forbiddenImports(file, 'import { a } from "../../simulators/billy/billy-simulator";'),
    ).toHaveLength(1);
    expect(
      forbiddenImports(file, 'export type { T } from "../../test/contract/ledger-harness";'),
    ).toHaveLength(1);
    expect(forbiddenImports(file, 'import { b } from "../ledgers/billy";')).toEqual([]);
  });
});
