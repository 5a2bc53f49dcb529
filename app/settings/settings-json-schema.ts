import { z } from "zod";
import { OPEN_GATEWAYS_INPUT, OPEN_GATEWAYS_JSON_SCHEMA } from "./payment-terms-schema";
import { GATEWAY_ACCOUNTS_INPUT, GATEWAY_ACCOUNTS_JSON_SCHEMA, ShopSettingsSchema } from "./settings-schema";

/**
 * The settings' JSON Schema (draft 2020-12) as published in docs/settings.schema.json: the input
 * shape, so every field with a default is optional, exactly as the app accepts it.
 */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ShopSettingsSchema, {
    io: "input",
    unrepresentable: "any",
    // The gateways are checked by hand (any name is allowed); their documented shape is this.
    override: (ctx) => {
      if (ctx.zodSchema === GATEWAY_ACCOUNTS_INPUT)
        Object.assign(ctx.jsonSchema, GATEWAY_ACCOUNTS_JSON_SCHEMA);
      if (ctx.zodSchema === OPEN_GATEWAYS_INPUT) Object.assign(ctx.jsonSchema, OPEN_GATEWAYS_JSON_SCHEMA);
    },
  });
  return {
    ...schema,
    $id: "https://github.com/ledger-bridge/ledger-bridge/docs/settings.schema.json",
    title: "Ledger Bridge shop settings",
    description: "Per-shop settings, version 1. Every field has a default suited to a Danish merchant.",
  };
}

export function settingsJsonSchemaText(): string {
  return `${JSON.stringify(settingsJsonSchema(), null, 2)}\n`;
}
