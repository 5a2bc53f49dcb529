import { z } from "zod";

/**
 * Payment handling per gateway (#18): a gateway listed here leaves the invoice open with that
 * many days' terms and registers no payment — bank transfer, "faktura", cash on delivery. A
 * gateway not listed is registered as paid to its deposit account, as before.
 */

/** Gateways with their own handling; a real shop has a handful. */
export const MAX_TERM_GATEWAYS = 200;

/** What the settings document may hold under payments.openGateways, for the JSON Schema. */
export const OPEN_GATEWAYS_INPUT = z.unknown();
export const OPEN_GATEWAYS_JSON_SCHEMA = {
  type: "object",
  maxProperties: MAX_TERM_GATEWAYS,
  propertyNames: { type: "string", minLength: 1, maxLength: 200 },
  additionalProperties: {
    type: "integer",
    minimum: 0,
    maximum: 365,
    description: "Days of payment terms; the invoice stays open and no payment is registered",
  },
} as const;

const days = z
  .int("Payment terms are whole days")
  .min(0, "Payment terms cannot be negative")
  .max(365, "Payment terms are at most 365 days");

/**
 * Gateway name → days of terms. Like the deposit accounts, any gateway name is allowed
 * ("__proto__" too), so the result has no prototype and a lookup finds only what was set.
 */
export const openGateways = OPEN_GATEWAYS_INPUT.transform((value, ctx): Readonly<Record<string, number>> => {
  const result = Object.create(null) as Record<string, number>;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.issues.push({ code: "custom", message: "Expected gateway names with their days", input: value });
    return z.NEVER;
  }
  const names = Object.keys(value);
  if (names.length > MAX_TERM_GATEWAYS) {
    ctx.issues.push({
      code: "custom",
      message: `At most ${MAX_TERM_GATEWAYS} payment gateways can have their own terms`,
      input: value,
    });
    return z.NEVER;
  }
  for (const name of names) {
    if (name.length === 0 || name.length > 200) {
      ctx.issues.push({
        code: "custom",
        message: "A gateway name has 1 to 200 characters",
        path: [name],
        input: name,
      });
      continue;
    }
    const parsed = days.safeParse((value as Record<string, unknown>)[name]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ code: "custom", message: issue.message, path: [name], input: issue.input });
      }
      continue;
    }
    result[name] = parsed.data;
  }
  return result;
});

export const openGatewaysSetting = openGateways
  .prefault({})
  .describe(
    'Gateways whose invoices stay open with payment terms instead of being registered as paid, e.g. {"bank_transfer": 8, "Cash on Delivery (COD)": 14}',
  );
