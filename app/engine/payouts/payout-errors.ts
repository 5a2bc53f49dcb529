import { formatMinor } from "../../domain/money";
import type { Payout } from "../../domain/payouts/payout";
import type { PayoutProblem } from "../../domain/payouts/payout-entry";
import type { MessageKey } from "../../i18n/messages";
import { translate } from "../../i18n/messages";
import type { MerchantFacingError } from "../worker.server";

/**
 * A payout that is not booked, and why: its totals do not add up, it is not paid yet, or the
 * shop has not chosen its payout accounts. Retrying cannot change any of it, so the job is parked
 * at once with the reason (and the difference, in øre) for the merchant.
 */
export class PayoutNotBookableError extends Error {
  override name = "PayoutNotBookableError";
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(translate("en", messageKey, params));
  }
}

export function payoutErrorOf(payout: Payout, problem: PayoutProblem): PayoutNotBookableError {
  const amount = (minor: number) => formatMinor(minor, payout.currency);
  switch (problem.kind) {
    case "payoutDoesNotAddUp":
      return new PayoutNotBookableError("payoutError.doesNotAddUp", {
        payout: payout.id,
        expected: amount(problem.expectedNet),
        net: amount(problem.net),
        currency: payout.currency,
        difference: problem.difference,
      });
    case "transactionDoesNotAddUp":
      return new PayoutNotBookableError("payoutError.transactionDoesNotAddUp", {
        payout: payout.id,
        transaction: problem.transactionId,
        difference: problem.difference,
      });
    case "notSettled":
      return new PayoutNotBookableError("payoutError.notSettled", {
        payout: payout.id,
        status: problem.status,
      });
    case "empty":
      return new PayoutNotBookableError("payoutError.empty", { payout: payout.id });
  }
}

export function classifyPayoutError(error: unknown): MerchantFacingError | undefined {
  if (!(error instanceof PayoutNotBookableError)) return undefined;
  return {
    kind: "payoutNotBookable",
    merchantMessage: error.message,
    messageKey: error.messageKey,
    params: error.params,
    retryable: false,
    scope: "order",
  };
}
