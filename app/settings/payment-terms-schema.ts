import { z } from "zod";
import { gatewayMap } from "./gateway-map-schema";

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

/** Gateway name → days of terms; any gateway name is allowed ("__proto__" too). */
export const openGateways = gatewayMap(OPEN_GATEWAYS_INPUT, days, {
  max: MAX_TERM_GATEWAYS,
  expected: "Expected gateway names with their days",
  tooMany: `At most ${MAX_TERM_GATEWAYS} payment gateways can have their own terms`,
});

export const openGatewaysSetting = openGateways
  .prefault({})
  .describe(
    'Gateways whose invoices stay open with payment terms instead of being registered as paid, e.g. {"bank_transfer": 8, "Cash on Delivery (COD)": 14}',
  );
