import { auditText } from "../../i18n/audit-text";
import type { Job, PrismaClient } from "@prisma/client";
import type { CreditNoteDraft, DocumentDraft, InvoiceDraft } from "../../domain/invoice-draft";
import type { LedgerAdapter, LedgerDocument } from "../../ledgers/ledger-contract";
import { formatMinor } from "../../domain/money";
import { ledgerError } from "../../ledgers/http-failure";
import { LEDGER_TEXT_RULES, ledgerSafeDraft } from "../../ledgers/ledger-text";
import { originalJson } from "../../lib/storable-text";
import type { JobContext, JobHandler, JobOutcome, SkipText } from "../worker.server";
import type { TransferOptions } from "./transfer-options";
import type { TransferProgress } from "./transfer-progress";
import { createOnce, markPaying } from "./transfer-writes";

/**
 * Carries one job's document into the ledger, one recorded step at a time: draft → customer →
 * products → document → book → payments → e-mail. Every step is saved before the next starts,
 * and the document's create is bracketed by a `creating` mark, so after any crash or lost
 * response the retry resumes at the right step and finds — rather than re-creates — a document
 * the ledger already stored. Exactly one document per job, always.
 */

export interface DraftRequest {
  job: Job;
  /** For credit notes: the order's invoice job (its source order), the invoice draft this refund credits, and the notes issued before it. */
  invoiceJob?: Job;
  invoice?: InvoiceDraft;
  previousCreditNotes?: CreditNoteDraft[];
}

export type BuiltDraft = { draft: DocumentDraft } | { skip: string; text?: SkipText };

export interface TransferDeps {
  db: PrismaClient;
  ledgerFor(shopId: string): Promise<LedgerAdapter>;
  optionsFor(shopId: string): Promise<TransferOptions>;
  /** Source JSON + settings → draft (the accounting core), or a reason to skip the job. */
  buildDraft(request: DraftRequest): Promise<BuiltDraft>;
}

export function createTransferHandler(deps: TransferDeps): JobHandler {
  return async (job, context) => {
    // Stored progress holds the platform's text in storable form (lib/storable-text).
    const progress = { ...originalJson(context.progress as TransferProgress) };
    const save = async (patch: Partial<TransferProgress>) => {
      Object.assign(progress, patch);
      await context.saveProgress(progress as Record<string, unknown>);
    };

    if (!progress.draft) {
      const built = await buildFor(job, deps);
      if ("skip" in built) {
        return { status: "skipped", reason: built.skip, ...(built.text ? { text: built.text } : {}) };
      }
      await save({ draft: built.draft });
      await context.audit("draft", "info", describe(built.draft), {
        externalReference: built.draft.externalReference,
        gross: built.draft.totals.gross,
        currency: built.draft.currency,
      });
    }
    const options = await deps.optionsFor(job.shopId);
    const ledger = await deps.ledgerFor(job.shopId);
    const { draft, changes } = ledgerSafeDraft(progress.draft as DocumentDraft, ledger.provider);
    if (changes.length > 0 && !progress.textAdjusted) {
      // The stored draft keeps the original; the audit says what the ledger got instead.
      await context.audit(
        "text",
        "warn",
        {
          // The rule's reason is a developer's note (kept in English beside the keyed text).
          message: `Adapted ${changes.length} text field(s) for ${ledger.provider}: ${LEDGER_TEXT_RULES[ledger.provider].reason}`,
          messageText: auditText("audit.textAdapted", { count: changes.length, ledger: ledger.provider })
            .messageText,
        },
        { fields: changes.map(({ field, original, sent }) => ({ field, original, sent })) },
      );
      await save({ textAdjusted: true });
    }
    return draft.kind === "invoice"
      ? transferInvoice({ job, draft, options, ledger, progress, save, context, deps })
      : transferCreditNote({ job, draft, options, ledger, progress, save, context, deps });
  };
}

export interface StepInput<D extends DocumentDraft> {
  job: Job;
  draft: D;
  options: TransferOptions;
  ledger: LedgerAdapter;
  progress: TransferProgress;
  save: (patch: Partial<TransferProgress>) => Promise<void>;
  context: JobContext;
  deps: TransferDeps;
}

async function transferInvoice(input: StepInput<InvoiceDraft>): Promise<JobOutcome> {
  const { draft, options, ledger, progress, save, context } = input;
  const refs = await ensureCustomerAndProducts(input);
  let document = progress.document;
  if (!document) {
    document = await createOnce(input, "invoice", (write) => ledger.createInvoice(draft, refs, write));
  }
  if (options.book && document.state !== "booked") {
    const lockedNumber = options.lockNumber ? draft.lockedNumber : undefined;
    await context.holdLease();
    document = await ledger.bookInvoice(
      document,
      lockedNumber === undefined ? undefined : { number: lockedNumber },
    );
    await save({ document });
    await context.audit(
      "book",
      "info",
      auditText("audit.booked.invoice", { number: document.number ?? document.id }),
      {
        documentId: document.id,
        number: document.number ?? null,
      },
    );
  }
  if (options.book && options.registerPayments) {
    for (const payment of draft.payments) {
      if (progress.payments?.[payment.reference]) continue;
      const write = await markPaying(input, payment.reference);
      const ref = await ledger.registerPayment(document, payment, write);
      await save({ payments: { ...progress.payments, [payment.reference]: ref.id }, paying: undefined });
      await context.audit(
        "payment",
        "info",
        auditText("audit.payment", { reference: payment.reference, account: payment.depositAccount }),
        { paymentId: ref.id, amount: payment.amount },
      );
    }
  }
  if (options.book && options.email.enabled && !progress.emailed && draft.customer.email) {
    const body = options.email.body
      .replaceAll("{orderName}", draft.order.name)
      .replaceAll("{orderNumber}", draft.order.number);
    await context.holdLease();
    await ledger.emailInvoice(document, { recipient: draft.customer.email, body });
    await save({ emailed: true });
    await context.audit("email", "info", auditText("audit.emailed", { email: draft.customer.email ?? "" }));
  }
  return done(document);
}

