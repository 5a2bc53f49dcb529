import type { DraftCustomer } from "../domain/invoice-draft";

/**
 * Who a ledger contact is, as far as the ledger tells: enough to see whether an order's buyer is
 * the same legal person. The shop's match field (e-mail, phone, VAT number, reference) finds
 * candidates; it never makes a company's order land on a private person's contact, nor a new
 * company's order on another company's contact. The platform's customer id is only a hint
 * stored on the contact (its reference), never what decides.
 */
export interface FoundContact {
  id: string;
  name?: string | null;
  vatNumber?: string | null;
  /** True/false where the ledger records it; undefined where it does not (or not reliably). */
  isPerson?: boolean | null;
}

/** "DK 12 34 56 78", "dk12345678" and "12345678" are the same number. */
export function normalizeVatNumber(value: string | null | undefined): string {
  return (value ?? "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .replace(/^[A-Z]{2}(?=\d)/, "");
}

function normalizeName(value: string | null | undefined): string {
  return (value ?? "").normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

export function sameBuyer(customer: DraftCustomer, found: FoundContact): boolean {
  const ours = normalizeVatNumber(customer.vatNumber);
  const theirs = normalizeVatNumber(found.vatNumber);
  if (ours && theirs && ours !== theirs) return false;
  if (!customer.isBusiness) return found.isPerson !== false && !theirs;
  if (found.isPerson === true) return false;
  if (ours && theirs) return true;
  const company = normalizeName(customer.companyName ?? customer.name);
  return company !== "" && company === normalizeName(found.name);
}

export type ContactDecision =
  | { action: "use"; contact: FoundContact }
  | { action: "update"; contact: FoundContact }
  | { action: "create" };

/**
 * The first candidate that is the same buyer is used. When the match field found contacts but
 * none is this buyer (a company name or VAT number changed on the same e-mail), the shop's
 * `companyChange` setting decides: update the first candidate, or create a contact of its own.
 */
export function decideContact(customer: DraftCustomer, candidates: readonly FoundContact[]): ContactDecision {
  const same = candidates.find((candidate) => sameBuyer(customer, candidate));
  if (same) return { action: "use", contact: same };
  const first = candidates[0];
  if (first && customer.onCompanyChange === "update") return { action: "update", contact: first };
  return { action: "create" };
}

/**
 * What a created contact is keyed on for retries (Dinero's deterministic Guid, e-conomic's
 * Idempotency-Key): the match value and the buyer's identity — not the platform's customer id,
 * which a private person and the company they buy for share — and the contacts the search saw,
 * so a contact updated to another buyer since (companyChange: update) never answers for a new one.
 * A retry after a lost response finds its own contact by the search and never gets here.
 */
export function contactCreationKey(customer: DraftCustomer, seen: readonly FoundContact[] = []): string {
  const identity = customer.isBusiness
    ? `b:${normalizeVatNumber(customer.vatNumber)}:${normalizeName(customer.companyName ?? customer.name)}`
    : "p";
  const others =
    seen.length > 0
      ? `|seen:${seen
          .map((c) => c.id)
          .sort()
          .join(",")}`
      : "";
  return `${customer.match.key}:${customer.match.value.trim().toLowerCase()}|${identity}${others}`;
}
