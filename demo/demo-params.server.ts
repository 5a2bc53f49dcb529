import { z } from "zod";
import { LEDGER_PROVIDER_IDS } from "../app/ledgers/registry";

/** The demo page's form posts: one intent each, order actions naming the order's GID. */

const orderId = z.string().regex(/^gid:\/\/shopify\/Order\/\d{1,20}$/);

export const demoIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("createPaid") }),
  z.object({ intent: z.literal("createWithoutWebhook") }),
  z.object({ intent: z.literal("createFailing") }),
  z.object({ intent: z.literal("deliver"), orderId }),
  z.object({ intent: z.literal("fulfil"), orderId }),
  z.object({ intent: z.literal("refund"), orderId }),
  z.object({ intent: z.literal("connect"), provider: z.enum(LEDGER_PROVIDER_IDS) }),
  z.object({ intent: z.literal("fixGiftCard") }),
  z.object({ intent: z.literal("resume") }),
  z.object({ intent: z.literal("reconcile") }),
  z.object({ intent: z.literal("createWooOrder") }),
  z.object({ intent: z.literal("createPayout") }),
]);

export type DemoIntent = z.infer<typeof demoIntentSchema>;

export function parseDemoIntent(form: FormData) {
  return demoIntentSchema.safeParse(Object.fromEntries(form));
}
