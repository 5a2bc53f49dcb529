import { bookBillyJournalEntry, findBillyJournalEntry } from "./billy-journal-entry";
import { z } from "zod";
import type {
  CreditNoteDraft,
  DocumentDraft,
  DraftLine,
  DraftPayment,
  InvoiceDraft,
  VatTreatment,
} from "../../domain/invoice-draft";
import { currency, formatMinor } from "../../domain/money";
import {
  type EmailRequest,
  LEDGER_CONTRACT_VERSION,
  type LedgerAdapter,
  type LedgerAdapterInit,
  type LedgerDocument,
  type LedgerOption,
  type LedgerRef,
  type ProductSpec,
  type VatCodeOption,
} from "../ledger-contract";
import type { MessageKey } from "../../i18n/messages";
import type { MessageParams } from "../../i18n/render-message";
import { ledgerError } from "../http-failure";
import { LedgerError } from "../ledger-error";
import { GENERIC_PRODUCT_NAMES, genericProductSpec, skuProductSpec } from "../line-product-spec";
import { fromBillyAmount, toBillyAmount } from "./billy-amounts";
import { BillyClient } from "./billy-client";
import { contactBody, contactSearch, matchesCustomer } from "./billy-contacts";
import { decideContact } from "../customer-identity";
import { ledgerExchangeRate } from "../ledger-exchange-rate";
import { ledgerVatMismatchError, vatByRateMismatch } from "../ledger-vat-check";
import { type BillyCredentials, billyCredentialsSchema, billyMeta } from "./billy-credentials";
import { type PlannedLines, planBillyLines, toBillyLine } from "./billy-invoice-lines";
import {
  type BillyAccount,
  type BillyInvoice,
  type BillyInvoiceLine,
  type BillyOrganization,
  accountSchema,
  bankPaymentSchema,
  contactPersonSchema,
  contactSchema,
  invoiceSchema,
  invoiceWriteSchema,
  organizationSchema,
  productPriceSchema,
  productSchema,
  salesTaxRulesetSchema,
  singleEnvelope,
  taxRateSchema,
  writeEnvelope,
} from "./billy-schemas";
import { type VatSetup, chooseRuleset, rateBp } from "./billy-vat";

/**
 * Billy (Billy's Billing API v2) as a `LedgerAdapter`.
 *
 * Documents: invoices and credit notes are both `/v2/invoices` (credit notes have
 * `type: "creditNote"` and `creditedInvoiceId`), created as drafts and approved with a PUT.
 * Our `externalReference` goes into the invoice's `externalId`, which `GET /v2/invoices`
 * can filter on; every create first looks it up so a retried create cannot duplicate.
 */

const TREATMENT_SUFFIX: Record<VatTreatment, string> = {
  domestic: "",
  exempt: " (momsfri)",
  oss: " (EU-fjernsalg, OSS)",
  euReverseCharge: " (EU, omvendt betalingspligt)",
  export: " (eksport)",
  voec: " (VOEC)",
};

