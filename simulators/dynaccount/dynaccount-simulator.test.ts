import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDynaccountSimulator, type RunningDynaccountSimulator } from "./dynaccount-simulator";

/**
 * The simulator through raw HTTP with hand-made signatures (node:crypto, not the project's
 * signing code), so the simulator is checked independently of the client.
 */

const readOnlyColumns = JSON.parse(
  readFileSync(new URL("../../test/fixtures/dynaccount/read-only-columns.json", import.meta.url), "utf8"),
) as Record<string, string[] | string>;

const officialExample = JSON.parse(
  readFileSync(
    new URL("../../test/fixtures/dynaccount/official-webshop-example.json", import.meta.url),
    "utf8",
  ),
) as { rows: Array<Record<string, string | number>> };

let sim: RunningDynaccountSimulator;

beforeAll(async () => {
  sim = await startDynaccountSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearRateLimit();
});

interface Call {
  path: string;
  query?: string;
  form?: Record<string, string | number>;
  secret?: string;
  apiId?: string;
  apiKey?: string;
  hash?: string | null;
  contentType?: string;
}

async function call(
  options: Call,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const { apiId = sim.company.apiId, apiKey = sim.company.apiKey, secret = sim.company.apiSecret } = options;
  const url = `${sim.url}/v7/${apiId}/${apiKey}/${options.path}/${options.query ? `?${options.query}` : ""}`;
  const body = options.form
    ? new URLSearchParams(Object.entries(options.form).map(([k, v]) => [k, String(v)])).toString()
    : "";
  const hash = createHash("sha1")
    .update(url.replace("http://", "") + body + secret)
    .digest("hex");
  const headers: Record<string, string> = {};
  if (options.hash !== null) headers["X-Hash"] = options.hash ?? hash;
  if (body) headers["Content-Type"] = options.contentType ?? "application/x-www-form-urlencoded";
  const response = await fetch(url, { method: body ? "POST" : "GET", headers, ...(body ? { body } : {}) });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

const rows = (body: Record<string, unknown>) => body.result as Array<Record<string, unknown>>;

async function createDebtor(number: number, extra: Record<string, string | number> = {}) {
  const response = await call({
    path: "put/debtor",
    form: { module_id_: number, name: `Kunde ${number}`, module_group_name: "Indland", ...extra },
  });
  expect(response.status).toBe(200);
  return rows(response.body)[0] as Record<string, unknown>;
}

/** A line booked straight on the sales account 1100 with 25 % VAT. */
function goodsLine(qty: number, price: string) {
  return { product_type: "ACCOUNT", account_id_: 1100, vatcode_name: "S25", qty, price, name: "Vare" };
}

async function createOrder(
  debtor: number,
  requisition: string,
  lines: Array<Record<string, string | number>>,
) {
  const order = rows(
    (await call({ path: "put/debtor_order", form: { module_id_: debtor, time: 1795521600, requisition } }))
      .body,
  )[0] as Record<string, unknown>;
  const form: Record<string, string | number> = {};
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries({ order_id: String(order.id), ...line }))
      form[`${key}[${index}]`] = value;
  });
  const inserted = await call({ path: "insert_bulk/debtor_order_product", form });
  expect(inserted.status).toBe(200);
  return order;
}

