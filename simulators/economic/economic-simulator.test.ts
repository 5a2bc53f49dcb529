import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEconomicSimulator, startEconomicSimulator } from "./economic-simulator";

/** A parsed JSON answer, indexable to any depth for assertions. */
interface Json {
  [key: string]: Json;
  [index: number]: Json;
}

let sim: RunningEconomicSimulator;

beforeAll(async () => {
  sim = await startEconomicSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.bucket.configure(10_000, 60_000);
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      "X-AppSecretToken": sim.tokens.appSecretToken,
      "X-AgreementGrantToken": sim.tokens.agreementGrantToken,
      "Content-Type": "application/json",
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: (text ? JSON.parse(text) : {}) as Json,
  };
}

/** The annotated errors reported at a path of the request, e.g. ("lines", 0, "unitNetPrice"). */
function errorsAt(json: Json, ...path: Array<string | number>): unknown[] {
  let node: unknown = json.errors;
  for (const key of path) {
    node =
      typeof key === "number"
        ? (node as Array<{ arrayIndex?: number }> | undefined)?.find((item) => item.arrayIndex === key)
        : (node as Record<string, unknown> | undefined)?.[key];
  }
  return (node as { errors?: unknown[] } | undefined)?.errors ?? [];
}

const customerBody = (extra: Record<string, unknown> = {}) => ({
  name: "Karen Jensen",
  currency: "DKK",
  customerGroup: { customerGroupNumber: 1 },
  vatZone: { vatZoneNumber: 1 },
  paymentTerms: { paymentTermsNumber: 6 },
  ...extra,
});

const draftBody = (customerNumber: number, extra: Record<string, unknown> = {}) => ({
  date: "2026-11-20",
  currency: "DKK",
  customer: { customerNumber },
  paymentTerms: { paymentTermsNumber: 6 },
  layout: { layoutNumber: 19 },
  recipient: { name: "Karen Jensen", vatZone: { vatZoneNumber: 1 } },
  lines: [
    {
      lineNumber: 1,
      sortKey: 1,
      product: { productNumber: "SIM-MUG" },
      description: "Mug",
      quantity: 3,
      unitNetPrice: 99.99,
    },
  ],
  ...extra,
});

async function customer(email: string): Promise<number> {
  const created = await call("POST", "/customers", customerBody({ email }));
  expect(created.status).toBe(201);
  return Number(created.json.customerNumber);
}

beforeAll(async () => {
  await call("POST", "/products", {
    productNumber: "SIM-MUG",
    name: "Mug",
    productGroup: { productGroupNumber: 1 },
    salesPrice: 99.99,
  });
});

describe("e-conomic simulator: authentication", () => {
  it.each([
    ["no tokens", {}, /missing authentication headers/],
    [
      "a wrong app secret",
      { "X-AppSecretToken": "nope", "X-AgreementGrantToken": "sim-agreement-grant-token" },
      /app secret token is not valid/,
    ],
    [
      "a revoked grant",
      { "X-AppSecretToken": "sim-app-secret-token", "X-AgreementGrantToken": "revoked" },
      /grant token is not valid/,
    ],
  ])("answers 401 in the legacy error shape for %s", async (_case, headers, message) => {
    const response = await fetch(`${sim.url}/customers`, { headers });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(401);
    expect(body).toMatchObject({ httpStatusCode: 401, message: expect.stringMatching(message) });
    expect(body.developerHint).toEqual(expect.any(String));
    expect(body.logId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the installation page and issues a working grant in `token`", async () => {
    const url = `${sim.url}/secure/api1/requestaccess.aspx?appPublicToken=sim-app-public-token&redirectUrl=${encodeURIComponent("https://shop.example/cb?shop=s1")}`;
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://shop.example/cb");
    expect(location.searchParams.get("shop")).toBe("s1");
    const grant = location.searchParams.get("token") ?? "";
    const self = await call("GET", "/self", undefined, { "X-AgreementGrantToken": grant });
    expect(self.status).toBe(200);
    expect(self.json.agreementNumber).toBe(1_234_567);
    const unknownApp = await fetch(url.replace("sim-app-public-token", "other"), { redirect: "manual" });
    expect(unknownApp.status).toBe(400);
  });

  it("serves the published schemas without authentication", async () => {
    const response = await fetch(`${sim.url}/schema/invoices.booked.post.schema.json`);
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { properties: { sendBy: { enum: string[] } } }).properties.sendBy.enum,
    ).toEqual(["none", "EAN", "Email"]);
  });
});

