import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { previewDocument } from "../domain/preview";
import { translate } from "./messages";
import { previewWarningsDa, previewWarningsEn, type PreviewWarningKey } from "./pages/preview-warnings";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "simulator" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("preview warnings are catalogue text in Danish and English", () => {
  it("every warning key has Danish text of its own with the same parameters", () => {
    for (const key of Object.keys(previewWarningsEn) as PreviewWarningKey[]) {
      const da = previewWarningsDa[key];
      expect(da, key).toBeTruthy();
      expect(da, `${key} is not translated`).not.toBe(previewWarningsEn[key]);
      expect(placeholders(da), key).toEqual(placeholders(previewWarningsEn[key]));
    }
  });

  it("no draft or mapper pushes a literal sentence as a warning or note", () => {
    const literal = /\b(?:warnings|notes)\.push\(\s*["'`]/;
    const offenders = [...sourceFiles("app/domain"), ...sourceFiles("app/sources")].filter((file) =>
      literal.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("a preview's warnings render in Danish with every parameter filled", () => {
    const tipOrder = JSON.parse(
      readFileSync("test/fixtures/woocommerce/order-dk-incl-vat.synthetic.json", "utf8"),
    ) as Record<string, unknown>;
    const document = previewDocument({
      source: "woocommerce",
      order: {
        ...tipOrder,
        fee_lines: [
          ...((tipOrder.fee_lines as unknown[]) ?? []),
          { id: 99, name: "Drikkepenge", total: "25.00", total_tax: "0.00", tax_status: "none", taxes: [] },
        ],
        total: (Number(tipOrder.total) + 25).toFixed(2),
      },
      settings: { version: 1, accounts: { tips: "1050" } },
    });
    expect(document.warnings.map((w) => w.key)).toContain("preview.warning.tip");
    for (const w of document.warnings) {
      const da = translate("da", w.key, { ...w.params });
      expect(da, w.key).not.toMatch(/\{\w+\}/);
      expect(da).not.toBe(w.text);
    }
    const tip = document.warnings.find((w) => w.key === "preview.warning.tip")!;
    expect(translate("da", tip.key, { ...tip.params })).toBe(
      "Drikkepenge på 25.00 DKK bogført på egen linje uden moms (konto 1050): drikkepenge er ikke betaling for varer eller ydelser",
    );
  });
});
