import type { ShopSettings } from "../settings/settings-schema";
import type { OrderMilestones } from "./source-contract";

/**
 * The transfer trigger, one rule for every source: whether the shop's settings say an order that
 * has reached these milestones gets its invoice now. `paid` and `fulfilled` are milestones every
 * source reports; `statuses` is the merchant's own list of the source's status names. An order
 * paid and then refunded in full transfers under every automatic trigger: its invoice and credit
 * note belong in the books, even when it skipped the trigger or its delivery was lost.
 */
export function transferDue(reached: OrderMilestones, settings: ShopSettings): boolean {
  const trigger = settings.transfer.trigger;
  if (trigger === "manual") return false;
  if (reached.refundedAfterPayment) return true;
  switch (trigger) {
    case "paid":
      return reached.paid;
    case "fulfilled":
      return reached.fulfilled;
    case "statuses": {
      const status = reached.status?.toLowerCase();
      return (
        status !== undefined &&
        settings.transfer.statuses.map((s) => s.toLowerCase().replace(/^wc-/, "")).includes(status)
      );
    }
  }
}