describe("e-conomic simulator: validation in e-conomic's error shape", () => {
  it("reports schema violations as an annotated document with arrayIndex for lines", async () => {
    const customerNumber = await customer("schema@example.dk");
    const { status, json } = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      currency: null,
      layout: undefined,
      lines: [
        {
          lineNumber: 0,
          sortKey: 1,
          product: { productNumber: "SIM-MUG" },
          description: "Mug",
          quantity: 1,
          unitNetPrice: "10",
        },
      ],
    });
    expect(status).toBe(400);
    expect(json.message).toBe("Validation error.");
    expect(json.httpStatusCode).toBe(400);
    expect(json.errors).toMatchObject({ lines: [{ arrayIndex: 0 }] });
    expect(errorsAt(json, "currency")).toEqual([
      { message: "Invalid type. Expected String but got Null.", value: null },
    ]);
    expect(errorsAt(json, "layout")).toEqual([{ message: expect.stringMatching(/layout is missing/) }]);
    expect(errorsAt(json, "lines", 0, "lineNumber")).toEqual([
      { message: "Integer 0 is less than minimum value of 1.", value: 0 },
    ]);
    expect(errorsAt(json, "lines", 0, "unitNetPrice")).toEqual([
      { message: "Invalid type. Expected Number but got String.", value: "10" },
    ]);
  });

  it("enforces what the server checks beyond the schema: line numbers, 2 decimals, products, references", async () => {
    const customerNumber = await customer("rules@example.dk");
    const { status, json } = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      customer: {},
      lines: [
        { product: { productNumber: "SIM-MUG" }, description: "Mug", quantity: 1, unitNetPrice: 10.123 },
        { lineNumber: 2, sortKey: 2, product: {}, quantity: 1 },
        { lineNumber: 3, sortKey: 3, description: "Fee", quantity: 1, unitNetPrice: 5 },
        { lineNumber: 4, sortKey: 4, product: { productNumber: "NOPE" }, description: "x", quantity: 1 },
      ],
    });
    expect(status).toBe(400);
    expect(errorsAt(json, "customer")[0]).toMatchObject({ errorCode: "E04500" });
    expect(errorsAt(json, "lines", 0, "sortKey")[0]).toMatchObject({
      message: "Integer 0 is less than minimum value of 1.",
    });
    expect(errorsAt(json, "lines", 0, "unitNetPrice")[0]).toMatchObject({
      errorCode: "E04740",
      value: 10.123,
    });
    expect(errorsAt(json, "lines", 1, "product")[0]).toMatchObject({ errorCode: "E04500" });
    expect(errorsAt(json, "lines", 2, "product")[0]).toMatchObject({
      message: expect.stringMatching(/product must be set/i),
    });
    expect(errorsAt(json, "lines", 3, "product")[0]).toMatchObject({ errorCode: "E06000", value: "NOPE" });
  });

  it("takes a document's exchange rate with at most six decimals, and 100 in the base currency", async () => {
    const customerNumber = await customer("rate@example.dk");
    const tooFine = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      currency: "EUR",
      exchangeRate: 745.9016123,
    });
    expect(tooFine.status).toBe(400);
    expect(errorsAt(tooFine.json, "exchangeRate")[0]).toMatchObject({
      errorCode: "E04740",
      value: 745.9016123,
    });
    const eur = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      currency: "EUR",
      exchangeRate: 745.901612,
    });
    expect(eur.status).toBe(201);
    expect(eur.json.exchangeRate).toBe(745.901612);
    const dkk = await call("POST", "/invoices/drafts", { ...draftBody(customerNumber), exchangeRate: 740 });
    expect(dkk.json.exchangeRate).toBe(100);
  });

  it("ignores read-only and unknown properties, as the live server does", async () => {
    const customerNumber = await customer("lax@example.dk");
    const { status, json } = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      grossAmount: "nonsense",
      madeUp: { a: 1 },
    });
    expect(status).toBe(201);
    expect(json.grossAmount).toBe(374.96);
    expect(json.madeUp).toBeUndefined();
  });

  it("rejects a wrongly cased sendBy, as the server is strict about enum casing", async () => {
    const customerNumber = await customer("case@example.dk");
    const draft = await call("POST", "/invoices/drafts", draftBody(customerNumber));
    const { status, json } = await call("POST", "/invoices/booked", {
      draftInvoice: { draftInvoiceNumber: draft.json.draftInvoiceNumber },
      sendBy: "email",
    });
    expect(status).toBe(400);
    expect(errorsAt(json, "sendBy")[0]).toMatchObject({ message: 'Value "email" is not defined in enum.' });
  });

  it("answers 415 to a body that is not JSON", async () => {
    const raw = await fetch(`${sim.url}/customers`, {
      method: "POST",
      headers: {
        "X-AppSecretToken": sim.tokens.appSecretToken,
        "X-AgreementGrantToken": sim.tokens.agreementGrantToken,
        "Content-Type": "text/plain",
      },
      body: "name=x",
    });
    expect(raw.status).toBe(415);
  });
});