async function transferCreditNote(input: StepInput<CreditNoteDraft>): Promise<JobOutcome> {
  const { draft, options, ledger, progress, save, context } = input;
  const invoice = await ledger.findDocument("invoice", draft.creditsExternalReference);
  if (!invoice) {
    throw ledgerError(ledger.provider, "validation", "ledgerError.invoiceNotFoundForCredit", {
      order: draft.order.name,
    });
  }
  const refs = await ensureCustomerAndProducts(input);
  let document = progress.document;
  if (!document) {
    document = await createOnce(input, "creditNote", (write) =>
      ledger.createCreditNote(draft, { invoice, ...refs }, write),
    );
  }
  if (options.book && document.state !== "booked") {
    await context.holdLease();
    document = await ledger.bookCreditNote(document);
    await save({ document });
    await context.audit(
      "book",
      "info",
      auditText("audit.booked.creditNote", { number: document.number ?? document.id }),
      {
        documentId: document.id,
        number: document.number ?? null,
      },
    );
  }
  if (options.book && options.registerPayments) {
    for (const payment of draft.payments) {
      if (progress.payments?.[payment.reference]) continue;
      const write = await markPaying(input, payment.reference);
      const ref = await ledger.registerRefund(document, payment, write);
      await save({ payments: { ...progress.payments, [payment.reference]: ref.id }, paying: undefined });
      await context.audit(
        "refund",
        "info",
        auditText("audit.refund", { reference: payment.reference, account: payment.depositAccount }),
        { paymentId: ref.id, amount: payment.amount },
      );
    }
  }
  return done(document);
}

async function ensureCustomerAndProducts(input: StepInput<DocumentDraft>) {
  const { draft, options, ledger, progress, save, context } = input;
  if (!progress.customerId && draft.customer.ledgerId) {
    // The fixed customer chosen in settings (#18): booked on as it is.
    await save({ customerId: draft.customer.ledgerId });
    await context.audit("customer", "info", `Using the fixed customer ${draft.customer.name}`, {
      customerId: draft.customer.ledgerId,
    });
  }
  if (!progress.customerId) {
    await context.holdLease();
    const customer = await ledger.findOrCreateCustomer(draft.customer);
    await save({ customerId: customer.id });
    await context.audit(
      "customer",
      "info",
      auditText(customer.created ? "audit.customer.created" : "audit.customer.found", {
        name: draft.customer.name,
      }),
      { customerId: customer.id },
    );
  }
  if (!progress.productIds) {
    const productIds: Record<string, string> = {};
    if (options.products === "bySku") {
      for (const line of draft.lines) {
        if (!line.sku || productIds[line.sku]) continue;
        await context.holdLease();
        const product = await ledger.ensureProduct(
          {
            sku: line.sku,
            name: line.description,
            unitNet: line.unitNet,
            currency: draft.currency,
            vatTreatment: line.vatTreatment,
            vatRate: line.vatRate,
            account: line.account,
          },
          { update: options.updateProducts },
        );
        productIds[line.sku] = product.id;
      }
    }
    await save({ productIds });
    if (Object.keys(productIds).length > 0) {
      await context.audit(
        "products",
        "info",
        auditText("audit.products", { products: Object.keys(productIds).join(", ") }),
      );
    }
  }
  return {
    customerId: progress.customerId as string,
    productIds: new Map(Object.entries(progress.productIds ?? {})),
  };
}

async function buildFor(job: Job, deps: TransferDeps): Promise<BuiltDraft> {
  if (job.kind === "invoice") return deps.buildDraft({ job });
  const invoiceJob = await deps.db.job.findFirst({
    where: { shopId: job.shopId, orderId: job.orderId, kind: "invoice", status: "succeeded" },
  });
  const invoice = originalJson(invoiceJob?.progress as TransferProgress | null)?.draft;
  if (!invoice || invoice.kind !== "invoice") {
    return { skip: "the order's invoice was never transferred, so there is nothing to credit" };
  }
  const earlier = await deps.db.job.findMany({
    where: {
      shopId: job.shopId,
      orderId: job.orderId,
      kind: "creditNote",
      status: "succeeded",
      id: { not: job.id },
    },
    orderBy: { seq: "asc" },
  });
  const previousCreditNotes = earlier
    .map((other) => originalJson(other.progress as TransferProgress | null)?.draft)
    .filter((draft): draft is CreditNoteDraft => draft?.kind === "creditNote");
  return deps.buildDraft({ job, invoiceJob: invoiceJob ?? undefined, invoice, previousCreditNotes });
}

function done(document: LedgerDocument): JobOutcome {
  return {
    status: "succeeded",
    documentId: document.id,
    ...(document.number ? { documentNumber: document.number } : {}),
  };
}

function describe(draft: DocumentDraft) {
  // The audit log is read by people: 366.00 DKK, not the minor units 36600.
  return auditText(draft.kind === "invoice" ? "audit.built.invoice" : "audit.built.creditNote", {
    order: draft.order.name,
    lines: draft.lines.length,
    gross: `${formatMinor(draft.totals.gross, draft.currency)} ${draft.currency}`,
  });
}
