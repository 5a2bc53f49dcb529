import type { DocumentDraft } from "../../domain/invoice-draft";
import type { CurrencyCode } from "../../domain/money";
import { currency, isKnownCurrency } from "../../domain/money";
import type { EmailRequest, LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { ledgerVatMismatchError, vatByRateMismatch } from "../ledger-vat-check";
import { describeAmount, fromDineroAmount } from "./dinero-amounts";
import type { DineroApiVersion, DineroClient } from "./dinero-client";
import { DINERO_ERROR_CODE, DINERO_PROVIDER } from "./dinero-errors";
import { equalsFilter } from "./dinero-query-filter";
import type { DineroCreditNoteBody, DineroInvoiceBody } from "./dinero-requests";
import { buildEmailBody } from "./dinero-requests";
import type { DineroVoucherRead } from "./dinero-schemas";
import { createdResponseSchema, emptySchema, voucherListSchema, voucherReadSchema } from "./dinero-schemas";

/**
 * Invoices and sales credit notes behave alike in Dinero but live under different paths and
 * versions. Every state change carries the voucher's latest `Timestamp`; a stale one (code 58)
 * is answered by reading the voucher again and retrying once.
 */

export type VoucherKind = LedgerDocument["kind"];

export const ENDPOINTS: Record<
  VoucherKind,
  { base: string; paymentsListVersion: DineroApiVersion; noun: string }
> = {
  invoice: { base: "/invoices", paymentsListVersion: "v2", noun: "invoice" },
  creditNote: { base: "/sales/creditnotes", paymentsListVersion: "v1", noun: "credit note" },
};

/** What the draft says the ledger must arrive at. */
export interface ExpectedTotals {
  gross: number;
  vat: number;
  /** Per-line rounding may move VAT by one minor unit per line, never more. */
  lineCount: number;
  /** The draft, for Dinero's VAT per rate (when the read model reports it) against the draft's. */
  draft?: Pick<DocumentDraft, "kind" | "currency" | "externalReference" | "vatByRate">;
}

export async function createVoucher(
  client: DineroClient,
  kind: VoucherKind,
  body: DineroInvoiceBody | DineroCreditNoteBody,
  expected: ExpectedTotals,
): Promise<LedgerDocument> {
  const { base, noun } = ENDPOINTS[kind];
  try {
    await client.call({
      method: "POST",
      version: "v1",
      path: base,
      body,
      schema: createdResponseSchema,
      operation: `create ${noun}`,
      sentGuid: body.Guid,
    });
  } catch (error) {
    if (!(error instanceof LedgerError && error.kind === "conflict" && error.existingId === body.Guid))
      throw error;
    // Our Guid exists: an earlier attempt got through. A draft is brought up to date in place.
    const existing = await readVoucher(client, kind, body.Guid);
    if (existing.Status === "Draft") {
      await client.call({
        method: "PUT",
        version: "v1.2",
        path: `${base}/${body.Guid}`,
        body: { ...body, Timestamp: existing.TimeStamp ?? "" },
        schema: emptySchema,
        operation: `update ${noun}`,
      });
    }
  }
  const read = await readVoucher(client, kind, body.Guid);
  const document = toDocument(kind, read);
  const voucherCurrency = currency(body.Currency);
  const vat = read.TotalVat == null ? undefined : fromDineroAmount(read.TotalVat, voucherCurrency);
  const grossDiffers = document.totalGross !== expected.gross;
  // With lines incl. VAT the gross always matches; a wrong account VAT code only shows in the VAT.
  const vatDiffers = vat !== undefined && Math.abs(vat - expected.vat) > expected.lineCount;
  const ledgerVat = vatPerRate(read, voucherCurrency);
  if (!grossDiffers && ledgerVat && expected.draft) {
    // Dinero states its VAT per rate: it must be the draft's to the minor unit.
    const mismatch = vatByRateMismatch(expected.draft, ledgerVat);
    if (mismatch) throw ledgerVatMismatchError(DINERO_PROVIDER, expected.draft, mismatch);
    return document;
  }
  if (grossDiffers || vatDiffers) {
    const what = grossDiffers ? "total" : "VAT";
    const [actual, wanted] = grossDiffers ? [document.totalGross, expected.gross] : [vat ?? 0, expected.vat];
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "validation",
      detail: `${noun} ${body.Guid}: Dinero ${what} ${actual} ≠ draft ${what} ${wanted} (minor units)`,
      messageKey: "ledgerError.dinero.amountMismatch",
      params: {
        what: grossDiffers ? "ledgerError.word.total" : "ledgerError.word.vat",
        theirs: describeAmount(actual, voucherCurrency),
        ours: describeAmount(wanted, voucherCurrency),
        description: body.Description,
        document: noun === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      },
    });
  }
  return document;
}

