import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DineroSimulator } from "./dinero-simulator";
import { DINERO_SIMULATOR_DEFAULTS as DEFAULTS, startDineroSimulator } from "./dinero-simulator";
import { loadDineroOpenApi, OpenApiRequestValidator } from "./openapi-request-validator";

const ORG = DEFAULTS.organizationId;
const spec = new OpenApiRequestValidator(loadDineroOpenApi());

let sim: DineroSimulator;
let token: string;

async function apiKeyToken(
  apiKey: string = DEFAULTS.apiKey,
  secret: string = DEFAULTS.personalClient.clientSecret,
) {
  const basic = Buffer.from(`${DEFAULTS.personalClient.clientId}:${secret}`).toString("base64");
  return fetch(`${sim.authUrl}/dineroapi/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      scope: "read write",
      username: apiKey,
      password: apiKey,
    }).toString(),
  });
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  options: { bearer?: string | null; contentType?: string } = {},
) {
  const bearer = options.bearer === undefined ? token : options.bearer;
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { "content-type": options.contentType ?? "application/json" } : {}),
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

const line = {
  Description: "T-shirt",
  Quantity: 2,
  AccountNumber: 1000,
  Unit: "parts",
  BaseAmountValue: 80,
  Discount: 0,
  LineType: "Product",
};

async function createContact() {
  const response = await call("POST", `/v1/${ORG}/contacts`, {
    Name: "Karen Jensen",
    CountryKey: "DK",
    IsPerson: true,
    IsMember: false,
    UseCvr: false,
    Email: "karen@example.dk",
  });
  return String(response.json.ContactGuid);
}

async function createInvoice(extra: Record<string, unknown> = {}) {
  const contactGuid = await createContact();
  const response = await call("POST", `/v1/${ORG}/invoices`, {
    ContactGuid: contactGuid,
    ProductLines: [line],
    ...extra,
  });
  expect(response.status).toBe(200);
  return { guid: String(response.json.Guid), timestamp: String(response.json.TimeStamp), contactGuid };
}

beforeAll(async () => {
  sim = await startDineroSimulator({ validateRequests: true });
  const response = await apiKeyToken();
  token = String(((await response.json()) as { access_token: string }).access_token);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.setRateLimit(100, 60_000);
});

describe("Dinero simulator: authentication", () => {
  it("issues a bearer token for a valid personal API key and rejects a wrong one or a wrong client secret", async () => {
    const good = await apiKeyToken();
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ token_type: "Bearer", expires_in: 3600 });

    const badKey = await apiKeyToken("wrong-key");
    expect(badKey.status).toBe(400);
    expect(await badKey.json()).toMatchObject({ error: "invalid_grant" });

    const badSecret = await apiKeyToken(DEFAULTS.apiKey, "wrong-secret");
    expect(badSecret.status).toBe(400);
    expect(await badSecret.json()).toEqual({ error: "invalid_client" });
  });

  it("answers 401 with a Bearer challenge and no body for a missing or unknown token", async () => {
    const missing = await call("GET", `/v1/${ORG}/vatTypes`, undefined, { bearer: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    expect(missing.text).toBe("");
    const unknown = await call("GET", `/v1/${ORG}/vatTypes`, undefined, { bearer: "forged" });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("keeps an API-key token inside its organisation (403 code 41) and refuses organisations without Pro (403 code 90)", async () => {
    const other = await call("GET", `/v1/${DEFAULTS.organizationWithoutProId}/vatTypes`);
    expect(other.status).toBe(403);
    expect(other.json).toMatchObject({ code: 41 });
    sim.state.apiKeys.set("hobby-key", DEFAULTS.organizationWithoutProId);
    const hobbyToken = String(
      ((await (await apiKeyToken("hobby-key")).json()) as { access_token: string }).access_token,
    );
    const noPro = await call("GET", `/v1/${DEFAULTS.organizationWithoutProId}/vatTypes`, undefined, {
      bearer: hobbyToken,
    });
    expect(noPro.status).toBe(403);
    expect(noPro.json).toMatchObject({ code: 90 });
  });
});

describe("Dinero simulator: request validation against the OpenAPI document", () => {
  it("rejects a body that breaks the spec with Dinero's validation error shape", async () => {
    const response = await call("POST", `/v1/${ORG}/invoices`, {
      Currency: "DKK",
      ProductLines: [{ ...line, AccountNumber: "1000" }],
      Colour: "red",
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 42, message: "Validation Error" });
    const errors = response.json.validationErrors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["Colour", "ProductLines[0].AccountNumber"]);
    expect(response.json.languageSpecificMessages).toHaveLength(2);
  });

  it("names each missing required field", async () => {
    const response = await call("POST", `/v1/${ORG}/contacts`, { Name: "No country" });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.validationErrors as object).sort()).toEqual([
      "CountryKey",
      "IsMember",
      "IsPerson",
      "UseCvr",
    ]);
  });

  it("answers a non-JSON body with 'The following models are missing: model'", async () => {
    const form = await call("POST", `/v1/${ORG}/invoices`, "ProductLines=1", {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
    expect(form.json).toMatchObject({
      code: 42,
      validationErrors: { "globalErrors[]": "The following models are missing: model" },
    });
    const broken = await call("POST", `/v1/${ORG}/invoices`, "{not json");
    expect(broken.json).toMatchObject({
      code: 42,
      validationErrors: { "globalErrors[]": "The following models are missing: model" },
    });
  });

  it("applies Dinero's business rules after the schema: unknown account, missing unit, bare queryFilter", async () => {
    const badLine = await call("POST", `/v1/${ORG}/invoices`, {
      ProductLines: [{ ...line, AccountNumber: 4242, Unit: null }],
    });
    expect(badLine.status).toBe(400);
    expect(Object.keys(badLine.json.validationErrors as object).sort()).toEqual([
      "ProductLines[0].AccountNumber",
      "ProductLines[0].Unit",
    ]);
    const bare = await call("GET", `/v1/${ORG}/contacts?queryFilter=${encodeURIComponent("karen")}`);
    expect(bare.status).toBe(400);
    expect(bare.json).toMatchObject({ code: 42 });
  });
});

describe("Dinero simulator: per-endpoint versions and read models", () => {
  it("serves invoice updates only on v1.2 and invoice payment lists only on v2", async () => {
    const { guid, timestamp, contactGuid } = await createInvoice();
    const body = { Timestamp: timestamp, ContactGuid: contactGuid, ProductLines: [{ ...line, Quantity: 3 }] };
    expect((await call("PUT", `/v1/${ORG}/invoices/${guid}`, body)).status).toBe(405);
    const updated = await call("PUT", `/v1.2/${ORG}/invoices/${guid}`, body);
    expect(updated.status).toBe(200);
    expect(updated.json.TimeStamp).not.toBe(timestamp);
    expect((await call("GET", `/v2/${ORG}/invoices/${guid}/payments`)).status).toBe(200);
    expect((await call("GET", `/v1/${ORG}/invoices/${guid}/payments`)).status).toBe(405);
  });

  it("returns read models that satisfy the spec's response schemas", async () => {
    const { guid, timestamp, contactGuid } = await createInvoice({ ExternalReference: "sim-read-model" });
    const invoice = await call("GET", `/v1/${ORG}/invoices/${guid}`);
    expect(spec.validateComponent("InvoiceReadModel", invoice.json)).toEqual([]);
    expect(invoice.json).toMatchObject({
      TotalExclVat: 160,
      TotalVat: 40,
      TotalInclVat: 200,
      Status: "Draft",
      Number: 0,
    });
    const booked = await call("POST", `/v1/${ORG}/invoices/${guid}/book`, { Timestamp: timestamp });
    expect(spec.validateComponent("InvoiceReadModel", booked.json)).toEqual([]);
    const contact = await call("GET", `/v1/${ORG}/contacts/${contactGuid}`);
    expect(spec.validateComponent("ContactReadModel", contact.json)).toEqual([]);
    const list = await call(
      "GET",
      `/v1/${ORG}/invoices?queryFilter=${encodeURIComponent("ExternalReference eq 'SIM-READ-MODEL'")}&fields=guid,NUMBER,Status`,
    );
    expect(list.json.Collection).toEqual([{ guid, NUMBER: booked.json.Number, Status: "Booked" }]);
    expect(spec.validateComponent("PaginationDetails", list.json.Pagination)).toEqual([]);
    const payments = await call("GET", `/v2/${ORG}/invoices/${guid}/payments`);
    expect(spec.validateComponent("InvoicePaymentsModel", payments.json)).toEqual([]);
    expect(payments.json).toMatchObject({ RemainingAmount: 200, PaidAmount: 0 });
  });

  it("prices lines by the account's VAT code, incl. VAT when asked", async () => {
    const contactGuid = await createContact();
    const response = await call("POST", `/v1/${ORG}/invoices/fetch`, {
      ContactGuid: contactGuid,
      ShowLinesInclVat: true,
      ProductLines: [
        { ...line, Quantity: 1, BaseAmountValue: 125 },
        { ...line, Quantity: 1, AccountNumber: 1050, BaseAmountValue: 50 },
      ],
    });
    expect(spec.validateComponent("InvoiceFetchReadModel", response.json)).toEqual([]);
    expect(response.json).toMatchObject({
      TotalInclVat: 175,
      TotalVat: 25,
      TotalExclVat: 150,
      TotalVatableAmount: 100,
      TotalNonVatableAmount: 50,
    });
  });
});

describe("Dinero simulator: concurrency, numbering and payments", () => {
  it("refuses a stale Timestamp with code 58", async () => {
    const { guid, timestamp, contactGuid } = await createInvoice();
    await call("PUT", `/v1.2/${ORG}/invoices/${guid}`, {
      Timestamp: timestamp,
      ContactGuid: contactGuid,
      ProductLines: [line],
    });
    const stale = await call("POST", `/v1/${ORG}/invoices/${guid}/book`, { Timestamp: timestamp });
    expect(stale.status).toBe(400);
    expect(stale.json).toMatchObject({ code: 58 });
  });

  it("numbers booked vouchers in one series, honours a locked number and refuses one in use", async () => {
    const first = await createInvoice();
    const second = await createInvoice();
    const third = await createInvoice();
    const booked1 = await call("POST", `/v1/${ORG}/invoices/${first.guid}/book`, {
      Timestamp: first.timestamp,
      Number: 5000,
    });
    expect(booked1.json.Number).toBe(5000);
    const booked2 = await call("POST", `/v1/${ORG}/invoices/${second.guid}/book`, {
      Timestamp: second.timestamp,
      Number: null,
    });
    expect(booked2.json.Number).toBe(5001);
    const inUse = await call("POST", `/v1/${ORG}/invoices/${third.guid}/book`, {
      Timestamp: third.timestamp,
      Number: 5000,
    });
    expect(inUse.status).toBe(400);
    expect(inUse.json).toMatchObject({
      code: 42,
      validationErrors: { Number: "The number 5000 is already in use." },
    });
    const again = await call("POST", `/v1/${ORG}/invoices/${first.guid}/book`, {
      Timestamp: String(booked1.json.TimeStamp),
    });
    expect(again.json).toMatchObject({
      code: 42,
      validationErrors: { Status: "The invoice is already booked." },
    });
  });

  it("refuses a duplicate voucher Guid with 409 code 72 and a duplicate contact Guid with guidMustBeUnique", async () => {
    const { guid } = await createInvoice();
    const duplicate = await call("POST", `/v1/${ORG}/invoices`, { Guid: guid, ProductLines: [line] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject({ code: 72 });
    const contactGuid = await createContact();
    const twin = await call("POST", `/v1/${ORG}/contacts`, {
      ContactGuid: contactGuid,
      Name: "Twin",
      CountryKey: "DK",
      IsPerson: true,
      IsMember: false,
      UseCvr: false,
    });
    expect(twin.json).toMatchObject({ code: 42, validationErrors: { ContactGuid: "guidMustBeUnique" } });
  });

  it("takes payments only on booked invoices, with the latest Timestamp, and marks them paid", async () => {
    const { guid, timestamp } = await createInvoice();
    const payment = {
      Timestamp: timestamp,
      DepositAccountNumber: 55000,
      Amount: 200,
      Description: "Betaling",
      RemainderIsFee: false,
    };
    const onDraft = await call("POST", `/v1/${ORG}/invoices/${guid}/payments`, payment);
    expect(onDraft.json).toMatchObject({ code: 42 });
    const booked = await call("POST", `/v1/${ORG}/invoices/${guid}/book`, { Timestamp: timestamp });
    const wrongAccount = await call("POST", `/v1/${ORG}/invoices/${guid}/payments`, {
      ...payment,
      Timestamp: booked.json.TimeStamp,
      DepositAccountNumber: 1000,
    });
    expect(wrongAccount.json).toMatchObject({
      code: 42,
      validationErrors: { DepositAccountNumber: "1000 is not a deposit account." },
    });
    const paid = await call("POST", `/v1/${ORG}/invoices/${guid}/payments`, {
      ...payment,
      Timestamp: booked.json.TimeStamp,
    });
    expect(paid.status).toBe(200);
    expect(spec.validateComponent("CreatedPaymentResponse", paid.json)).toEqual([]);
    expect((await call("GET", `/v1/${ORG}/invoices/${guid}`)).json.PaymentStatus).toBe("Paid");
  });

  it("sends e-mail only with the [link-to-pdf] tag and records it", async () => {
    const { guid, timestamp } = await createInvoice();
    await call("POST", `/v1/${ORG}/invoices/${guid}/book`, { Timestamp: timestamp });
    const untagged = await call("POST", `/v1/${ORG}/invoices/${guid}/email`, {
      ShouldAddTrustPilotEmailAsBcc: false,
      Message: "Hello",
    });
    expect(untagged.json).toMatchObject({ code: 42 });
    const before = sim.state.organizations.get(ORG)?.emails.length ?? 0;
    const sent = await call("POST", `/v1/${ORG}/invoices/${guid}/email`, {
      ShouldAddTrustPilotEmailAsBcc: false,
      Message: "Link: [link-to-pdf]",
    });
    expect(sent.json).toEqual({ Recipients: [{ Email: "karen@example.dk" }] });
    expect(sim.state.organizations.get(ORG)?.emails.length).toBe(before + 1);
  });
});

describe("Dinero simulator: rate limit", () => {
  it("answers 429 'API calls quota exceeded!' with Retry-After once the organisation's budget is spent", async () => {
    sim.setRateLimit(3, 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("GET", `/v1/${ORG}/vatTypes`)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await call("GET", `/v1/${ORG}/vatTypes`);
    expect(limited.status).toBe(429);
    expect(limited.text).toBe("API calls quota exceeded! maximum admitted 3 per 1m.");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(50);
  });

  it("counts each organisation separately", async () => {
    const local = await startDineroSimulator({
      organizations: [
        { id: 1, name: "A" },
        { id: 2, name: "B" },
      ],
      rateLimit: { limit: 2, windowMs: 60_000 },
    });
    try {
      const code =
        new URL((await authorize(local)).headers.get("location") ?? "").searchParams.get("code") ?? "";
      const tokenResponse = await fetch(`${local.authUrl}/connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: "http://127.0.0.1/callback",
          ...clientForm(),
        }).toString(),
      });
      const bearer = String(((await tokenResponse.json()) as { access_token: string }).access_token);
      const get = (org: number) =>
        fetch(`${local.url}/v1/${org}/vatTypes`, { headers: { authorization: `Bearer ${bearer}` } }).then(
          (r) => r.status,
        );
      expect([await get(1), await get(1), await get(1)]).toEqual([200, 200, 429]);
      expect([await get(2), await get(2)]).toEqual([200, 200]);
    } finally {
      await local.close();
    }
  });
});

function clientForm() {
  return { client_id: DEFAULTS.vismaClient.clientId, client_secret: DEFAULTS.vismaClient.clientSecret };
}

function authorize(local: DineroSimulator) {
  const url = new URL(`${local.authUrl}/connect/authorize`);
  url.search = new URLSearchParams({
    client_id: DEFAULTS.vismaClient.clientId,
    response_type: "code",
    scope: "dineropublicapi:read dineropublicapi:write offline_access",
    redirect_uri: "http://127.0.0.1/callback",
    state: "s1",
  }).toString();
  return fetch(url, { redirect: "manual" });
}