export function createBillyAdapter(init: LedgerAdapterInit<BillyCredentials>): LedgerAdapter {
  const parsed = billyCredentialsSchema.safeParse(init.credentials);
  if (!parsed.success) {
    throw new LedgerError({
      provider: "billy",
      kind: "authentication",
      messageKey: "ledgerError.billy.connectionIncomplete",
      detail: parsed.error.message,
    });
  }
  const credentials = parsed.data;
  const organizationId = init.organisationId ?? credentials.organizationId;
  const client = new BillyClient({
    accessToken: credentials.accessToken,
    apiBaseUrl: init.endpoints.apiBaseUrl,
    ...(init.fetch ? { fetch: init.fetch } : {}),
    ...(init.beforeRequest ? { beforeRequest: init.beforeRequest } : {}),
    ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
  });
  /** Billy wants `organizationId` in write bodies only for user-level tokens. */
  const org = organizationId ? { organizationId } : {};

  // Per-adapter caches of data that changes only when the merchant edits Billy's settings.
  let organizationPromise: Promise<BillyOrganization> | undefined;
  let vatPromise: Promise<VatSetup> | undefined;
  const genericProducts = new Map<string, Promise<string>>();
  const accounts = new Map<string, Promise<BillyAccount>>();

  function organization(): Promise<BillyOrganization> {
    organizationPromise ??= (
      organizationId
        ? client.get(
            `/organizations/${encodeURIComponent(organizationId)}`,
            singleEnvelope("organization", organizationSchema),
            "read the company",
          )
        : client.get("/organization", singleEnvelope("organization", organizationSchema), "read the company")
    ).catch((error: unknown) => {
      organizationPromise = undefined;
      throw error;
    });
    return organizationPromise;
  }

  function vatSetup(): Promise<VatSetup> {
    vatPromise ??= (async () => {
      const [company, rulesets, taxRates] = await Promise.all([
        organization(),
        client.list("salesTaxRulesets", salesTaxRulesetSchema, "read the VAT rulesets", {
          include: "salesTaxRuleset.rules:embed",
        }),
        client.list("taxRates", taxRateSchema, "read the VAT rates"),
      ]);
      const defaultRulesetId = company.defaultSalesTaxRulesetId ?? rulesets[0]?.id;
      if (!defaultRulesetId) {
        throw invalid("ledgerError.billy.noVatRuleset");
      }
      return { defaultRulesetId, rulesets, taxRates: new Map(taxRates.map((rate) => [rate.id, rate])) };
    })().catch((error: unknown) => {
      vatPromise = undefined;
      throw error;
    });
    return vatPromise;
  }

  function account(id: string): Promise<BillyAccount> {
    let pending = accounts.get(id);
    if (!pending) {
      pending = client.get(
        `/accounts/${encodeURIComponent(id)}`,
        singleEnvelope("account", accountSchema),
        "read the deposit account",
      );
      pending.catch(() => accounts.delete(id));
      accounts.set(id, pending);
    }
    return pending;
  }

  async function findProductBySku(sku: string) {
    const products = await client.list("products", productSchema, "look up the product", {
      productNo: sku,
      include: "product.prices:embed",
    });
    return products.find((product) => product.productNo === sku && !product.isArchived);
  }

  async function ensureProductInternal(
    spec: ProductSpec,
    update: boolean,
    withPrice: boolean,
  ): Promise<LedgerRef> {
    const vat = await vatSetup();
    const salesTaxRulesetId = chooseRuleset(vat, spec.vatTreatment, spec.vatRate);
    const unitPrice = toBillyAmount(spec.unitNet, spec.currency);
    const existing = await findProductBySku(spec.sku);
    if (!existing) {
      const created = await client.post(
        "/products",
        {
          product: {
            ...org,
            name: spec.name,
            productNo: spec.sku,
            accountId: spec.account,
            salesTaxRulesetId,
            ...(withPrice ? { prices: [{ unitPrice, currencyId: spec.currency }] } : {}),
          },
        },
        writeEnvelope("products", productSchema),
        `create the product ${spec.sku}`,
      );
      return { id: created.id, created: true };
    }
    if (update) {
      const changes = {
        ...(existing.name !== spec.name ? { name: spec.name } : {}),
        ...(existing.accountId !== spec.account ? { accountId: spec.account } : {}),
        ...(existing.salesTaxRulesetId !== salesTaxRulesetId ? { salesTaxRulesetId } : {}),
      };
      if (Object.keys(changes).length > 0) {
        await client.put(
          `/products/${existing.id}`,
          { product: changes },
          writeEnvelope("products", productSchema),
          `update the product ${spec.sku}`,
        );
      }
      // Prices are changed one by one: setting `prices` on the product would delete the others.
      const price = (existing.prices ?? []).find((p) => p.currencyId === spec.currency);
      if (!price) {
        await client.post(
          "/productPrices",
          { productPrice: { productId: existing.id, currencyId: spec.currency, unitPrice } },
          writeEnvelope("productPrices", productPriceSchema),
          `add a ${spec.currency} price to the product ${spec.sku}`,
        );
      } else if (fromBillyAmount(price.unitPrice, spec.currency) !== spec.unitNet) {
        await client.put(
          `/productPrices/${price.id}`,
          { productPrice: { unitPrice } },
          writeEnvelope("productPrices", productPriceSchema),
          `update the price of the product ${spec.sku}`,
        );
      }
    }
    return { id: existing.id, created: false };
  }

  /** One product per line kind, VAT treatment and account for lines without SKU. */
  function genericProductId(line: DraftLine, draft: DocumentDraft): Promise<string> {
    const productNo = `ledgerbridge-${line.kind}-${line.vatTreatment}-${line.account}`;
    let pending = genericProducts.get(productNo);
    if (!pending) {
      pending = ensureProductInternal(
        genericProductSpec(line, draft.currency, {
          sku: productNo,
          name: `${GENERIC_PRODUCT_NAMES[line.kind]}${TREATMENT_SUFFIX[line.vatTreatment]}`,
        }),
        false,
        false,
      ).then((ref) => ref.id);
      pending.catch(() => genericProducts.delete(productNo));
      genericProducts.set(productNo, pending);
    }
    return pending;
  }

  async function productIdsFor(
    draft: DocumentDraft,
    skuIds: ReadonlyMap<string, string>,
  ): Promise<Map<DraftLine, string>> {
    const ids = new Map<DraftLine, string>();
    for (const line of draft.lines) {
      const mapped = line.sku ? skuIds.get(line.sku) : undefined;
      if (mapped) ids.set(line, mapped);
      else if (line.sku) {
        const ref = await ensureProductInternal(skuProductSpec(line, line.sku, draft.currency), false, true);
        ids.set(line, ref.id);
      } else ids.set(line, await genericProductId(line, draft));
    }
    return ids;
  }

  /** Approved first: after an interrupted renumbering (see bookWithNumber) a stale draft may remain. */
  async function findByExternalId(externalReference: string): Promise<BillyInvoice | undefined> {
    const invoices = await client.list("invoices", invoiceSchema, "look up the document", {
      externalId: externalReference,
    });
    const matching = invoices.filter(
      (invoice) => invoice.externalId === externalReference && invoice.state !== "voided",
    );
    return matching.find((invoice) => invoice.state === "approved") ?? matching[0];
  }

  /** POST /v2/invoices; a taken `invoiceNo` becomes a conflict naming the invoice that has it. */
  async function postInvoice(body: { invoice: Record<string, unknown> }, action: string) {
    try {
      return await client.post("/invoices", body, invoiceWriteSchema, action);
    } catch (error) {
      const number = body.invoice.invoiceNo;
      if (LedgerError.is(error) && error.kind === "conflict" && typeof number === "string") {
        const taken = (
          await client.list("invoices", invoiceSchema, "look up the invoice number", { invoiceNo: number })
        ).find((invoice) => invoice.invoiceNo === number);
        if (taken) throw conflict(taken.id, "ledgerError.billy.numberTaken", { number }, error);
      }
      throw error;
    }
  }

  async function refuseDuplicate(kind: LedgerDocument["kind"], draft: DocumentDraft): Promise<void> {
    const existing = await findByExternalId(draft.externalReference);
    if (existing) {
      throw conflict(existing.id, "ledgerError.billy.alreadyHas", {
        document: kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
        header: draft.header,
        id: existing.id,
        number: existing.invoiceNo ? `, ${existing.invoiceNo}` : "",
      });
    }
  }

  async function createDocument(
    kind: LedgerDocument["kind"],
    draft: DocumentDraft,
    header: Record<string, unknown>,
    skuIds: ReadonlyMap<string, string>,
  ): Promise<LedgerDocument> {
    await refuseDuplicate(kind, draft);
    const productIds = await productIdsFor(draft, skuIds);
    const plan = planBillyLines(draft, (line) => productIds.get(line) ?? "");
    const contactMessage = [draft.header, draft.comment]
      .filter((text, i, all) => text && all.indexOf(text) === i)
      .join("\n");
    // The shop's own rate (Billy: base-currency units per unit of the invoice currency) rather
    // than Billy's daily rate, so the booked amounts match what the shop converted.
    const company = await organization();
    const exchangeRate = ledgerExchangeRate(draft, company.baseCurrencyId ?? "DKK", { per: 1, decimals: 6 });
    const body = {
      invoice: {
        ...org,
        ...header,
        entryDate: draft.issueDate,
        currencyId: draft.currency,
        ...(exchangeRate !== undefined ? { exchangeRate } : {}),
        taxMode: plan.taxMode,
        state: "draft",
        externalId: draft.externalReference,
        ...(contactMessage ? { contactMessage } : {}),
        lines: plan.lines.map(toBillyLine),
      },
    };
    const what = kind === "invoice" ? "the invoice" : "the credit note";
    const result = await postInvoice(body, `create ${what} for ${draft.header}`);
    await verifyOrDiscard(result.invoice, result.lines, plan, draft);
    return toDocument(result.invoice);
  }

  /** Never leave a draft whose totals or VAT differ from the order: delete it and say why. */
  async function verifyOrDiscard(
    invoice: BillyInvoice,
    lines: BillyInvoiceLine[],
    plan: PlannedLines,
    draft: DocumentDraft,
  ) {
    const problem = await checkAgainstDraft(invoice, lines, plan, draft);
    if (!problem) return;
    await client.delete(`/invoices/${invoice.id}`, "delete the rejected draft").catch(() => undefined);
    throw problem;
  }

  async function checkAgainstDraft(
    invoice: BillyInvoice,
    lines: BillyInvoiceLine[],
    plan: PlannedLines,
    draft: DocumentDraft,
  ) {
    const code = currency(invoice.currencyId);
    const gross = fromBillyAmount(invoice.grossAmount ?? invoice.amount + invoice.tax, code);
    const show = (minor: number) => `${formatMinor(minor, code)} ${code}`;
    if (gross !== draft.totals.gross) {
      return invalid(
        "ledgerError.billy.totalMismatch",
        { theirs: show(gross), header: draft.header, ours: show(draft.totals.gross) },
        `gross ${gross} ≠ draft ${draft.totals.gross}; taxMode ${plan.taxMode}`,
      );
    }
    const vat = await vatSetup();
    const ours = new Map(plan.lines.map((line) => [line.priority, line]));
    for (const line of lines.filter((l) => !l.invoiceId || l.invoiceId === invoice.id)) {
      const planned = ours.get(line.priority ?? -1);
      if (!planned || !line.taxRateId) continue;
      const applied = rateBp(vat.taxRates.get(line.taxRateId));
      if (applied !== undefined && applied !== planned.source.vatRate) {
        return invalid(
          "ledgerError.billy.rateMismatch",
          { applied: applied / 100, description: planned.description, ours: planned.source.vatRate / 100 },
          `line ${planned.priority}: taxRate ${line.taxRateId} (${applied}) ≠ ${planned.source.vatRate} (${planned.source.vatTreatment})`,
        );
      }
    }
    // Billy's own VAT per rate, line by line as it rounded them, must be the draft's.
    const own = lines.filter((l) => !l.invoiceId || l.invoiceId === invoice.id);
    if (own.every((l) => l.tax !== null && l.tax !== undefined)) {
      const byRate = new Map<number, number>();
      for (const line of own) {
        const rate = (line.taxRateId ? rateBp(vat.taxRates.get(line.taxRateId)) : 0) ?? 0;
        byRate.set(rate, (byRate.get(rate) ?? 0) + fromBillyAmount(line.tax ?? 0, code));
      }
      const mismatch = vatByRateMismatch(draft, byRate);
      if (mismatch) return ledgerVatMismatchError("billy", draft, mismatch);
    }
    return undefined;
  }

  /**
   * Billy takes `invoiceNo` only when an invoice is created. To lock a number at booking, the
   * draft is copied with that number (checked against the same total), the old draft deleted
   * and the copy approved. A taken number fails on the copy, leaving the draft untouched.
   */
  async function bookWithNumber(document: LedgerDocument, number: string): Promise<LedgerDocument> {
    const current = await client.get(
      `/invoices/${document.id}`,
      singleEnvelope("invoice", invoiceSchema),
      "read the invoice",
      {
        include: "invoice.lines:embed",
      },
    );
    if (current.invoiceNo === number)
      return current.state === "draft" ? approve(toDocument(current)) : toDocument(current);
    if (current.state !== "draft") {
      throw invalid("ledgerError.billy.alreadyApproved", { current: current.invoiceNo ?? "–", number });
    }
    const copy = await postInvoice(
      {
        invoice: {
          ...org,
          type: current.type ?? "invoice",
          contactId: current.contactId,
          entryDate: current.entryDate,
          currencyId: current.currencyId,
          ...(current.taxMode ? { taxMode: current.taxMode } : {}),
          ...(current.paymentTermsMode ? { paymentTermsMode: current.paymentTermsMode } : {}),
          ...(current.paymentTermsDays !== null && current.paymentTermsDays !== undefined
            ? { paymentTermsDays: current.paymentTermsDays }
            : {}),
          ...(current.creditedInvoiceId ? { creditedInvoiceId: current.creditedInvoiceId } : {}),
          ...(current.contactMessage ? { contactMessage: current.contactMessage } : {}),
          ...(current.externalId ? { externalId: current.externalId } : {}),
          invoiceNo: number,
          state: "draft",
          lines: (current.lines ?? []).map((line) => ({
            productId: line.productId,
            description: line.description ?? "",
            quantity: line.quantity ?? 1,
            unitPrice: line.unitPrice ?? 0,
            ...(line.priority !== null && line.priority !== undefined ? { priority: line.priority } : {}),
            ...(line.discountMode
              ? {
                  discountMode: line.discountMode,
                  discountValue: line.discountValue,
                  discountText: line.discountText,
                }
              : {}),
          })),
        },
      },
      `book the invoice with number ${number}`,
    );
    const copyDocument = toDocument(copy.invoice);
    if (copyDocument.totalGross !== toDocument(current).totalGross) {
      await client
        .delete(`/invoices/${copy.invoice.id}`, "delete the renumbered copy")
        .catch(() => undefined);
      throw invalid("ledgerError.billy.renumberTotal", { number });
    }
    await client.delete(`/invoices/${current.id}`, "replace the draft with its renumbered copy");
    return approve(copyDocument);
  }

  async function approve(document: LedgerDocument): Promise<LedgerDocument> {
    if (document.state === "booked") {
      return toDocument(
        await client.get(
          `/invoices/${document.id}`,
          singleEnvelope("invoice", invoiceSchema),
          "read the document",
        ),
      );
    }
    const result = await client.put(
      `/invoices/${document.id}`,
      { invoice: { state: "approved" } },
      invoiceWriteSchema,
      document.kind === "invoice" ? "approve the invoice" : "approve the credit note",
    );
    return toDocument(result.invoice);
  }

  async function settle(
    document: LedgerDocument,
    payment: DraftPayment,
    cashSide: "debit" | "credit",
  ): Promise<LedgerRef> {
    const what = cashSide === "debit" ? "the payment" : "the refund";
    const subject = await client.get(
      `/invoices/${document.id}`,
      singleEnvelope("invoice", invoiceSchema),
      `read the document before registering ${what}`,
      { include: "invoice.balanceModifiers:embed" },
    );
    if (subject.state !== "approved") {
      throw invalid("ledgerError.billy.notApproved", {
        what: cashSide === "debit" ? "ledgerError.word.thePayment" : "ledgerError.word.theRefund",
        id: document.id,
      });
    }
    if (subject.isPaid) {
      // Settled already (e.g. our earlier request succeeded but its answer was lost).
      const earlier = (subject.balanceModifiers ?? []).find(
        (m) => !m.isVoided && m.modifierReference?.startsWith("bankPayment:"),
      );
      const id = earlier?.modifierReference?.slice("bankPayment:".length);
      if (id) return { id, created: false };
      throw conflict(subject.id, "ledgerError.billy.alreadySettled", {
        document: document.number ? `#${document.number}` : "ledgerError.billy.theDocument",
      });
    }
    const cash = await account(payment.depositAccount);
    if (!cash.isPaymentEnabled) {
      throw invalid("ledgerError.billy.noPayments", {
        account: `${cash.accountNo ?? ""} ${cash.name}`,
        gateway: payment.gateway,
      });
    }
    const company = await organization();
    const cashCurrency = cash.currencyId ?? company.baseCurrencyId ?? subject.currencyId;
    let cashAmount: number;
    let cashExchangeRate: number | undefined;
    if (cashCurrency === subject.currencyId) {
      cashAmount = toBillyAmount(payment.amount, subject.currencyId);
    } else if (cashCurrency === company.baseCurrencyId && subject.exchangeRate) {
      // The invoice's own rate (1 invoice currency = rate base currency) keeps the payment exact.
      cashExchangeRate = subject.exchangeRate;
      const major = Number(formatMinor(payment.amount, currency(subject.currencyId)));
      cashAmount = Number((major * subject.exchangeRate).toFixed(2));
    } else {
      throw invalid("ledgerError.billy.paymentCurrency", {
        currency: subject.currencyId,
        cashCurrency,
        account: cash.name,
        baseCurrency: company.baseCurrencyId ?? "ledgerError.billy.baseCurrency",
        gateway: payment.gateway,
      });
    }
    const created = await client.post(
      "/bankPayments",
      {
        bankPayment: {
          ...org,
          entryDate: payment.date,
          cashAmount,
          cashSide,
          cashAccountId: payment.depositAccount,
          ...(cashExchangeRate !== undefined ? { cashExchangeRate } : {}),
          associations: [{ subjectReference: `invoice:${document.id}` }],
        },
      },
      writeEnvelope("bankPayments", bankPaymentSchema),
      `register ${what} (${payment.gateway} ${payment.reference})`,
    );
    return { id: created.id, created: true };
  }

  return {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "billy",
    vatRounding: billyMeta.vatRounding,
    capabilities: { stock: null, lockDocumentNumber: true, email: "separately", exchangeRate: true },

    async verifyConnection() {
      const company = await organization();
      if (company.isLocked) {
        throw invalid("ledgerError.billy.companyLocked", { company: company.name });
      }
      return { organisations: [{ id: company.id, name: company.name }] };
    },

    async listSalesAccounts(): Promise<LedgerOption[]> {
      const all = await client.list("accounts", accountSchema, "list the accounts");
      return all.filter((a) => a.natureId === "revenue" && !a.isArchived).map(accountOption);
    },

    async listDepositAccounts(): Promise<LedgerOption[]> {
      const all = await client.list("accounts", accountSchema, "list the accounts");
      return all.filter((a) => a.isPaymentEnabled && !a.isArchived).map(accountOption);
    },

    async listVatCodes(): Promise<VatCodeOption[]> {
      const rates = await client.list("taxRates", taxRateSchema, "list the VAT rates");
      return rates
        .filter((rate) => rate.appliesToSales !== false && rate.isActive !== false)
        .map((rate) => ({
          id: rate.id,
          label: rate.abbreviation ? `${rate.name} (${rate.abbreviation})` : rate.name,
          rate: Math.round(rate.rate * 10000),
        }));
    },

    // Billy has no payment-terms or layout records: terms are days on each invoice.
    async listPaymentTerms() {
      return [];
    },
    async listLayouts() {
      return [];
    },

    async findOrCreateCustomer(customer) {
      const candidates = await client.list(
        "contacts",
        contactSchema,
        "look up the customer",
        contactSearch(customer.match),
      );
      const decision = decideContact(
        customer,
        candidates
          .filter((contact) => matchesCustomer(contact, customer.match))
          .map((contact) => ({
            id: contact.id,
            name: contact.name,
            vatNumber: contact.registrationNo,
            // Billy "person" contacts also hold companies without a VAT number: only "company" is sure.
            isPerson: contact.type === "company" ? false : undefined,
          })),
      );
      if (decision.action === "use") return { id: decision.contact.id, created: false };
      if (decision.action === "update") {
        // The buyer's identity and address; persons stay (setting them would replace them all).
        const {
          contactPersons: _persons,
          organizationId: _organization,
          isCustomer: _isCustomer,
          ...contact
        } = contactBody(customer, organizationId).contact;
        await client.put(
          `/contacts/${encodeURIComponent(decision.contact.id)}`,
          { contact },
          writeEnvelope("contacts", contactSchema),
          `update the customer ${customer.name}`,
        );
        return { id: decision.contact.id, created: false };
      }
      const created = await client.post(
        "/contacts",
        contactBody(customer, organizationId),
        writeEnvelope("contacts", contactSchema),
        `create the customer ${customer.name}`,
      );
      return { id: created.id, created: true };
    },

    ensureProduct(product, options) {
      return ensureProductInternal(product, options.update, true);
    },

    createInvoice(draft: InvoiceDraft, refs) {
      return createDocument(
        "invoice",
        draft,
        {
          type: "invoice",
          contactId: refs.customerId,
          paymentTermsMode: "net",
          paymentTermsDays: draft.paymentTermsDays,
          // Billy takes a number only at creation; afterwards invoiceNo is immutable.
          ...(draft.lockedNumber !== undefined ? { invoiceNo: String(draft.lockedNumber) } : {}),
        },
        refs.productIds,
      );
    },

    bookInvoice(document, options) {
      return options?.number !== undefined
        ? bookWithNumber(document, String(options.number))
        : approve(document);
    },

    registerPayment(document, payment) {
      return settle(document, payment, "debit");
    },

    async emailInvoice(document, request: EmailRequest) {
      const invoice = await client.get(
        `/invoices/${document.id}`,
        singleEnvelope("invoice", invoiceSchema),
        "read the invoice",
      );
      const recipient = request.recipient.trim().toLowerCase();
      const persons = await client.list(
        "contactPersons",
        contactPersonSchema,
        "look up the invoice recipient",
        { contactId: invoice.contactId },
      );
      let personId = persons.find(
        (p) =>
          (p.contactId ?? invoice.contactId) === invoice.contactId &&
          p.email?.trim().toLowerCase() === recipient,
      )?.id;
      if (!personId) {
        // Added as an extra person: PUT contact.contactPersons would replace the existing ones.
        const created = await client.post(
          "/contactPersons",
          {
            contactPerson: {
              contactId: invoice.contactId,
              email: request.recipient.trim(),
              isPrimary: persons.length === 0,
            },
          },
          writeEnvelope("contactPersons", contactPersonSchema),
          "add the invoice recipient to the customer",
        );
        personId = created.id;
      }
      await client.post(
        `/invoices/${document.id}/emails`,
        {
          email: {
            contactPersonId: personId,
            emailSubject: request.subject ?? `Faktura ${invoice.invoiceNo ?? ""}`.trim(),
            emailBody: request.body,
          },
        },
        z.unknown(),
        "e-mail the invoice",
      );
    },

    createCreditNote(draft: CreditNoteDraft, refs) {
      return createDocument(
        "creditNote",
        draft,
        {
          type: "creditNote",
          creditedInvoiceId: refs.invoice.id,
          contactId: refs.customerId,
          paymentTermsMode: "net",
          paymentTermsDays: 0,
        },
        refs.productIds,
      );
    },

    bookCreditNote(document) {
      return approve(document);
    },

    registerRefund(document, payment) {
      return settle(document, payment, "credit");
    },

    bookJournalEntry: (entry) => bookBillyJournalEntry(client, org, entry),
    findJournalEntry: (key) => findBillyJournalEntry(client, key),

    async findDocument(kind, externalReference) {
      const found = await findByExternalId(externalReference);
      return found && (found.type ?? "invoice") === kind ? toDocument(found) : null;
    },
  };
}

