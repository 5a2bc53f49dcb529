import type { SimRequest, SimResponse } from "../kit/router";
import { FieldReader, readRoot } from "./sim-body";
import { checkOrganization } from "./sim-contacts";
import { SimNotFoundError, SimValidationError } from "./sim-errors";
import { toMinor } from "./sim-products";
import { money } from "./sim-serialize";
import { type BillySimState, newBillyId } from "./sim-state";

/**
 * /v2/daybookTransactions: transactions in the daybook (kassekladde), one line per account with
 * a positive `amount` and a `side`; a line with `contraAccountId` balances itself. A draft may
 * be unbalanced; an `approved` transaction is booked, so Billy refuses it unless debit equals
 * credit. Kept beside the simulator state (keyed by it) so a test can read account balances.
 */

interface DaybookLine {
  id: string;
  accountId: string;
  contraAccountId: string | null;
  side: "debit" | "credit";
  amountMinor: number;
  currencyId: string;
  taxRateId: string | null;
  text: string | null;
  priority: number;
}

interface DaybookTransaction {
  id: string;
  organizationId: string;
  daybookId: string;
  entryDate: string;
  voucherNo: string | null;
  description: string | null;
  state: "draft" | "approved" | "voided";
  createdTime: string;
  lines: DaybookLine[];
}

const DEFAULT_DAYBOOK_ID = "daybook-kassekladde";
const daybooks = new WeakMap<BillySimState, Map<string, DaybookTransaction>>();

function transactionsOf(state: BillySimState): Map<string, DaybookTransaction> {
  let found = daybooks.get(state);
  if (!found) {
    found = new Map();
    daybooks.set(state, found);
  }
  return found;
}

export function createDaybookTransaction(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("daybookTransaction", readRoot(request, "daybookTransaction"));
  checkOrganization(state, fields);
  const daybookId = fields.string("daybookId") ?? DEFAULT_DAYBOOK_ID;
  if (daybookId !== DEFAULT_DAYBOOK_ID) fields.fail("daybookId", `Unknown daybook ${daybookId}.`);
  const entryDate = fields.date("entryDate", { required: true });
  const description = fields.string("description") ?? null;
  if (description && description.length > 255) fields.fail("description", "description is too long.");
  const voucherNo = fields.string("voucherNo") ?? null;
  const txState = fields.oneOf("state", ["draft", "approved"] as const) ?? "draft";
  const rawLines = fields.array("lines") ?? [];
  if (rawLines.length === 0) fields.fail("lines", "A transaction needs at least one line.");

  const lines: DaybookLine[] = rawLines.map((raw, index) => {
    const line = new FieldReader("daybookTransactionLine", raw);
    const accountId = line.string("accountId", { required: true }) ?? "";
    const account = state.accounts.get(accountId);
    if (accountId && (!account || account.isArchived))
      line.fail("accountId", `Unknown or archived account ${accountId}.`);
    const contraAccountId = line.string("contraAccountId") ?? null;
    if (contraAccountId && !state.accounts.get(contraAccountId))
      line.fail("contraAccountId", `Unknown account ${contraAccountId}.`);
    const side = line.oneOf("side", ["debit", "credit"] as const);
    if (!line.has("side")) line.fail("side", "side is required.");
    const amount = line.number("amount", { required: true });
    if (amount !== undefined && amount <= 0)
      line.fail("amount", "amount must be positive; the side says debit or credit.");
    const currencyId = line.string("currencyId") ?? state.organization.baseCurrencyId;
    if (!state.currencies.has(currencyId)) line.fail("currencyId", `Unknown currency ${currencyId}.`);
    const taxRateId = line.string("taxRateId") ?? null;
    if (taxRateId && !state.taxRates.has(taxRateId)) line.fail("taxRateId", `Unknown tax rate ${taxRateId}.`);
    for (const [name, message] of Object.entries(line.errors)) fields.fail(`lines.${index}.${name}`, message);
    return {
      id: newBillyId(),
      accountId,
      contraAccountId,
      side: side ?? "debit",
      amountMinor: amount !== undefined && state.currencies.has(currencyId) ? toMinor(amount, currencyId) : 0,
      currencyId,
      taxRateId,
      text: line.string("text") ?? null,
      priority: line.integer("priority") ?? index + 1,
    };
  });
  fields.done();

  if (txState === "approved") {
    const dkk = (line: DaybookLine) => inBase(state, line.amountMinor, line.currencyId);
    const open = lines.filter((line) => line.contraAccountId === null);
    const debit = open.filter((line) => line.side === "debit").reduce((sum, line) => sum + dkk(line), 0);
    const credit = open.filter((line) => line.side === "credit").reduce((sum, line) => sum + dkk(line), 0);
    if (debit !== credit) {
      throw new SimValidationError("daybookTransaction", {
        lines: `The transaction does not balance: debit ${debit / 100}, credit ${credit / 100}.`,
      });
    }
  }
  const transaction: DaybookTransaction = {
    id: newBillyId(),
    organizationId: state.organization.id,
    daybookId,
    entryDate: entryDate ?? "",
    voucherNo,
    description,
    state: txState,
    createdTime: state.now().toISOString(),
    lines,
  };
  transactionsOf(state).set(transaction.id, transaction);
  return {
    status: 200,
    body: {
      meta: { statusCode: 200, success: true },
      daybookTransactions: [toWire(transaction)],
      daybookTransactionLines: transaction.lines.map((line) => lineToWire(transaction, line)),
    },
  };
}

