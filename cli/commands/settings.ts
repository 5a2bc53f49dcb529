import { summarizeFieldErrors } from "../../app/settings/settings-errors";
import { loadShopSettings, saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

/** `ledger-bridge settings get --shop S` / `settings set --shop S --file F` */
export async function runSettings(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = flags(args, { shop: { type: "string" }, file: { type: "string" } });
  const action = positionals[0];
  if (action !== "get" && action !== "set")
    throw new UsageError("usage: ledger-bridge settings get|set --shop S [--file F]");
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const storage = prismaSettingsStorage(db);
  if (action === "get") {
    io.stdout(JSON.stringify(await loadShopSettings(storage, shop.id), null, 2));
    return 0;
  }
  if (!values.file) throw new UsageError("settings set needs --file SETTINGS.json");
  let submitted: unknown;
  try {
    submitted = JSON.parse(await io.readFile(values.file));
  } catch (error) {
    io.stderr(`${values.file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return 2;
  }
  const result = await saveShopSettings(storage, shop.id, submitted);
  if (!result.ok) {
    io.stderr(summarizeFieldErrors(result.errors));
    return 2;
  }
  io.stdout(`Saved settings for ${shop.domain}.`);
  return 0;
}