function accountOption(account: BillyAccount): LedgerOption {
  return { id: account.id, label: [account.accountNo, account.name].filter(Boolean).join(" ") };
}

function toDocument(invoice: BillyInvoice): LedgerDocument {
  const booked = invoice.state !== "draft";
  return {
    kind: invoice.type === "creditNote" ? "creditNote" : "invoice",
    id: invoice.id,
    ...(booked && invoice.invoiceNo ? { number: invoice.invoiceNo } : {}),
    state: booked ? "booked" : "draft",
    totalGross: fromBillyAmount(invoice.grossAmount ?? invoice.amount + invoice.tax, invoice.currencyId),
    externalReference: invoice.externalId ?? "",
  };
}

/** Our own checks on what Billy computed or holds (totals, VAT, settings) fail. */
function invalid(messageKey: MessageKey, params?: MessageParams, detail?: string): LedgerError {
  return ledgerError("billy", "validation", messageKey, params, detail ? { detail } : {});
}

/** A record Billy already has, named so the caller can use it. */
function conflict(
  existingId: string,
  messageKey: MessageKey,
  params: MessageParams,
  original?: unknown,
): LedgerError {
  const from = LedgerError.is(original)
    ? { httpStatus: original.httpStatus, providerCode: original.providerCode, detail: original.message }
    : {};
  return ledgerError("billy", "conflict", messageKey, params, { existingId, ...from });
}
