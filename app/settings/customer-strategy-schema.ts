import { z } from "zod";

/**
 * Customer strategies per customer type (#18): consumers, businesses (CVR/VAT number) and public
 * institutions (EAN) are each matched by a chosen field, or all booked on one fixed customer —
 * a ledger contact chosen by id, or one created once under a fixed reference (e.g. a cash
 * customer that keeps consumers' personal data out of the ledger).
 */

export const CUSTOMER_TYPES = ["consumer", "business", "ean"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

const strategy = z
  .strictObject({
    mode: z.enum(["match", "single"]).default("match"),
    matchBy: z
      .enum(["email", "phone", "vatNumber", "reference"])
      .optional()
      .describe("For mode 'match': the field that finds the ledger customer; customers.matchBy when absent"),
    name: z.string().trim().max(200).optional().describe("For mode 'single': the fixed customer's name"),
    ledgerCustomerId: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe("For mode 'single': an existing ledger contact's id; absent = created once by the app"),
  })
  .superRefine((s, ctx) => {
    if (s.mode === "single" && !s.name && !s.ledgerCustomerId) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Name the fixed customer" });
    }
  })
  .prefault({});

export type CustomerStrategy = z.output<typeof strategy>;

export const customerStrategiesSetting = z
  .strictObject({ consumer: strategy, business: strategy, ean: strategy })
  .prefault({})
  .describe("Per customer type: match by a field, or book all on one fixed customer");
