import type { MessageKey } from "../../i18n/messages";
import { en } from "../../i18n/messages";

/**
 * Dictionary keys of the settings fields, built from their settings paths. Every field and choice
 * has its keys in both languages (checked by settings-i18n.test.ts); help text is optional.
 */
export const fieldLabelKey = (name: string) => `settings.field.${name}` as MessageKey;
export const optionKey = (name: string, value: string) => `settings.option.${name}.${value}` as MessageKey;
export const sectionKey = (id: string, part: "title" | "description") =>
  `settings.section.${id}.${part}` as MessageKey;

export function fieldHelpKey(name: string): MessageKey | undefined {
  const key = `settings.help.${name}`;
  return key in en ? (key as MessageKey) : undefined;
}

/** The element id of a setting on the Settings page, so a failure can link to `/app/settings#<id>`. */
export function settingAnchor(name: string): string {
  return `setting-${name.replace(/[^A-Za-z0-9]+/g, "-")}`;
}
