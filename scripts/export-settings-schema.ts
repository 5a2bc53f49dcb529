/**
 * Writes docs/settings.schema.json from the zod settings schema:
 *   npx tsx scripts/export-settings-schema.ts
 * A test fails when the committed file is out of date.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { settingsJsonSchemaText } from "../app/settings/settings-json-schema";

const target = fileURLToPath(new URL("../docs/settings.schema.json", import.meta.url));
await writeFile(target, settingsJsonSchemaText(), "utf8");
process.stdout.write(`Wrote ${target}\n`);
