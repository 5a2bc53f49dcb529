import { createHash } from "node:crypto";
import { currencyOf, parseAmount, parseQuantity } from "./sim-amounts";
import { ADDRESS_COLUMNS, DELIVERY_COLUMNS, TOTAL_COLUMNS } from "./sim-columns";
import type { DynaccountSimState, SimRow, SimValue } from "./sim-store";
import { EMAIL_PATTERN, findByName, findDebtor, isBlank, text, type FieldErrors } from "./sim-values";

/**
 * `…/action/{name}/`: `send_debtor_invoice` is the official library's action; turning an order
 * into a booked invoice and booking a credit note are not in any public source, so their names
 * (`invoice_debtor_order`, `book_debtor_creditnote`) follow the API's verb_table pattern and are
 * documented as assumptions in docs/ledgers/dynaccount.md.
 */

export type ActionOutcome =
  { rows: Array<Record<string, SimValue>> } | { status: number; errors: FieldErrors };

type Action = (params: Record<string, string>, state: DynaccountSimState, now: number) => ActionOutcome;

const ACTIONS: Record<string, { params: readonly string[]; run: Action }> = {
  invoice_debtor_order: { params: ["order_id"], run: invoiceOrder },
  book_debtor_creditnote: { params: ["creditnote_id"], run: bookCreditNote },
  send_debtor_invoice: { params: ["invoice_id", "email", "msg", "is_attached"], run: sendInvoice },
};

export function runAction(
  name: string,
  form: URLSearchParams,
  state: DynaccountSimState,
  now: number,
): ActionOutcome {
  const action = ACTIONS[name];
  if (!action) return { status: 404, errors: { action: `Unknown action "${name}"` } };
  const params: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const [key, value] of form) {
    if (action.params.includes(key)) params[key] = value;
    else errors[key] = "Unknown parameter";
  }
  return Object.keys(errors).length > 0 ? { status: 400, errors } : action.run(params, state, now);
}

function invoiceOrder(params: Record<string, string>, state: DynaccountSimState, now: number): ActionOutcome {
  const order = state.table("debtor_order").byId(Number(params.order_id));
  if (!order) return invalid({ order_id: "Order not found" });
  if (order.is_invoiced === "YES")
    return invalid({ order_id: `Order ${text(order.order_id_)} is already invoiced` });
  const lines = state.table("debtor_order_product").where("order_id", order.id);
  if (lines.length === 0) return invalid({ order_id: "The order has no lines" });
  const customer = findDebtor(state, order.module_id_);
  if (!customer) return invalid({ module_id_: "Debtor not found" });

  const number = state.numbering.nextInvoiceNumber++;
  const time = Number(order.time);
  const paymentName = isBlank(order.payment_name)
    ? (customer.payment_name ?? "")
    : (order.payment_name ?? "");
  const copied = pick(order, [
    "module_id_",
    "module_id",
    "time",
    "currency_name",
    "requisition",
    "txt",
    "lang",
    ...ADDRESS_COLUMNS,
    ...DELIVERY_COLUMNS,
    "dimension_name",
    ...TOTAL_COLUMNS,
  ]);
  const invoice = state.table("debtor_invoice").insert({
    ...copied,
    order_id: order.id,
    invoice_id_: number,
    time_due: dueDate(state, time, paymentName),
    payment_name: paymentName,
    currency_rate: findByName(state, "currency", order.currency_name)?.rate ?? "100.000000",
    is_booked: "YES",
    is_system: "NO",
    is_matched: "NO",
    is_reminder: "NO",
    is_credited: "NO",
    is_credited_complete: "NO",
    is_subscription: "NO",
    is_seen: "NO",
    fi_payment_id_: "",
    accountoff_id: customer.id,
    sha1_ref: sha1(`${state.company.apiId}:invoice:${number}`),
    public_url: `https://secure.dynaccount.com/public/invoice/${sha1(`${state.company.apiId}:invoice:${number}`)}`,
    time_booked: now,
  });
  for (const line of lines) {
    const copy: Record<string, SimValue> = { ...line, invoice_id: invoice.id, qty_credited: "0" };
    delete copy.id;
    delete copy.order_id;
    state.table("debtor_invoice_product").insert(copy);
    adjustStock(state, line, -1, now);
  }
  Object.assign(order, { is_invoiced: "YES", is_approved: "YES", invoice_id: invoice.id });
  return { rows: [{ ...invoice }] };
}

