import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** docs/architecture.md is the newcomer's map: every file it names must exist where it says. */
describe("docs/architecture.md", () => {
  it("names only files and folders that exist", () => {
    const text = fs.readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
    const named = [...text.matchAll(/`((?:app|test|cli|server|docs|prisma|bench)\/[^`\s<>*]+)`/g)].map(
      (m) => m[1] ?? "",
    );
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
  });
});
