import { formatFieldErrors, type SettingsFieldError } from "./settings-errors";
import { migrateSettings, SettingsMigrationError } from "./settings-migrations";
import { ShopSettingsSchema, type ShopSettings } from "./settings-schema";

export type SettingsResult =
  { ok: true; settings: ShopSettings } | { ok: false; errors: SettingsFieldError[] };

/**
 * Turns stored or submitted settings of any known version into current, complete settings:
 * migrate, then validate strictly. Missing fields take their defaults; wrong or unknown ones are
 * reported per field.
 */
export function parseSettings(raw: unknown): SettingsResult {
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateSettings(raw);
  } catch (error) {
    if (error instanceof SettingsMigrationError) {
      return { ok: false, errors: [{ path: "version", message: error.message }] };
    }
    throw error;
  }
  const parsed = ShopSettingsSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, errors: formatFieldErrors(parsed.error) };
  return { ok: true, settings: parsed.data };
}
