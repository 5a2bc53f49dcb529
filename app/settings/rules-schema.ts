import { z } from "zod";

/**
 * Mapping and filter rules (#18): an ordered list; the first rule that matches decides. A rule
 * compares one field of the order (or of an item line) with a value and either books matching
 * item lines on its own revenue account or keeps the whole order out of the ledger.
 */

export const RULE_FIELDS = ["productType", "vendor", "tag", "salesChannel", "gateway", "zeroTotal"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const MAX_RULES = 100;

const rule = z
  .strictObject({
    field: z.enum(RULE_FIELDS).describe("What the rule looks at; zeroTotal needs no value"),
    value: z.string().trim().max(200).default("").describe("Compared without regard to case"),
    action: z.enum(["account", "skip"]).describe("Book matching item lines on `account`, or skip the order"),
    account: z
      .string()
      .trim()
      .max(40, "Account numbers are at most 40 characters")
      .optional()
      .describe("Revenue account for matching item lines (action 'account')"),
  })
  .superRefine((r, ctx) => {
    if (r.field !== "zeroTotal" && r.value === "") {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Give the value the rule compares with" });
    }
    if (r.action === "account" && !r.account) {
      ctx.addIssue({
        code: "custom",
        path: ["account"],
        message: "Choose the account matching lines are booked on",
      });
    }
    if (r.action === "account" && r.field === "zeroTotal") {
      ctx.addIssue({
        code: "custom",
        path: ["action"],
        message: "A zero-total rule can only skip the order",
      });
    }
  });

export type MappingRule = z.output<typeof rule>;

export const rulesSetting = z
  .array(rule)
  .max(MAX_RULES, `At most ${MAX_RULES} rules`)
  .default([])
  .describe(
    'Ordered mapping and filter rules, e.g. [{"field": "productType", "value": "Gavekort", "action": "account", "account": "1080"}, {"field": "tag", "value": "no-invoice", "action": "skip"}]',
  );
