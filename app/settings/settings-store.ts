import { parseSettings } from "./parse-settings";
import type { SettingsFieldError } from "./settings-errors";
import { defaultSettings, type ShopSettings } from "./settings-schema";

/**
 * Where settings live per shop. The app backs this with its database; the stored value is the
 * validated, versioned JSON, so a later release can migrate it on load.
 */
export interface SettingsStorage {
  read(shopId: string): Promise<unknown | undefined>;
  write(shopId: string, settings: ShopSettings): Promise<void>;
}

/** Loads a shop's settings: defaults when none are stored, migrated when stored by an older release. */
export async function loadShopSettings(storage: SettingsStorage, shopId: string): Promise<ShopSettings> {
  const stored = await storage.read(shopId);
  if (stored === undefined) return defaultSettings();
  const result = parseSettings(stored);
  if (!result.ok) {
    const detail = result.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    throw new Error(`Stored settings for ${shopId} are invalid: ${detail}`);
  }
  return result.settings;
}

/** Validates submitted settings and stores them; field errors come back for the form instead. */
export async function saveShopSettings(
  storage: SettingsStorage,
  shopId: string,
  submitted: unknown,
): Promise<{ ok: true; settings: ShopSettings } | { ok: false; errors: SettingsFieldError[] }> {
  const result = parseSettings(submitted);
  if (!result.ok) return result;
  await storage.write(shopId, result.settings);
  return result;
}

/** For tests and the CLI: settings kept in a Map. */
export function createMemorySettingsStorage(): SettingsStorage & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async read(shopId) {
      return data.has(shopId) ? structuredClone(data.get(shopId)) : undefined;
    },
    async write(shopId, settings) {
      data.set(shopId, structuredClone(settings));
    },
  };
}
