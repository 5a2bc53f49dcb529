import { currency, exponentOf } from "../../app/domain/money";
import type { SimRequest, SimResponse } from "../kit/router";
import { FieldReader, readRoot } from "./sim-body";
import { checkOrganization } from "./sim-contacts";
import { SimNotFoundError } from "./sim-errors";
import { toMinor } from "./sim-products";
import { parseInclude, ResponseBuilder } from "./sim-serialize";
import { roundMinor } from "./sim-tax";
import {
  type BillySimState,
  type SimBalanceModifier,
  type SimBankPayment,
  type SimInvoice,
  newBillyId,
} from "./sim-state";

/**
 * /v2/bankPayments: a deposit (`debit`) or withdrawal (`credit`) on a payment-enabled account,
 * settling the invoices / credit notes named in `associations` ("invoice:<id>"). Invoices are
 * paid with `debit`; refunds of credit notes with `credit` (Billy documents `credit` only for
 * bills; the simulator assumes the symmetric rule and rejects the opposite side).
 */

export function listBankPayments(state: BillySimState, request: SimRequest): SimResponse {
  let payments = [...state.bankPayments.values()];
  const contactId = request.query.get("contactId");
  if (contactId !== null) payments = payments.filter((p) => p.contactId === contactId);
  const cashAccountId = request.query.get("cashAccountId");
  if (cashAccountId !== null) payments = payments.filter((p) => p.cashAccountId === cashAccountId);
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).list(
    "bankPayment",
    payments,
    request.query,
    request.path,
  );
}

export function getBankPayment(state: BillySimState, request: SimRequest): SimResponse {
  const payment = state.bankPayments.get(request.params.id ?? "");
  if (!payment) throw new SimNotFoundError("bankPayment", request.params.id ?? "");
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single(
    "bankPayment",
    payment,
  );
}

export function createBankPayment(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("bankPayment", readRoot(request, "bankPayment"));
  checkOrganization(state, fields);
  const entryDate = fields.date("entryDate", { required: true });
  const cashAmount = fields.number("cashAmount", { required: true });
  if (cashAmount !== undefined && cashAmount <= 0) fields.fail("cashAmount", "cashAmount must be positive.");
  const cashSide = fields.oneOf("cashSide", ["debit", "credit"] as const);
  if (!fields.has("cashSide")) fields.fail("cashSide", "cashSide is required.");
  const cashAccountId = fields.string("cashAccountId", { required: true });
  const cashAccount = cashAccountId ? state.accounts.get(cashAccountId) : undefined;
  if (cashAccountId && !cashAccount) fields.fail("cashAccountId", `Unknown account ${cashAccountId}.`);
  else if (cashAccount && !cashAccount.isPaymentEnabled) {
    fields.fail(
      "cashAccountId",
      `The account ${cashAccount.accountNo} ${cashAccount.name} must have isPaymentEnabled set to true.`,
    );
  }
  const feeAmount = fields.number("feeAmount") ?? 0;
  if (feeAmount < 0) fields.fail("feeAmount", "feeAmount must be positive.");
  const feeAccountId = fields.string("feeAccountId");
  if (feeAmount > 0 && !feeAccountId)
    fields.fail("feeAccountId", "feeAccountId is required when feeAmount is set.");
  if (feeAccountId && state.accounts.get(feeAccountId)?.natureId !== "expense") {
    fields.fail("feeAccountId", "The fee account must be an expense account.");
  }
  const subjects = readAssociations(state, fields, cashSide);
  const cashCurrency = cashAccount?.currencyId ?? state.organization.baseCurrencyId;
  const subjectCurrency = subjects[0]?.currencyId ?? cashCurrency;
  if (subjects.some((s) => s.currencyId !== subjectCurrency)) {
    fields.fail("associations", "All associations must point to subjects in the same currency.");
  }
  let cashExchangeRate = fields.number("cashExchangeRate");
  if (subjectCurrency !== cashCurrency && cashExchangeRate === undefined) {
    fields.fail(
      "cashExchangeRate",
      `cashExchangeRate is required when paying ${subjectCurrency} from a ${cashCurrency} account.`,
    );
  }
  fields.done();
  if (subjectCurrency === cashCurrency) cashExchangeRate = 1;

  const cashMinor = toMinor(cashAmount ?? 0, cashCurrency);
  const feeMinor = toMinor(feeAmount, cashCurrency);
  // Deposits credit the subject with cash + fee (a 95 payout and a 5 fee settle 100).
  const settledMajor =
    (cashMinor + feeMinor) / 10 ** exponentOf(currency(cashCurrency)) / (cashExchangeRate ?? 1);
  let remaining = roundMinor(settledMajor * 10 ** exponentOf(currency(subjectCurrency)));

  const payment: SimBankPayment = {
    id: newBillyId(),
    organizationId: state.organization.id,
    contactId: fields.string("contactId") ?? subjects[0]?.contactId ?? "",
    createdTime: state.now().toISOString(),
    entryDate: entryDate ?? "",
    cashAmountMinor: cashMinor,
    cashSide: cashSide ?? "debit",
    cashAccountId: cashAccountId ?? "",
    cashExchangeRate: cashExchangeRate ?? 1,
    subjectCurrencyId: subjectCurrency,
    feeAmountMinor: feeMinor,
    feeAccountId: feeAccountId ?? null,
    isVoided: false,
    associationIds: [],
  };
  const modifiers: SimBalanceModifier[] = [];
  for (const subject of subjects) {
    // Overpayment beyond the subjects' balances goes to the contact's prepayment balance.
    const applied = Math.min(remaining, subject.balanceMinor);
    remaining -= applied;
    subject.balanceMinor -= applied;
    subject.isPaid = subject.balanceMinor === 0;
    const modifier: SimBalanceModifier = {
      id: newBillyId(),
      modifierReference: `bankPayment:${payment.id}`,
      subjectReference: `invoice:${subject.id}`,
      amountMinor: -applied,
      isVoided: false,
    };
    state.balanceModifiers.set(modifier.id, modifier);
    payment.associationIds.push(modifier.id);
    modifiers.push(modifier);
  }
  state.bankPayments.set(payment.id, payment);
  return new ResponseBuilder(state).changed([
    { resource: "bankPayment", record: payment },
    ...modifiers.map((record) => ({ resource: "balanceModifier", record })),
    ...subjects.map((record) => ({ resource: "invoice", record })),
  ]);
}

