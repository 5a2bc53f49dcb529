import { auditText } from "../../i18n/audit-text";
import type { DocumentDraft } from "../../domain/invoice-draft";
import type { LedgerDocument, WriteOptions } from "../../ledgers/ledger-contract";
import { formatMinor } from "../../domain/money";
import { ledgerError } from "../../ledgers/http-failure";
import type { StepInput } from "./transfer-handler";

/**
 * The two writes whose answer can be lost after the ledger acted on them: a document's create
 * and a payment. Each is marked in the job's progress before it is sent, so only an attempt
 * following an unanswered one pays for the lookups that recovery needs (issue #16).
 */

/** Creates the document at most once: a marked, unfinished create is looked up before retrying. */
export async function createOnce(
  input: StepInput<DocumentDraft>,
  kind: "invoice" | "creditNote",
  create: (write: WriteOptions) => Promise<LedgerDocument>,
): Promise<LedgerDocument> {
  const { draft, ledger, progress, save, context } = input;
  let document: LedgerDocument | null = null;
  // A create marked but never answered may have reached the ledger; only then is there anything to find.
  const recovering = progress.creating === true;
  if (recovering) {
    document = await ledger.findDocument(kind, draft.externalReference);
    if (document)
      await context.audit(
        kind,
        "warn",
        auditText(kind === "invoice" ? "audit.recovered.invoice" : "audit.recovered.creditNote", {
          id: document.id,
        }),
        { documentId: document.id },
      );
  }
  if (!document) {
    await save({ creating: true });
    await context.holdLease();
    document = await create({ recovering });
    await context.audit(
      kind,
      "info",
      auditText(kind === "invoice" ? "audit.draft.invoice" : "audit.draft.creditNote", { id: document.id }),
      { documentId: document.id, totalGross: document.totalGross },
    );
  }
  if (document.totalGross !== draft.totals.gross) {
    const money = (minor: number) => `${formatMinor(minor, draft.currency)} ${draft.currency}`;
    throw ledgerError(
      ledger.provider,
      "validation",
      "ledgerError.totalMismatch",
      { theirs: money(document.totalGross), ours: money(draft.totals.gross) },
      { detail: `total ${document.totalGross} ≠ draft ${draft.totals.gross} (minor units)` },
    );
  }
  await save({ document, creating: false });
  return document;
}

/**
 * Marks a payment as sent before its call, like `creating` for documents: the next attempt
 * after an unanswered one is told to look for it first; a first attempt is not.
 */
export async function markPaying(input: StepInput<DocumentDraft>, reference: string): Promise<WriteOptions> {
  const recovering = input.progress.paying === reference;
  if (!recovering) await input.save({ paying: reference });
  await input.context.holdLease();
  return { recovering };
}
