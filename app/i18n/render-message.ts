import type { Locale, MessageKey } from "./messages";
import { dictionaries, translate } from "./messages";

/** Parameters of a keyed message: numbers, texts, or keys of other messages (translated first). */
export type MessageParams = Record<string, string | number>;

export function isMessageKey(locale: Locale, value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(dictionaries[locale], value);
}

/**
 * A keyed message in `locale`. A parameter that is itself a catalogue key is translated too, so
 * an error can name a fixed phrase ("the invoice") in either language; any other parameter is
 * shown as given (a ledger's own words, an amount, a number).
 */
export function renderMessage(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const vars: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    vars[name] = isMessageKey(locale, value) ? translate(locale, value) : value;
  }
  return translate(locale, key, vars);
}
