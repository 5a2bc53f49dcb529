import { describe, expect, it } from "vitest";
import { da, en } from "../i18n/messages";
import { SETTINGS_FIELDS, SETTINGS_SECTIONS } from "./settings-form-fields";
import { fieldHelpKey, fieldLabelKey, optionKey, sectionKey } from "./ui/field-keys";

describe("settings page texts", () => {
  it("names every section, field and choice in English and Danish", () => {
    const keys = [
      ...SETTINGS_SECTIONS.flatMap((s) => [sectionKey(s.id, "title"), sectionKey(s.id, "description")]),
      ...SETTINGS_FIELDS.map((f) => fieldLabelKey(f.name)),
      ...SETTINGS_FIELDS.flatMap((f) => (f.options ?? []).map((value) => optionKey(f.name, value))),
    ];
    const missing = keys.filter((key) => !(key in en) || !(key in da));
    expect(missing).toEqual([]);
    // Danish is not a copy of English (a few words such as "E-mail" may coincide).
    const same = keys.filter((key) => en[key] === da[key]);
    expect(same.length).toBeLessThan(keys.length / 20);
  });

  it("has help only for fields that exist", () => {
    const names = new Set(SETTINGS_FIELDS.map((f) => f.name));
    const helpKeys = Object.keys(en).filter((key) => key.startsWith("settings.help."));
    expect(helpKeys.filter((key) => !names.has(key.slice("settings.help.".length)))).toEqual([]);
    expect(fieldHelpKey("orderNumberPrefix")).toBe("settings.help.orderNumberPrefix");
    expect(fieldHelpKey("numbering.typo")).toBeUndefined();
  });
});