describe("authentication", () => {
  it("accepts a request signed with sha1(url without scheme + body + secret)", async () => {
    const response = await call({ path: "get/vatcode", query: "name=S25&select=id,name,percent" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(rows(response.body)).toEqual([{ id: expect.any(Number), name: "S25", percent: "25.00" }]);
  });

  it.each([
    ["a missing X-Hash", { hash: null }, "hash"],
    ["a wrong secret", { secret: "f".repeat(40) }, "hash"],
    ["a tampered hash", { hash: "0".repeat(40) }, "hash"],
    ["a wrong API key", { apiKey: "a".repeat(40) }, "api_key"],
    ["an unknown API ID", { apiId: "999" }, "api_id"],
  ] as const)("rejects %s with 401 and a field error", async (_label, overrides, field) => {
    const response = await call({ path: "get/account", ...overrides });
    expect(response.status).toBe(401);
    expect(Object.keys(response.body.error as object)).toEqual([field]);
    expect(response.body.result).toBeUndefined();
  });

  it("signs the body too: changing the body after signing is rejected", async () => {
    const url = `${sim.url}/v7/${sim.company.apiId}/${sim.company.apiKey}/put/draft/`;
    const hash = createHash("sha1")
      .update(url.replace("http://", "") + "name=A" + sim.company.apiSecret)
      .digest("hex");
    const response = await fetch(url, {
      method: "POST",
      headers: { "X-Hash": hash, "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=B",
    });
    expect(response.status).toBe(401);
    expect(sim.state.table("draft").where("name", "B")).toHaveLength(0);
  });

  it("answers other API versions with 404", async () => {
    const url = `${sim.url}/v6/${sim.company.apiId}/${sim.company.apiKey}/get/account/`;
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { version: expect.stringContaining("v7") } });
  });
});

describe("reads", () => {
  it("filters by any column, selects, orders and limits", async () => {
    const response = await call({
      path: "get/account",
      query: "type=BALANCE&is_bank=YES&select=account_id_,name&order=account_id_+desc&limit=1,2",
    });
    expect(rows(response.body)).toEqual([
      { account_id_: 5830, name: "Stripe" },
      { account_id_: 5820, name: "Shopify Payments" },
    ]);
  });

  it("reads one row by id and rejects unknown columns and tables", async () => {
    const one = await call({ path: "get/payment/2" });
    expect(rows(one.body)).toEqual([{ id: 2, name: "Netto 8 dage", type: "NET", days: 8 }]);
    const badColumn = await call({ path: "get/account", query: "colour=red" });
    expect(badColumn.status).toBe(400);
    expect(badColumn.body.error).toEqual({ colour: "Unknown column" });
    const badTable = await call({ path: "get/invoices" });
    expect(badTable.status).toBe(404);
  });
});

describe("writes", () => {
  it("requires form-encoded POST data", async () => {
    const response = await call({ path: "put/draft", form: { name: "X" }, contentType: "application/json" });
    expect(response.status).toBe(400);
    expect(response.body.error).toHaveProperty("content_type");
  });

  it("reports missing required columns as {error: {field: message}}", async () => {
    const response = await call({ path: "put/debtor", form: { email: "a@b.dk" } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { module_id_: "Required", name: "Required", module_group_name: "Required" },
    });
    expect(sim.state.table("debtor").rows).toHaveLength(0);
  });

  it.each(Object.entries(readOnlyColumns).filter(([table]) => table !== "source"))(
    "rejects writes to the read-only columns of %s",
    async (table, columns) => {
      const form = Object.fromEntries((columns as string[]).map((column) => [column, "1"]));
      const response = await call({ path: `put/${table}`, form });
      expect(response.status).toBe(400);
      const errors = response.body.error as Record<string, string>;
      for (const column of columns as string[]) expect(errors[column]).toBe("The column is read-only");
    },
  );

  it("fills debtor defaults from the debtor group and refuses a second debtor with the same number", async () => {
    const debtor = await createDebtor(501, { email: "kunde@example.dk" });
    expect(debtor).toMatchObject({
      module_id_: "501",
      payment_name: "Netto 8 dage",
      vatcode_name: "S25",
      ref_currency_name: "DKK",
      lang: "da",
      balance: "0.00",
    });
    const again = await call({
      path: "put/debtor",
      form: { module_id_: 501, name: "Other", module_group_name: "Indland" },
    });
    expect(again.status).toBe(400);
    expect((again.body.error as Record<string, string>).module_id_).toMatch(/already exists/);
  });

  it("updates a row with put/{table}/{id}/ and answers 404 for an unknown id", async () => {
    const debtor = await createDebtor(502);
    const updated = await call({ path: `put/debtor/${String(debtor.id)}`, form: { city: "Odense" } });
    expect(rows(updated.body)[0]).toMatchObject({ id: debtor.id, city: "Odense", name: "Kunde 502" });
    const missing = await call({ path: "put/debtor/9999", form: { city: "Odense" } });
    expect(missing.status).toBe(404);
  });

  it("rejects a whole bulk insert when one line is invalid, with errors per line", async () => {
    await createDebtor(503);
    const order = rows(
      (await call({ path: "put/debtor_order", form: { module_id_: 503, time: 1795521600 } })).body,
    )[0] as Record<string, unknown>;
    const response = await call({
      path: "insert_bulk/debtor_order_product",
      form: {
        "order_id[0]": String(order.id),
        "product_type[0]": "ACCOUNT",
        "account_id_[0]": 1100,
        "vatcode_name[0]": "S25",
        "qty[0]": 1,
        "price[0]": "10.00",
        "name[0]": "ok",
        "order_id[1]": String(order.id),
        "product_type[1]": "PRODUCT",
        "product_id_[1]": "NOPE",
        "qty[1]": 1,
        "price[1]": "10.000001",
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      "1": { product_id_: "Product NOPE does not exist", price: "Invalid amount for DKK" },
    });
    expect(sim.state.table("debtor_order_product").where("order_id", Number(order.id))).toHaveLength(0);
  });
});

describe("orders, invoices and numbering", () => {
  it("numbers orders, computes VAT per line and turns an order into a booked invoice with the next number", async () => {
    await createDebtor(601);
    await call({
      path: "put/product",
      form: { product_id_: "SKU-1", name: "T-shirt", price: "80.00", vatcode_name: "S25", account_id_: 1100 },
    });
    const stockBefore = Number(sim.state.table("product").where("product_id_", "SKU-1")[0]?.in_stock);
    const first = await createOrder(601, "ref-601-a", [
      { product_type: "PRODUCT", product_id_: "SKU-1", qty: 3, price: "33.33" },
      {
        product_type: "ACCOUNT",
        account_id_: 1200,
        vatcode_name: "S25",
        qty: 1,
        price: "29.00",
        name: "Fragt",
      },
    ]);
    const second = await createOrder(601, "ref-601-b", [
      { product_type: "ACCOUNT", account_id_: 1140, qty: 1, price: "5.00", name: "Gebyr" },
    ]);
    expect(Number(second.order_id_)).toBe(Number(first.order_id_) + 1);

    const stored = rows((await call({ path: `get/debtor_order/${String(first.id)}` })).body)[0];
    // 3 × 33.33 = 99.99 net, VAT 25.00 (24.9975 rounded); shipping 29.00 + 7.25.
    expect(stored).toMatchObject({ vat_amount: "32.25", total_amount: "161.24", is_invoiced: "NO" });

    const invoiced = await call({
      path: "action/invoice_debtor_order",
      form: { order_id: String(first.id) },
    });
    expect(invoiced.status).toBe(200);
    const invoice = rows(invoiced.body)[0] as Record<string, unknown>;
    expect(invoice).toMatchObject({
      is_booked: "YES",
      requisition: "ref-601-a",
      total_amount: "161.24",
      module_id_: "601",
    });
    expect(invoice.invoice_id_).toBe(sim.state.numbering.nextInvoiceNumber - 1);
    // Netto 8 dage from the debtor group.
    expect(Number(invoice.time_due) - Number(invoice.time)).toBe(8 * 86_400);
    expect(Number(sim.state.table("product").where("product_id_", "SKU-1")[0]?.in_stock)).toBe(
      stockBefore - 3,
    );

    const twice = await call({ path: "action/invoice_debtor_order", form: { order_id: String(first.id) } });
    expect(twice.status).toBe(400);
    expect((twice.body.error as Record<string, string>).order_id).toMatch(/already invoiced/);
    const locked = await call({ path: `delete/debtor_order/${String(first.id)}` });
    expect(locked.status).toBe(400);
  });

  it("credits a booked invoice with a credit note sharing the invoice number series, never beyond its total", async () => {
    await createDebtor(602);
    const order = await createOrder(602, "ref-602", [goodsLine(2, "100.00")]);
    const invoice = rows(
      (await call({ path: "action/invoice_debtor_order", form: { order_id: String(order.id) } })).body,
    )[0] as Record<string, unknown>;
    const note = rows(
      (
        await call({
          path: "put/debtor_creditnote",
          form: { invoice_id: String(invoice.id), time: 1795608000, requisition: "ref-602-r1" },
        })
      ).body,
    )[0] as Record<string, unknown>;
    expect(note).toMatchObject({
      credit_invoice_id_: invoice.invoice_id_,
      module_id_: "602",
      currency_name: "DKK",
      is_booked: "NO",
      invoice_id_: null,
    });
    const addLine = (qty: number) =>
      call({
        path: "insert_bulk/debtor_creditnote_product",
        form: Object.fromEntries(
          Object.entries({ creditnote_id: String(note.id), ...goodsLine(qty, "100.00") }).map(
            ([key, value]) => [`${key}[0]`, value],
          ),
        ),
      });
    await addLine(3);
    const tooMuch = await call({
      path: "action/book_debtor_creditnote",
      form: { creditnote_id: String(note.id) },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toHaveProperty("total_amount");

    const line = sim.state.table("debtor_creditnote_product").where("creditnote_id", Number(note.id))[0];
    await call({ path: `delete/debtor_creditnote_product/${String(line?.id)}` });
    await addLine(1);
    const booked = await call({
      path: "action/book_debtor_creditnote",
      form: { creditnote_id: String(note.id) },
    });
    expect(rows(booked.body)[0]).toMatchObject({
      is_booked: "YES",
      invoice_id_: Number(invoice.invoice_id_) + 1,
      total_amount: "125.00",
    });
    expect(sim.state.table("debtor_invoice").byId(Number(invoice.id))).toMatchObject({
      is_credited: "YES",
      is_credited_complete: "NO",
    });
    const deleteBooked = await call({ path: `delete/debtor_creditnote/${String(note.id)}` });
    expect(deleteBooked.status).toBe(400);
    expect(deleteBooked.body.error).toEqual({ id: "A booked credit note cannot be deleted" });
  });

  it("deletes a draft order together with its lines", async () => {
    await createDebtor(604);
    const order = await createOrder(604, "ref-604", [goodsLine(1, "10.00")]);
    const lines = () => sim.state.table("debtor_order_product").where("order_id", Number(order.id));
    expect(lines()).toHaveLength(1);
    const deleted = await call({ path: `delete/debtor_order/${String(order.id)}` });
    expect(deleted.status).toBe(200);
    expect(sim.state.table("debtor_order").byId(Number(order.id))).toBeUndefined();
    expect(lines()).toHaveLength(0);
  });

  it("numbers vouchers and sends booked invoices by e-mail only", async () => {
    const first = rows(
      (await call({ path: "put/enclosure", form: { time: 1795521600, draft_id: 1, enc_id_: "", txt: "a" } }))
        .body,
    )[0];
    const second = rows(
      (await call({ path: "put/enclosure", form: { time: 1795521600, draft_id: 1, txt: "b" } })).body,
    )[0];
    expect(Number(second?.enc_id_)).toBe(Number(first?.enc_id_) + 1);
    const unbalanced = await call({
      path: "put/accounting",
      form: {
        enclosure_id: String(first?.id),
        type: "DEBTOR_PAYMENT",
        account_id_: 5820,
        accountoff_id_: 77777,
        amount: "10.00",
      },
    });
    expect(unbalanced.body.error).toEqual({ accountoff_id_: "Debtor 77777 does not exist" });

    const notBooked = await call({
      path: "action/send_debtor_invoice",
      form: { invoice_id: 9999, email: "x@example.dk", msg: "hi", is_attached: "YES" },
    });
    expect(notBooked.status).toBe(400);
    expect(sim.state.emails).toHaveLength(0);
  });
});

describe("vouchers", () => {
  it("takes the official library's example sale voucher in one bulk insert and finds it balanced", async () => {
    await createDebtor(15466);
    const voucher = rows(
      (
        await call({
          path: "put/enclosure",
          form: { time: 1795521600, draft_id: 1, enc_id_: "", txt: "Prestashop order: 1042", note: "" },
        })
      ).body,
    )[0];
    const form: Record<string, string | number> = {};
    officialExample.rows.forEach((row, index) => {
      for (const [key, value] of Object.entries({ enclosure_id: String(voucher?.id), ...row }))
        form[`${key}[${index}]`] = value;
    });
    const inserted = await call({ path: "insert_bulk/accounting", form });
    expect(inserted.status).toBe(200);
    expect(rows(inserted.body)).toHaveLength(4);
    expect(sim.state.table("enclosure").byId(Number(voucher?.id))).toMatchObject({
      balance_amount: "0.00",
      is_booked: "NO",
    });
    const deleted = await call({ path: `delete/enclosure/${String(voucher?.id)}` });
    expect(deleted.status).toBe(200);
    expect(sim.state.table("accounting").where("enclosure_id", Number(voucher?.id))).toHaveLength(0);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once the configured window is full, and recovers after it", async () => {
    sim.setRateLimit(2, 1000);
    expect((await call({ path: "get/year" })).status).toBe(200);
    expect((await call({ path: "get/year" })).status).toBe(200);
    const limited = await call({ path: "get/year" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toHaveProperty("rate_limit");
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get("retry-after")) * 1000));
    expect((await call({ path: "get/year" })).status).toBe(200);
  });
});
