import type { Order } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import type { LedgerVatRounding } from "./vat/ledger-rounding";
import type { TreatmentDecision } from "./vat/vat-treatment";
import type { DraftWarning } from "./draft-warning";

export interface ChargeContext {
  order: Order;
  settings: ShopSettings;
  decision: TreatmentDecision;
  orderChargedTax: boolean;
  warnings: DraftWarning[];
  /** How the receiving ledger rounds VAT; per line unless the draft is built for one that does not. */
  vatRounding?: LedgerVatRounding;
}