describe("e-conomic simulator: pricing, numbering and booking", () => {
  it("prices drafts from net prices and the product group's VAT code for the recipient's zone", async () => {
    const customerNumber = await customer("price@example.dk");
    const domestic = await call("POST", "/invoices/drafts", draftBody(customerNumber));
    expect(domestic.json).toMatchObject({ netAmount: 299.97, vatAmount: 74.99, grossAmount: 374.96 });
    const eu = await call(
      "POST",
      "/invoices/drafts",
      draftBody(customerNumber, { recipient: { name: "K", vatZone: { vatZoneNumber: 2 } } }),
    );
    expect(eu.json).toMatchObject({ netAmount: 299.97, vatAmount: 0, grossAmount: 299.97 });
    const credit = await call("POST", "/invoices/drafts", {
      ...draftBody(customerNumber),
      lines: [
        {
          lineNumber: 1,
          sortKey: 1,
          product: { productNumber: "SIM-MUG" },
          description: "Mug",
          quantity: -1,
          unitNetPrice: 99.99,
        },
      ],
    });
    expect(credit.json).toMatchObject({ netAmount: -99.99, vatAmount: -25, grossAmount: -124.99 });
  });

  it("assigns the lowest free customer number and sequential invoice numbers; bookWithNumber must be unused", async () => {
    const first = await customer("n1@example.dk");
    const second = await customer("n2@example.dk");
    expect(second).toBe(first + 1);
    const booked: number[] = [];
    for (let i = 0; i < 2; i++) {
      const draft = await call("POST", "/invoices/drafts", draftBody(first));
      const result = await call("POST", "/invoices/booked", {
        draftInvoice: { draftInvoiceNumber: draft.json.draftInvoiceNumber },
      });
      expect(result.status).toBe(201);
      expect(result.headers.get("location")).toBe(result.json.self);
      booked.push(Number(result.json.bookedInvoiceNumber));
      const gone = await call("GET", `/invoices/drafts/${draft.json.draftInvoiceNumber}`);
      expect(gone.status).toBe(404);
      expect(gone.json.errorCode).toBe("E06000");
    }
    expect(booked[1]).toBe((booked[0] as number) + 1);
    const locked = await call("POST", "/invoices/drafts", draftBody(first));
    const inUse = await call("POST", "/invoices/booked", {
      draftInvoice: { draftInvoiceNumber: locked.json.draftInvoiceNumber },
      bookWithNumber: booked[0],
    });
    expect(inUse.status).toBe(400);
    expect(errorsAt(inUse.json, "bookWithNumber")[0]).toMatchObject({
      message: expect.stringMatching(/already exists/),
    });
    const chosen = await call("POST", "/invoices/booked", {
      draftInvoice: { self: `${sim.url}/invoices/drafts/${locked.json.draftInvoiceNumber}` },
      bookWithNumber: 5000,
    });
    expect(chosen.json.bookedInvoiceNumber).toBe(5000);
  });

  it("e-mails the invoice on booking with sendBy Email, and refuses when the customer has no e-mail", async () => {
    const withEmail = await customer("mail@example.dk");
    const draft = await call("POST", "/invoices/drafts", draftBody(withEmail));
    const sent = await call("POST", "/invoices/booked", {
      draftInvoice: { draftInvoiceNumber: draft.json.draftInvoiceNumber },
      sendBy: "Email",
    });
    expect(sent.status).toBe(201);
    expect(sent.json.sent).toEqual(expect.stringContaining("/invoices/sent/"));
    expect(sim.state.emails.at(-1)).toMatchObject({
      to: "mail@example.dk",
      bookedInvoiceNumber: sent.json.bookedInvoiceNumber,
    });

    const without = Number((await call("POST", "/customers", customerBody())).json.customerNumber);
    const other = await call("POST", "/invoices/drafts", draftBody(without));
    const refused = await call("POST", "/invoices/booked", {
      draftInvoice: { draftInvoiceNumber: other.json.draftInvoiceNumber },
      sendBy: "Email",
    });
    expect(refused.status).toBe(400);
  });

  it("takes customer payments as journal vouchers, answered as an array, and rejects closed years and blocked accounts", async () => {
    const customerNumber = await customer("pay@example.dk");
    const draft = await call("POST", "/invoices/drafts", draftBody(customerNumber));
    const invoice = await call("POST", "/invoices/booked", {
      draftInvoice: { draftInvoiceNumber: draft.json.draftInvoiceNumber },
    });
    const voucher = (year: string, account: number) => ({
      accountingYear: { year },
      journal: { journalNumber: 1 },
      entries: {
        customerPayments: [
          {
            customer: { customerNumber },
            customerInvoice: invoice.json.bookedInvoiceNumber,
            amount: -374.96,
            contraAccount: { accountNumber: account },
            currency: { code: "DKK" },
            date: `${year}-11-20`,
          },
        ],
      },
    });
    const ok = await call("POST", "/journals/1/vouchers", voucher("2026", 5820));
    expect(ok.status).toBe(201);
    expect(Array.isArray(ok.json)).toBe(true);
    expect(ok.json).toMatchObject([
      {
        entries: {
          customerPayments: [{ amount: -374.96, customerInvoice: invoice.json.bookedInvoiceNumber }],
        },
      },
    ]);
    const closed = await call("POST", "/journals/1/vouchers", voucher("2025", 5820));
    expect(errorsAt(closed.json, "accountingYear")[0]).toMatchObject({
      message: expect.stringMatching(/closed/),
    });
    expect((await call("POST", "/journals/1/vouchers", voucher("2026", 5600))).status).toBe(400);
    expect((await call("POST", "/journals/2/vouchers", voucher("2026", 5820))).status).toBe(400);
  });
});

