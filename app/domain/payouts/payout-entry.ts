import type { CurrencyCode } from "../money";
import type { Payout, PayoutCategory } from "./payout";

/** The ledger accounts a payout is booked to, chosen in Settings from the ledger's chart. */
export interface PayoutAccounts {
  /** Where the app posts each order's payment ("webshop sales" clearing / deposit account). */
  clearing: string;
  bank: string;
  fees: string;
  disputes: string;
  reserves: string;
  adjustments: string;
  /**
   * The ledger's VAT code for the fee line. Danish card-processing fees are exempt financial
   * services, so the default is none; a merchant whose provider invoices VAT chooses its code.
   */
  feeVatCode: string | null;
}

export interface PayoutEntryLine {
  account: string;
  /** Debit positive, credit negative; the lines of an entry add up to zero. */
  amount: number;
  role: "bank" | "fees" | "clearing" | "disputes" | "reserves" | "adjustments";
  vatCode: string | null;
  /** The balance transactions this line sums, for the preview and the audit. */
  transactionIds: string[];
}

/** One journal entry per payout: what every ledger's voucher/daybook mechanism receives. */
export interface PayoutEntry {
  businessKey: string;
  date: string;
  currency: CurrencyCode;
  text: string;
  lines: PayoutEntryLine[];
}

/** Why a payout is parked instead of booked; the difference is shown to the merchant. */
export type PayoutProblem =
  | { kind: "transactionDoesNotAddUp"; transactionId: string; difference: number }
  | { kind: "payoutDoesNotAddUp"; expectedNet: number; net: number; difference: number }
  | { kind: "notSettled"; status: Payout["status"] }
  | { kind: "empty" };

export type PayoutEntryResult = { ok: true; entry: PayoutEntry } | { ok: false; problem: PayoutProblem };

const ROLE_OF: Record<PayoutCategory, PayoutEntryLine["role"]> = {
  sale: "clearing",
  refund: "clearing",
  dispute: "disputes",
  reserve: "reserves",
  adjustment: "adjustments",
};

/**
 * Books a payout as the bookkeeper would by hand: the bank receives the net payout, the fees are
 * an expense, and the clearing account gives up the gross of the sales and refunds the payout
 * settles — so the clearing account, debited with each order's payment by the transfer, nets to
 * zero for those orders. Disputes, reserves and other adjustments go to accounts of their own.
 *
 * Nothing is booked that does not add up to the minor unit: each transaction's amount − fee must
 * be its net, and the nets must be the payout. A payout that fails either is parked with the
 * difference; the entry is never balanced with a plug.
 */
export function buildPayoutEntry(payout: Payout, accounts: PayoutAccounts): PayoutEntryResult {
  if (payout.status !== "paid" && payout.status !== "inTransit")
    return { ok: false, problem: { kind: "notSettled", status: payout.status } };
  if (payout.transactions.length === 0 && payout.net === 0) return { ok: false, problem: { kind: "empty" } };
  for (const t of payout.transactions) {
    const difference = t.amount - t.fee - t.net;
    if (difference !== 0)
      return { ok: false, problem: { kind: "transactionDoesNotAddUp", transactionId: t.id, difference } };
  }
  const expectedNet = payout.transactions.reduce((sum, t) => sum + t.net, 0);
  if (expectedNet !== payout.net) {
    return {
      ok: false,
      problem: {
        kind: "payoutDoesNotAddUp",
        expectedNet,
        net: payout.net,
        difference: payout.net - expectedNet,
      },
    };
  }

  const lines: PayoutEntryLine[] = [
    { account: accounts.bank, amount: payout.net, role: "bank", vatCode: null, transactionIds: [] },
  ];
  const withFees = payout.transactions.filter((t) => t.fee !== 0);
  const fees = withFees.reduce((sum, t) => sum + t.fee, 0);
  if (fees !== 0) {
    lines.push({
      account: accounts.fees,
      amount: fees,
      role: "fees",
      vatCode: accounts.feeVatCode,
      transactionIds: withFees.map((t) => t.id),
    });
  }
  for (const role of ["clearing", "disputes", "reserves", "adjustments"] as const) {
    const settled = payout.transactions.filter((t) => ROLE_OF[t.category] === role);
    const gross = settled.reduce((sum, t) => sum + t.amount, 0);
    if (settled.length === 0 || gross === 0) continue;
    // A sale raised the provider balance, so it leaves the clearing account as a credit.
    lines.push({
      account: accounts[role],
      amount: -gross,
      role,
      vatCode: null,
      transactionIds: settled.map((t) => t.id),
    });
  }
  return {
    ok: true,
    entry: {
      businessKey: `payout:${payout.source}:${payout.id}`,
      date: payout.issuedAt.slice(0, 10),
      currency: payout.currency,
      text: `Shopify Payments payout ${payout.id}`,
      lines,
    },
  };
}
