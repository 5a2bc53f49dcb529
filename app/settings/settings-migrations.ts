import { SETTINGS_VERSION } from "./settings-schema";

/**
 * Stored settings carry a `version`. Each migration lifts one version to the next, so a shop
 * that saved settings years ago still loads: `migrateSettings` runs the chain up to the current
 * version and leaves validation to the schema.
 *
 * Version 0 is the unversioned shape of the pre-release prototype: flat keys
 * (`salesAccount`, `shippingAccount`, `depositAccount`, `roundingAccount`,
 * `roundingToleranceOere`, `discountsAsLines`) next to whatever v1 keys it already had.
 */

type Stored = Record<string, unknown>;

const MIGRATIONS: Readonly<Record<number, (stored: Stored) => Stored>> = {
  0: migrateV0ToV1,
};

export class SettingsMigrationError extends Error {
  override name = "SettingsMigrationError";
}

export function migrateSettings(stored: unknown): Stored {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    throw new SettingsMigrationError("Stored settings must be a JSON object");
  }
  let current: Stored = { ...(stored as Stored) };
  let version = readVersion(current);
  if (version > SETTINGS_VERSION) {
    throw new SettingsMigrationError(
      `Settings version ${version} is newer than this app understands (${SETTINGS_VERSION}); upgrade the app`,
    );
  }
  while (version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new SettingsMigrationError(`No migration from settings version ${version}`);
    current = migrate(current);
    version = readVersion(current);
  }
  return current;
}

function readVersion(stored: Stored): number {
  const version = stored.version;
  if (version === undefined) return 0;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new SettingsMigrationError(
      `Settings version must be a whole number, got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

function migrateV0ToV1(stored: Stored): Stored {
  const {
    salesAccount,
    shippingAccount,
    depositAccount,
    roundingAccount,
    roundingToleranceOere,
    discountsAsLines,
    ...rest
  } = stored;
  const next: Stored = { ...rest, version: 1 };
  const accounts = asObject(next.accounts);
  if (salesAccount !== undefined) {
    accounts.revenue = { ...asObject(accounts.revenue), domestic: salesAccount };
  }
  if (shippingAccount !== undefined) {
    accounts.shipping = { ...asObject(accounts.shipping), domestic: shippingAccount };
  }
  if (Object.keys(accounts).length > 0) next.accounts = accounts;
  if (depositAccount !== undefined) {
    next.payments = { ...asObject(next.payments), defaultDepositAccount: depositAccount };
  }
  if (roundingAccount !== undefined || roundingToleranceOere !== undefined) {
    next.rounding = {
      ...asObject(next.rounding),
      ...(roundingAccount !== undefined ? { account: roundingAccount } : {}),
      ...(roundingToleranceOere !== undefined ? { toleranceMinorUnits: roundingToleranceOere } : {}),
    };
  }
  if (discountsAsLines !== undefined) {
    next.lines = {
      ...asObject(next.lines),
      discounts: discountsAsLines === false ? "reducedPrices" : "separateLines",
    };
  }
  return next;
}

function asObject(value: unknown): Stored {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...(value as Stored) } : {};
}