/** Only `isVoided: true` can be set; a voided payment cannot be un-voided. */
export function updateBankPayment(state: BillySimState, request: SimRequest): SimResponse {
  const payment = state.bankPayments.get(request.params.id ?? "");
  if (!payment) throw new SimNotFoundError("bankPayment", request.params.id ?? "");
  const fields = new FieldReader("bankPayment", readRoot(request, "bankPayment"));
  fields.immutable(
    [
      "entryDate",
      "cashAmount",
      "cashSide",
      "cashAccountId",
      "associations",
      "cashExchangeRate",
      "feeAmount",
      "feeAccountId",
    ],
    "{name} can't be changed after the payment has been created.",
  );
  const isVoided = fields.boolean("isVoided");
  if (isVoided === false && payment.isVoided) fields.fail("isVoided", "A voided payment can't be un-voided.");
  fields.done();
  const touched: SimInvoice[] = [];
  if (isVoided && !payment.isVoided) {
    payment.isVoided = true;
    for (const id of payment.associationIds) {
      const modifier = state.balanceModifiers.get(id);
      const subject = state.invoices.get(modifier?.subjectReference.split(":")[1] ?? "");
      if (!modifier || !subject) continue;
      modifier.isVoided = true;
      subject.balanceMinor -= modifier.amountMinor;
      subject.isPaid = subject.balanceMinor === 0;
      touched.push(subject);
    }
  }
  return new ResponseBuilder(state).changed([
    { resource: "bankPayment", record: payment },
    ...touched.map((record) => ({ resource: "invoice", record })),
  ]);
}

function readAssociations(
  state: BillySimState,
  fields: FieldReader,
  cashSide: string | undefined,
): SimInvoice[] {
  const raw = fields.array("associations");
  if (!raw || raw.length === 0) {
    fields.fail("associations", "At least one association is required.");
    return [];
  }
  const subjects: SimInvoice[] = [];
  raw.forEach((association, index) => {
    const reference = association.subjectReference;
    const match = typeof reference === "string" ? /^invoice:(.+)$/.exec(reference) : null;
    const subject = match ? state.invoices.get(match[1] ?? "") : undefined;
    const key = `associations.${index}.subjectReference`;
    if (!match) fields.fail(key, "subjectReference must look like invoice:<id>.");
    else if (!subject) fields.fail(key, `Unknown subject ${String(reference)}.`);
    else if (subject.state !== "approved") fields.fail(key, "Only approved invoices can be paid.");
    else if (cashSide && cashSide !== (subject.type === "invoice" ? "debit" : "credit")) {
      fields.fail(
        "cashSide",
        subject.type === "invoice"
          ? "Payments of invoices must use cashSide debit."
          : "Refunds of credit notes must use cashSide credit.",
      );
    } else subjects.push(subject);
  });
  return subjects;
}