export function getDaybookTransaction(state: BillySimState, request: SimRequest): SimResponse {
  const transaction = transactionsOf(state).get(request.params.id ?? "");
  if (!transaction) throw new SimNotFoundError("daybookTransaction", request.params.id ?? "");
  return {
    status: 200,
    body: { meta: { statusCode: 200, success: true }, daybookTransaction: toWire(transaction) },
  };
}

/** Filters: `q` (description and voucher number), `state`, `daybookId`, `minEntryDate`, `maxEntryDate`. */
export function listDaybookTransactions(state: BillySimState, request: SimRequest): SimResponse {
  const query = request.query;
  const q = query.get("q")?.toLowerCase();
  const found = [...transactionsOf(state).values()].filter(
    (t) =>
      (!q || `${t.description ?? ""} ${t.voucherNo ?? ""}`.toLowerCase().includes(q)) &&
      (!query.get("state") || t.state === query.get("state")) &&
      (!query.get("daybookId") || t.daybookId === query.get("daybookId")) &&
      (!query.get("minEntryDate") || t.entryDate >= (query.get("minEntryDate") ?? "")) &&
      (!query.get("maxEntryDate") || t.entryDate <= (query.get("maxEntryDate") ?? "")),
  );
  const pageSize = Math.min(1000, Math.max(1, Number(query.get("pageSize") ?? 100) || 100));
  const pageCount = Math.max(1, Math.ceil(found.length / pageSize));
  const page = Math.min(Math.max(1, Number(query.get("page") ?? 1) || 1), pageCount);
  return {
    status: 200,
    body: {
      meta: { statusCode: 200, success: true, paging: { page, pageCount, pageSize, total: found.length } },
      daybookTransactions: found.slice((page - 1) * pageSize, page * pageSize).map(toWire),
    },
  };
}

/**
 * Each account's balance (debit positive, minor units of the base currency) from approved
 * daybook transactions and the bank payments that are not voided (cash account debited for a
 * deposit, credited for a withdrawal).
 */
export function billyAccountBalances(state: BillySimState): Map<string, number> {
  const balances = new Map<string, number>();
  const add = (accountId: string | null, amount: number) => {
    if (!accountId) return;
    balances.set(accountId, (balances.get(accountId) ?? 0) + amount);
  };
  for (const t of transactionsOf(state).values()) {
    if (t.state !== "approved") continue;
    for (const line of t.lines) {
      const signed = (line.side === "debit" ? 1 : -1) * inBase(state, line.amountMinor, line.currencyId);
      add(line.accountId, signed);
      add(line.contraAccountId, -signed);
    }
  }
  for (const payment of state.bankPayments.values()) {
    if (payment.isVoided) continue;
    const currencyId =
      state.accounts.get(payment.cashAccountId)?.currencyId ?? state.organization.baseCurrencyId;
    add(
      payment.cashAccountId,
      (payment.cashSide === "debit" ? 1 : -1) * inBase(state, payment.cashAmountMinor, currencyId),
    );
  }
  return balances;
}

function inBase(state: BillySimState, minor: number, currencyId: string): number {
  if (currencyId === state.organization.baseCurrencyId) return minor;
  return Math.round(minor * (state.currencies.get(currencyId)?.exchangeRate ?? 1));
}

function toWire(t: DaybookTransaction) {
  return {
    id: t.id,
    organizationId: t.organizationId,
    daybookId: t.daybookId,
    entryDate: t.entryDate,
    voucherNo: t.voucherNo,
    description: t.description,
    state: t.state,
    createdTime: t.createdTime,
    lineIds: t.lines.map((line) => line.id),
  };
}

function lineToWire(t: DaybookTransaction, line: DaybookLine) {
  return {
    id: line.id,
    daybookTransactionId: t.id,
    accountId: line.accountId,
    contraAccountId: line.contraAccountId,
    side: line.side,
    amount: money(line.amountMinor, line.currencyId),
    currencyId: line.currencyId,
    taxRateId: line.taxRateId,
    text: line.text,
    priority: line.priority,
  };
}
