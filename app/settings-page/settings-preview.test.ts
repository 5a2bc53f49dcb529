import { describe, expect, it } from "vitest";
import { ShopSettingsSchema } from "../settings/settings-schema";
import { corpus } from "../../test/vat-corpus/corpus-cases";
import { settingsToForm } from "./settings-form";
import { previewWithForm } from "./settings-preview";

const w1 = corpus.find((c) => c.name.startsWith("W1"));

describe("settings page preview", () => {
  it("lays the order out for the connected ledger: e-conomic's once-per-document VAT gets its rounding line", () => {
    if (!w1) throw new Error("corpus case W1 is missing");
    const form = settingsToForm(ShopSettingsSchema.parse({ version: 1, ...w1.settings }));
    const order = { source: w1.source, body: JSON.stringify(w1.payload), name: "#5101", sample: false };
    const keys = (preview: ReturnType<typeof previewWithForm>) =>
      preview.status === "ok" ? preview.document.warnings.map((w) => w.key) : [preview.message];

    const perDocument = previewWithForm(order, form, "shop.example", { vatRounding: "perDocumentRate" });
    expect(keys(perDocument)).toContain("preview.warning.rounding.perDocumentRate");
    // The same order for a ledger rounding each line needs no rounding line.
    const perLine = previewWithForm(order, form, "shop.example", { vatRounding: "perLine" });
    expect(keys(perLine)).not.toContain("preview.warning.rounding.perDocumentRate");
    expect(perLine.status).toBe("ok");
  });
});