/** Dinero's "Vat" total lines, keyed by rate in basis points parsed from their label. */
function vatPerRate(read: DineroVoucherRead, code: CurrencyCode): Map<number, number> | undefined {
  const lines = read.TotalLines;
  if (!lines || lines.length === 0) return undefined;
  const byRate = new Map<number, number>();
  for (const line of lines) {
    if (line.Type !== "Vat") continue;
    const percent = /(\d+(?:[.,]\d+)?)\s*%/.exec(line.Label ?? "")?.[1];
    if (percent === undefined) return undefined;
    const rate = Math.round(Number(percent.replace(",", ".")) * 100);
    byRate.set(rate, (byRate.get(rate) ?? 0) + fromDineroAmount(line.TotalAmount, code));
  }
  return byRate;
}

export async function readVoucher(
  client: DineroClient,
  kind: VoucherKind,
  guid: string,
): Promise<DineroVoucherRead> {
  const { base, noun } = ENDPOINTS[kind];
  return client.call({
    method: "GET",
    version: "v1",
    path: `${base}/${guid}`,
    schema: voucherReadSchema,
    operation: `read ${noun}`,
  });
}

export async function findVoucherByReference(
  client: DineroClient,
  kind: VoucherKind,
  externalReference: string,
): Promise<LedgerDocument | null> {
  const list = await listByReference(
    client,
    kind,
    externalReference,
    "Guid,Status,ExternalReference",
    (what) => `find ${what}`,
  );
  const matches = (list.Collection ?? []).filter((item) => item.ExternalReference === externalReference);
  // Prefer a booked one: a stray draft next to it must never be booked a second time.
  const chosen = matches.find((item) => item.Status !== "Draft") ?? matches[0];
  return chosen ? toDocument(kind, await readVoucher(client, kind, chosen.Guid)) : null;
}

export async function bookVoucher(
  client: DineroClient,
  kind: VoucherKind,
  document: LedgerDocument,
  number?: number,
): Promise<LedgerDocument> {
  const { base, noun } = ENDPOINTS[kind];
  if (document.state === "booked") return toDocument(kind, await readVoucher(client, kind, document.id));
  const book = (timestamp: string) =>
    client.call({
      method: "POST",
      version: "v1",
      path: `${base}/${document.id}/book`,
      body: { Timestamp: timestamp, Number: number ?? null },
      schema: voucherReadSchema,
      operation: `book ${noun}`,
    });
  const timestamp = document.version ?? (await readVoucher(client, kind, document.id)).TimeStamp ?? "";
  try {
    return toDocument(kind, await book(timestamp));
  } catch (error) {
    if (!(error instanceof LedgerError && error.kind === "conflict")) throw error;
    // Stale version or already booked (e.g. our earlier answer was lost): look before acting.
    const current = await readVoucher(client, kind, document.id);
    if (current.Status !== "Draft") return toDocument(kind, current);
    if (error.providerCode !== String(DINERO_ERROR_CODE.timestampOutdated)) throw error;
    return toDocument(kind, await book(current.TimeStamp ?? ""));
  }
}

export async function emailVoucher(
  client: DineroClient,
  kind: VoucherKind,
  document: LedgerDocument,
  request: EmailRequest,
): Promise<void> {
  const { base, noun } = ENDPOINTS[kind];
  await client.call({
    method: "POST",
    version: "v1",
    path: `${base}/${document.id}/email`,
    body: buildEmailBody(request),
    schema: emptySchema,
    operation: `e-mail ${noun}`,
  });
}

export function toDocument(kind: VoucherKind, voucher: DineroVoucherRead): LedgerDocument {
  return {
    kind,
    id: voucher.Guid,
    ...(voucher.Number ? { number: String(voucher.Number) } : {}),
    state: voucher.Status === "Draft" ? "draft" : "booked",
    totalGross: fromDineroAmount(voucher.TotalInclVat, currencyOf(voucher)),
    externalReference: voucher.ExternalReference ?? "",
    ...(voucher.TimeStamp ? { version: voucher.TimeStamp } : {}),
    ...(voucher.Currency ? { currency: voucher.Currency } : {}),
  };
}

export function currencyOf(voucher: Pick<DineroVoucherRead, "Currency">): CurrencyCode {
  const code = voucher.Currency ?? "DKK";
  return currency(isKnownCurrency(code) ? code : "DKK");
}

/** The vouchers of `kind` whose ExternalReference is `reference`, with the list fields asked for. */
export function listByReference(
  client: DineroClient,
  kind: VoucherKind,
  reference: string,
  fields: string,
  operation: (noun: string) => string,
) {
  const { base, noun } = ENDPOINTS[kind];
  return client.call({
    method: "GET",
    version: "v1",
    path: base,
    query: { queryFilter: equalsFilter("ExternalReference", reference), fields },
    schema: voucherListSchema,
    operation: operation(noun),
  });
}