describe("e-conomic simulator: filters, paging and idempotency", () => {
  it("filters case-insensitively with $-escapes and lists the allowed fields for a bad one", async () => {
    await customer("Filter+Test(1)@Example.dk");
    const found = await call(
      "GET",
      `/customers?filter=${encodeURIComponent("email$eq:filter+test$(1$)@example.dk")}`,
    );
    expect(found.json.collection).toHaveLength(1);
    expect(found.json.pagination).toMatchObject({ results: 1, maxPageSizeAllowed: 1000 });
    const bad = await call("GET", `/customers?filter=${encodeURIComponent("nickname$eq:x")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.allowedFilteringFields).toContain("email");
    expect(bad.json.errors).toEqual(["Filtering is not allowed on property 'nickname'."]);
    expect((await call("GET", "/customers?pagesize=1001")).json.errorCode).toBe("E04810");
  });

  it("replays a repeated Idempotency-Key with X-ResultFromCache and creates nothing new", async () => {
    const before = sim.state.customers.size;
    const key = { "Idempotency-Key": "create-customer-42" };
    const first = await call("POST", "/customers", customerBody({ email: "idem@example.dk" }), key);
    const again = await call("POST", "/customers", customerBody({ email: "idem@example.dk" }), key);
    expect(again.status).toBe(201);
    expect(again.headers.get("x-resultfromcache")).toBe("true");
    expect(again.json.customerNumber).toBe(first.json.customerNumber);
    expect(sim.state.customers.size).toBe(before + 1);
    const failed = await call("POST", "/customers", { name: "no currency" }, { "Idempotency-Key": "fix-me" });
    const fixed = await call("POST", "/customers", customerBody(), { "Idempotency-Key": "fix-me" });
    expect([failed.status, fixed.status, fixed.headers.get("x-resultfromcache")]).toEqual([400, 201, null]);
  });

  it("addresses products with e-conomic's self-link encoding", async () => {
    const created = await call("POST", "/products", {
      productNumber: "Mug Blue_5% off",
      name: "Awesome",
      productGroup: { productGroupNumber: 1 },
    });
    expect(created.json.self).toBe(`${sim.url}/products/Mug_9_Blue_8_5_3__9_off`);
    expect((await call("GET", "/products/Mug_9_Blue_8_5_3__9_off")).json.name).toBe("Awesome");
    const tooLong = await call("POST", "/products", {
      productNumber: "My Awesome Product_Discount5%",
      name: "Long",
      productGroup: { productGroupNumber: 1 },
    });
    expect(errorsAt(tooLong.json, "productNumber")[0]).toMatchObject({
      message: expect.stringMatching(/exceeds maximum length of 25/),
    });
    const duplicate = await call("POST", "/products", {
      productNumber: "mug blue_5% OFF",
      name: "Again",
      productGroup: { productGroupNumber: 1 },
    });
    expect(errorsAt(duplicate.json, "productNumber")[0]).toMatchObject({
      message: expect.stringMatching(/already exists/),
    });
  });
});

describe("e-conomic simulator: rate limit", () => {
  it("reports the token budget on every answer and answers 429 with Retry-After when it is spent", async () => {
    sim.bucket.configure(3, 1500);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call("GET", "/vat-zones"));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers.get("x-ratelimiting")).toBe("token-limit-3-per-2-seconds: 1/3");
    expect(answers[0]?.headers.get("x-callcost")).toBe("1");
    const limited = answers[3];
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited?.json).toMatchObject({ httpStatusCode: 429 });
  });
});
