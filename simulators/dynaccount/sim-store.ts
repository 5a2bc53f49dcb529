/**
 * In-memory tables of one simulated Dynaccount company. Rows are flat column → value records
 * as the API returns them: internal ids are integers, amounts decimal strings, flags "YES"/"NO",
 * times Unix timestamps.
 */

export type SimValue = string | number | null;
export type SimRow = Record<string, SimValue> & { id: number };

export class SimTable {
  readonly rows: SimRow[] = [];
  private nextId = 1;

  constructor(readonly name: string) {}

  insert(values: Record<string, SimValue>): SimRow {
    const row = { ...values, id: this.nextId++ } as SimRow;
    this.rows.push(row);
    return row;
  }

  byId(id: number): SimRow | undefined {
    return this.rows.find((row) => row.id === id);
  }

  /** Case-insensitive equality, like the MySQL collation behind the real API. */
  where(column: string, value: SimValue): SimRow[] {
    const wanted = normalise(value);
    return this.rows.filter((row) => normalise(row[column] ?? null) === wanted);
  }

  remove(id: number): boolean {
    const index = this.rows.findIndex((row) => row.id === id);
    if (index < 0) return false;
    this.rows.splice(index, 1);
    return true;
  }
}

export function normalise(value: SimValue): string {
  return value === null ? "" : String(value).trim().toLowerCase();
}

/** Tables of the v7 API (the gem's model list); unknown names answer 404. */
export const DYNACCOUNT_TABLES = [
  "account",
  "accounting",
  "accounting_bank",
  "bank",
  "bank_recon",
  "contact",
  "contact_user",
  "currency",
  "data_voucher",
  "debtor",
  "debtor_accounting_module",
  "debtor_creditnote",
  "debtor_creditnote_product",
  "debtor_creditnote_product_list",
  "debtor_group",
  "debtor_group_product_discount",
  "debtor_group_product_group_discount",
  "debtor_invoice",
  "debtor_invoice_match",
  "debtor_invoice_product",
  "debtor_invoice_product_list",
  "debtor_order",
  "debtor_order_product",
  "debtor_order_product_list",
  "debtor_order_product_serialno",
  "debtor_product_discount",
  "debtor_product_group_discount",
  "debtor_quote",
  "debtor_quote_product",
  "debtor_quote_product_list",
  "debtor_reminder",
  "debtor_subscription",
  "debtor_subscription_group",
  "debtor_subscription_group_product",
  "debtor_subscription_group_product_list",
  "debtor_subscription_product",
  "debtor_subscription_product_list",
  "dimension",
  "draft",
  "enclosure",
  "followup",
  "location",
  "opportunity",
  "payment",
  "product",
  "product_currency",
  "product_group",
  "product_list",
  "product_list_product",
  "product_supplier",
  "stock_adjustment",
  "unit",
  "vatcode",
  "year",
  "year_period",
  "creditor",
  "creditor_accounting_module",
  "creditor_group",
  "creditor_invoice",
  "creditor_invoice_match",
  "creditor_invoice_product",
  "creditor_order",
  "creditor_order_product",
  "creditor_order_product_serialno",
] as const;

export interface SentEmail {
  invoiceId: number;
  invoiceNumber: number;
  email: string;
  msg: string;
  attached: boolean;
  at: number;
}

export interface DynaccountCompany {
  apiId: string;
  apiKey: string;
  apiSecret: string;
  name: string;
}

export class DynaccountSimState {
  readonly tables = new Map<string, SimTable>();
  readonly emails: SentEmail[] = [];
  /** Dynaccount's own sequences; invoices and credit notes share one series. */
  readonly numbering = { nextInvoiceNumber: 1001, nextOrderNumber: 5001, nextVoucherNumber: 1 };

  constructor(readonly company: DynaccountCompany) {
    for (const name of DYNACCOUNT_TABLES) this.tables.set(name, new SimTable(name));
  }

  table(name: string): SimTable {
    const table = this.tables.get(name);
    if (!table) throw new Error(`Unknown table ${name}`);
    return table;
  }

  hasTable(name: string): boolean {
    return this.tables.has(name);
  }
}