function bookCreditNote(
  params: Record<string, string>,
  state: DynaccountSimState,
  now: number,
): ActionOutcome {
  const note = state.table("debtor_creditnote").byId(Number(params.creditnote_id));
  if (!note) return invalid({ creditnote_id: "Credit note not found" });
  if (note.is_booked === "YES")
    return invalid({ creditnote_id: `Credit note ${text(note.invoice_id_)} is already booked` });
  const lines = state.table("debtor_creditnote_product").where("creditnote_id", note.id);
  if (lines.length === 0) return invalid({ creditnote_id: "The credit note has no lines" });
  const invoice = state.table("debtor_invoice").byId(Number(note.invoice_id));
  const code = currencyOf(note.currency_name);
  if (!invoice || !code) return invalid({ invoice_id: "Invoice not found" });

  const total = (row: SimRow) => parseAmount(row.total_amount as string, code) ?? 0;
  const alreadyCredited = state
    .table("debtor_creditnote")
    .where("invoice_id", invoice.id)
    .filter((other) => other.is_booked === "YES")
    .reduce((sum, other) => sum + total(other), 0);
  const remaining = total(invoice) - alreadyCredited;
  if (total(note) > remaining) {
    return invalid({
      total_amount: `The credit note exceeds what is left to credit on invoice ${text(invoice.invoice_id_)}`,
    });
  }

  const number = state.numbering.nextInvoiceNumber++;
  Object.assign(note, {
    is_booked: "YES",
    invoice_id_: number,
    sha1_ref: sha1(`${state.company.apiId}:creditnote:${number}`),
    time_booked: now,
  });
  Object.assign(invoice, {
    is_credited: "YES",
    is_credited_complete: total(note) === remaining ? "YES" : "NO",
  });
  const invoiceLines = state.table("debtor_invoice_product").where("invoice_id", invoice.id);
  for (const line of lines) {
    const match = invoiceLines.find(
      (candidate) => !isBlank(line.product_id_) && text(candidate.product_id_) === text(line.product_id_),
    );
    if (match) match.qty_credited = addQuantity(match.qty_credited ?? "0", line.qty ?? "0", 1);
    adjustStock(state, line, 1, now);
  }
  return { rows: [{ ...note }] };
}

function sendInvoice(params: Record<string, string>, state: DynaccountSimState, now: number): ActionOutcome {
  const errors: FieldErrors = {};
  const invoice = state.table("debtor_invoice").byId(Number(params.invoice_id));
  if (!invoice) errors.invoice_id = "Invoice not found";
  else if (invoice.is_booked !== "YES") errors.invoice_id = "Only booked invoices can be sent";
  if (!EMAIL_PATTERN.test(params.email ?? "")) errors.email = "Invalid e-mail address";
  const attached = params.is_attached ?? "YES";
  if (attached !== "YES" && attached !== "NO") errors.is_attached = "Must be YES or NO";
  if (Object.keys(errors).length > 0 || !invoice) return invalid(errors);
  state.emails.push({
    invoiceId: invoice.id,
    invoiceNumber: Number(invoice.invoice_id_),
    email: params.email ?? "",
    msg: params.msg ?? "",
    attached: attached === "YES",
    at: now,
  });
  invoice.is_seen = "NO";
  return {
    rows: [
      {
        invoice_id: invoice.id,
        invoice_id_: invoice.invoice_id_ ?? null,
        email: params.email ?? "",
        is_sent: "YES",
      },
    ],
  };
}

function invalid(errors: FieldErrors): ActionOutcome {
  return { status: 400, errors };
}

function pick(row: SimRow, columns: readonly string[]): Record<string, SimValue> {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
}

function dueDate(state: DynaccountSimState, time: number, paymentName: SimValue): number {
  const term = findByName(state, "payment", paymentName);
  const days = Number(term?.days ?? 0);
  if (term?.type === "CURRENT_MONTH") {
    const date = new Date(time * 1000);
    const endOfMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0, 12) / 1000;
    return endOfMonth + days * 86_400;
  }
  return time + days * 86_400;
}

function adjustStock(state: DynaccountSimState, line: SimRow, direction: 1 | -1, now: number): void {
  if (line.product_type !== "PRODUCT") return;
  const item = state.table("product").byId(Number(line.product_id));
  if (!item || item.is_stocked !== "YES") return;
  item.in_stock = addQuantity(item.in_stock ?? "0", line.qty ?? "0", direction);
  item.time_stock_change = now;
}

function addQuantity(current: SimValue, delta: SimValue, direction: 1 | -1): string {
  const hundredths = (parseQuantity(current) ?? 0) + direction * (parseQuantity(delta) ?? 0);
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  const fraction = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${fraction === 0 ? "" : `.${String(fraction).padStart(2, "0")}`}`;
}

function sha1(value: string): string {
  return createHash("sha1").update(value).digest("hex");
}
