import type { DraftCustomer } from "../../domain/invoice-draft";
import type { LedgerRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DynaccountContext } from "./dynaccount-context";
import { DYNACCOUNT } from "./dynaccount-errors";
import { debtorFields, referenceNote } from "./dynaccount-requests";
import {
  debtorGroupRowSchema,
  debtorMatchRowSchema,
  debtorRowSchema,
  readRow,
  readRows,
} from "./dynaccount-schemas";
import { decideContact } from "../customer-identity";

/**
 * Debtors are found by the shop's match key and otherwise created with the next free debtor
 * number (`module_id_`), which is what every other table references — so it is our customer id.
 * Our stable reference goes into the debtor's `note` so "match by reference" can find it.
 */

const LOOKUP = "look up the customer in Dynaccount";
const CREATE = "create the customer in Dynaccount";
const UPDATE = "update the customer in Dynaccount";

export async function findOrCreateDebtor(
  context: DynaccountContext,
  customer: DraftCustomer,
): Promise<LedgerRef> {
  const candidates = await findDebtors(context, customer);
  const decision = decideContact(
    customer,
    candidates.map((c) => ({ id: c.module_id_, name: c.name, vatNumber: c.vatno })),
  );
  if (decision.action === "use") return { id: decision.contact.id, created: false };
  const fields = debtorFields(customer, await debtorGroup(context));
  if (decision.action === "update") {
    const row = candidates.find((c) => c.module_id_ === decision.contact.id);
    if (row) {
      await context.client.put("debtor", row.id, fields, UPDATE);
      return { id: row.module_id_, created: false };
    }
  }
  const create = async (): Promise<LedgerRef> => {
    const number = await nextDebtorNumber(context);
    const row = await context.client.put("debtor", undefined, { module_id_: number, ...fields }, CREATE);
    return { id: readRow(debtorRowSchema, row, CREATE).module_id_, created: true };
  };
  try {
    return await create();
  } catch (error) {
    // Another writer took the number between our read and our write: read it again, once.
    if (!(LedgerError.is(error) && error.kind === "conflict")) throw error;
  }
  try {
    return await create();
  } catch (error) {
    if (!(LedgerError.is(error) && error.kind === "conflict")) throw error;
    // Several shops keep creating debtors in this company right now: nothing the merchant must
    // fix, so the job is retried later (finding or numbering the debtor afresh) instead of failing.
    throw new LedgerError({
      kind: "conflict",
      provider: DYNACCOUNT,
      detail: error.message,
      messageKey: error.messageKey,
      params: error.params,
      retryable: true,
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    });
  }
}

/** Every debtor the match field finds (a company and a private person may share an e-mail). */
async function findDebtors(context: DynaccountContext, customer: DraftCustomer) {
  for (const [column, value] of matchFilters(customer)) {
    const rows = await context.client.get(
      "debtor",
      {
        where: { [column]: value },
        select: ["id", "module_id_", "name", "vatno"],
        order: "id",
        limit: [0, 20],
      },
      LOOKUP,
    );
    const found = readRows(debtorMatchRowSchema, rows, LOOKUP);
    if (found.length > 0) return found;
  }
  return [];
}

function matchFilters(customer: DraftCustomer): Array<[string, string]> {
  const value = customer.match.value.trim();
  if (!value) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Empty ${customer.match.key} to match the customer by`,
      messageKey: "ledgerError.dynaccount.noMatchValue",
      params: { field: customer.match.key },
    });
  }
  switch (customer.match.key) {
    case "email":
      return [["email", value]];
    case "phone":
      return [["phone", value]];
    case "reference":
      return [["note", referenceNote(value)]];
    case "vatNumber": {
      // Buyers type "DK12345678" or "12345678"; try both spellings.
      const digits = value.replace(/^[A-Za-z]{2}/, "").replace(/\s+/g, "");
      return [...new Set([value, digits])].map((variant) => ["vatno", variant] as [string, string]);
    }
  }
}

async function nextDebtorNumber(context: DynaccountContext): Promise<number> {
  const rows = await context.client.get(
    "debtor",
    { select: ["id", "module_id_"], order: "module_id_ desc", limit: [0, 1] },
    CREATE,
  );
  const last = readRows(debtorRowSchema, rows, CREATE)[0];
  const lastNumber = last ? Number(last.module_id_) : 0;
  return Number.isSafeInteger(lastNumber) ? lastNumber + 1 : 1;
}

async function debtorGroup(context: DynaccountContext): Promise<string> {
  if (context.cache.debtorGroup) return context.cache.debtorGroup;
  const wanted = context.credentials.debtorGroup;
  const rows = await context.client.get(
    "debtor_group",
    { select: ["id", "name"], order: "id", ...(wanted ? { where: { name: wanted } } : {}) },
    CREATE,
  );
  const group = readRows(debtorGroupRowSchema, rows, CREATE)[0];
  if (!group) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Debtor group ${wanted ?? "(any)"} not found`,
      ...(wanted
        ? { messageKey: "ledgerError.dynaccount.noDebtorGroupNamed", params: { group: wanted } }
        : { messageKey: "ledgerError.dynaccount.noDebtorGroup" }),
    });
  }
  context.cache.debtorGroup = group.name;
  return group.name;
}
