import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { da, en } from "./messages";

/**
 * Every key an error names — as its message or as a parameter that is itself a key — must have
 * English and Danish text with the same parameters, so no merchant ever reads a raw key or an
 * English sentence on a Danish page. Keys are found where the code names them: string literals,
 * and template literals whose fixed prefix names a family of keys.
 */
const APP = join(__dirname, "..");
const ERROR_KEY = /["'`]((?:ledgerError|sourceError|jobError)\.[A-Za-z0-9_.]*)(\$\{|["'`])/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "simulator" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes(`i18n${"/"}pages`)
      ? [path]
      : [];
  });
}

function keysUsed(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(APP)) {
    for (const match of readFileSync(file, "utf8").matchAll(ERROR_KEY)) {
      const name = match[2] === "${" ? `${match[1]}*` : (match[1] as string);
      used.set(name, [...(used.get(name) ?? []), relative(APP, file)]);
    }
  }
  return used;
}

function problems(
  used: Map<string, string[]>,
  english: Record<string, string>,
  danish: Record<string, string>,
): string[] {
  const found: string[] = [];
  for (const [name, files] of used) {
    const keys = name.endsWith("*")
      ? Object.keys(english).filter((key) => key.startsWith(name.slice(0, -1)))
      : [name];
    if (keys.length === 0) found.push(`${name} (no key with this prefix; used in ${files.join(", ")})`);
    for (const key of keys) {
      const en = english[key];
      const da = danish[key];
      if (!en?.trim()) found.push(`${key}: no English text (used in ${files.join(", ")})`);
      else if (!da?.trim()) found.push(`${key}: no Danish text (used in ${files.join(", ")})`);
      else if (placeholders(en).join() !== placeholders(da).join()) {
        found.push(
          `${key}: Danish parameters ${placeholders(da).join()} ≠ English ${placeholders(en).join()}`,
        );
      }
    }
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const dictionaryEn: Record<string, string> = en;
const dictionaryDa: Record<string, string> = da;

describe("the error catalogue", () => {
  const used = keysUsed();

  it("finds the keys the ledgers, sources and engine use", () => {
    expect(used.size).toBeGreaterThan(60);
    expect([...used.keys()]).toEqual(
      expect.arrayContaining(["ledgerError.refused", "sourceError.unexpected"]),
    );
  });

  it("has English and Danish text, with the same parameters, for every key an error uses", () => {
    expect(problems(used, dictionaryEn, dictionaryDa)).toEqual([]);
  });

  it("holds no error text that nothing uses", () => {
    const prefixes = [...used.keys()].filter((name) => name.endsWith("*")).map((name) => name.slice(0, -1));
    const unused = Object.keys(dictionaryEn).filter(
      (key) =>
        /^(ledgerError|sourceError)\./.test(key) &&
        !used.has(key) &&
        !prefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it("reports a key without Danish text, a missing key and a parameter the Danish text lacks", () => {
    const english = {
      "ledgerError.a": "{ledger} said no",
      "ledgerError.b": "{ledger} is down",
      "ledgerError.c": "x",
    };
    const danish = { "ledgerError.b": "nede", "ledgerError.c": "x" };
    const seen = new Map([
      ["ledgerError.a", ["x.ts"]],
      ["ledgerError.b", ["x.ts"]],
      ["ledgerError.c", ["x.ts"]],
      ["ledgerError.gone", ["y.ts"]],
    ]);
    expect(problems(seen, english, danish)).toEqual([
      "ledgerError.a: no Danish text (used in x.ts)",
      "ledgerError.b: Danish parameters  ≠ English ledger",
      "ledgerError.gone: no English text (used in y.ts)",
    ]);
  });
});
