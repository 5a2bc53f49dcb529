import { currency, parseMinor } from "../../domain/money";
import type { Payout, PayoutCategory, PayoutTransaction } from "../../domain/payouts/payout";
import type { GraphqlBalanceTransaction, GraphqlPayout } from "./admin-graphql/payout-queries";

/**
 * Shopify's balance-transaction types (ShopifyPaymentsTransactionType, 2026-10) by what they are
 * to the bookkeeping. Anything not named here — lending, shipping labels, taxes, channel credits,
 * the many reversals — is an adjustment: booked to the adjustment account, visible per payout,
 * never guessed into sales.
 */
const CATEGORY: Record<string, PayoutCategory> = {
  CHARGE: "sale",
  CHARGE_ADJUSTMENT: "sale",
  REFUND: "refund",
  REFUND_ADJUSTMENT: "refund",
  REFUND_FAILURE: "refund",
  CHARGEBACK_HOLD: "dispute",
  CHARGEBACK_HOLD_RELEASE: "dispute",
  CHARGEBACK_FEE: "dispute",
  CHARGEBACK_FEE_REFUND: "dispute",
  DISPUTE_REVERSAL: "dispute",
  DISPUTE_WITHDRAWAL: "dispute",
  RESERVED_FUNDS: "reserve",
  RESERVED_FUNDS_REVERSAL: "reserve",
  RESERVED_FUNDS_WITHDRAWAL: "reserve",
};

const STATUS: Record<string, Payout["status"]> = {
  SCHEDULED: "scheduled",
  IN_TRANSIT: "inTransit",
  PAID: "paid",
  FAILED: "failed",
  CANCELED: "canceled",
};

export class PayoutMappingError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "PayoutMappingError";
  }
}

/** The canonical payout; every amount must be in the payout's own currency. */
export function mapShopifyPayout(payout: GraphqlPayout, transactions: GraphqlBalanceTransaction[]): Payout {
  const code = currency(payout.net.currencyCode);
  const minor = (value: { amount: string; currencyCode: string }, field: string) => {
    if (value.currencyCode !== payout.net.currencyCode)
      throw new PayoutMappingError(field, `${value.currencyCode} in a ${payout.net.currencyCode} payout`);
    try {
      return parseMinor(value.amount, code);
    } catch (error) {
      throw new PayoutMappingError(field, (error as Error).message);
    }
  };
  const status = STATUS[payout.status];
  if (!status) throw new PayoutMappingError("status", `unknown payout status ${payout.status}`);
  const withdrawal = payout.transactionType === "WITHDRAWAL";
  return {
    source: "shopifyPayments",
    id: payout.legacyResourceId,
    issuedAt: payout.issuedAt,
    status,
    direction: withdrawal ? "withdrawal" : "deposit",
    currency: code,
    // Shopify states a withdrawal's net as a positive amount taken from the bank.
    net: withdrawal ? -Math.abs(minor(payout.net, "net")) : minor(payout.net, "net"),
    transactions: transactions
      .filter((t) => !t.test)
      .map((t, i): PayoutTransaction => {
        const field = `balanceTransactions[${i}]`;
        return {
          id: t.id,
          category: CATEGORY[t.type] ?? "adjustment",
          providerType: t.type,
          amount: minor(t.amount, `${field}.amount`),
          fee: minor(t.fee, `${field}.fee`),
          net: minor(t.net, `${field}.net`),
          date: t.transactionDate,
          ...(t.associatedOrder ? { order: { id: t.associatedOrder.id, name: t.associatedOrder.name } } : {}),
        };
      }),
  };
}
