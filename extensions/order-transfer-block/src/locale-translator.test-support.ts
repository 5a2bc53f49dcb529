import da from "../locales/da.json";
import en from "../locales/en.default.json";

export type LocaleName = "en.default" | "da";

const LOCALES: Record<LocaleName, Record<string, unknown>> = { "en.default": en, da };

export function readLocale(name: LocaleName): Record<string, unknown> {
  return LOCALES[name];
}

/** Every dotted key that holds a string, so locale files can be compared key for key. */
export function localeKeys(messages: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") return [path];
    if (value && typeof value === "object") return localeKeys(value as Record<string, unknown>, path);
    return [];
  });
}

/**
 * Shopify's `i18n.translate` over a real locale file: dotted keys, `{{name}}` interpolation.
 * A missing key or replacement throws, so a test fails on an untranslated string instead of
 * rendering the key.
 */
export function localeTranslator(name: LocaleName) {
  const messages = readLocale(name);
  return (key: string, replacements?: Record<string, unknown>): string => {
    let node: unknown = messages;
    for (const part of key.split(".")) {
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    }
    if (typeof node !== "string") throw new Error(`missing translation ${name}:${key}`);
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, variable: string) => {
      const value = replacements?.[variable];
      if (value === undefined) throw new Error(`missing replacement ${variable} for ${key}`);
      return String(value);
    });
  };
}
