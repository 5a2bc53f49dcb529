import type { VatTreatment } from "../../domain/invoice-draft";
import { LedgerError } from "../ledger-error";
import { DYNACCOUNT } from "./dynaccount-errors";

/**
 * Draft VAT treatment + rate → Dynaccount VAT code name (lines reference VAT codes by name).
 * Codes follow the Danish standard naming (S25 = salgsmoms 25 %); OSS and VOEC need one code per
 * destination rate (OSS19, VOEC25…), which the merchant creates once in Dynaccount.
 * An empty name means "no VAT" on the line.
 */
export function dynaccountVatCode(line: { vatTreatment: VatTreatment; vatRate: number }): string {
  const percent = formatPercent(line.vatRate);
  switch (line.vatTreatment) {
    case "domestic":
      if (line.vatRate === 2500) return "S25";
      if (line.vatRate === 0) return "";
      break;
    case "exempt":
      return "";
    case "euReverseCharge":
      return "SEU";
    case "export":
      return "SEXP";
    case "oss":
      return `OSS${percent}`;
    case "voec":
      return `VOEC${percent}`;
  }
  throw new LedgerError({
    kind: "validation",
    provider: DYNACCOUNT,
    detail: `No Dynaccount VAT code for ${line.vatTreatment} at ${percent} %`,
    messageKey: "ledgerError.dynaccount.noVatCode",
    params: { percent },
  });
}

function formatPercent(basisPoints: number): string {
  return basisPoints % 100 === 0
    ? String(basisPoints / 100)
    : (basisPoints / 100).toFixed(2).replace(/0$/, "");
}
