import type { VatTreatment } from "../invoice-draft";
import type { Order } from "../order";
import { isEuMember, normalizeCountry, standardRate } from "./vat-rates";

/** What the order-level VAT decision needs from the shop settings. */
export interface VatSettings {
  homeCountry: string;
  /** Basis points. */
  domesticRate: number;
  ossEnabled: boolean;
  voecEnabled: boolean;
}

export interface TreatmentDecision {
  /** The treatment of the order's taxable lines; untaxed lines of a taxed treatment become "exempt". */
  treatment: VatTreatment;
  /** Where the goods go (shipping country, else billing country, else the home country). */
  countryCode: string;
  /** The rate taxable lines must carry, basis points (0 for reverse charge and export). */
  expectedRate: number;
  /** Whether a lower positive rate from the order's own tax lines is acceptable (reduced rates). */
  allowsReducedRates: boolean;
  /** Plain-language reason, shown in previews and logs. */
  reason: string;
}

/**
 * Decides the VAT treatment from the destination country, B2B status, VAT number, the tax the
 * shop actually charged, and the merchant's registrations:
 *
 *  - home country → domestic VAT, B2B or not;
 *  - other EU country, business with a VAT number, no tax charged → reverse charge at 0 %;
 *    (a business that was charged VAT is treated as a consumer: the invoice must show that VAT)
 *  - other EU country otherwise → OSS at the destination's rate when registered for OSS, else
 *    home-country VAT (below the EU distance-selling threshold);
 *  - Norway with VOEC registration and Norwegian VAT charged → VOEC at 25 %;
 *  - anywhere else → export at 0 %.
 */
export function decideTreatment(order: Order, vat: VatSettings, date: string): TreatmentDecision {
  const home = normalizeCountry(vat.homeCountry);
  const destination = destinationCountry(order) ?? home;
  const charged = chargedTax(order);

  if (destination === home) {
    return decision("domestic", destination, vat.domesticRate, false, `a sale within ${home}`);
  }
  if (isEuMember(destination) && isEuMember(home)) {
    const { vatNumber, isBusiness } = order.customer;
    if (isBusiness && vatNumber && !charged) {
      return decision(
        "euReverseCharge",
        destination,
        0,
        false,
        `an EU business sale to ${destination} with VAT number ${vatNumber} (reverse charge)`,
      );
    }
    if (vat.ossEnabled) {
      const rate = standardRate(destination, date);
      if (rate === undefined) {
        return decision(
          "domestic",
          destination,
          vat.domesticRate,
          false,
          `a sale to ${destination}, whose VAT rate is unknown, so ${home} VAT applies`,
        );
      }
      return decision("oss", destination, rate, true, `an EU distance sale to ${destination} under OSS`);
    }
    return decision(
      "domestic",
      destination,
      vat.domesticRate,
      false,
      `an EU distance sale to ${destination} below the OSS threshold, taxed with ${home} VAT`,
    );
  }
  if (destination === "NO" && vat.voecEnabled && charged) {
    return decision(
      "voec",
      destination,
      standardRate("NO", date) ?? 2500,
      true,
      "a low-value sale to Norway under VOEC",
    );
  }
  return decision("export", destination, 0, false, `an export to ${destination} outside the EU`);
}

function decision(
  treatment: VatTreatment,
  countryCode: string,
  expectedRate: number,
  allowsReducedRates: boolean,
  reason: string,
): TreatmentDecision {
  return { treatment, countryCode, expectedRate, allowsReducedRates, reason };
}

function destinationCountry(order: Order): string | undefined {
  const code = order.customer.shippingAddress?.countryCode ?? order.customer.billingAddress?.countryCode;
  return code ? normalizeCountry(code) : undefined;
}

/** True when the shop charged any tax the merchant itself remits. */
export function chargedTax(order: Order): boolean {
  const all = [
    ...order.lines.flatMap((l) => l.taxLines ?? []),
    ...order.shippingLines.flatMap((s) => s.taxLines ?? []),
    ...order.fees.flatMap((f) => f.taxLines ?? []),
  ];
  if (all.length > 0) return all.some((t) => t.amount !== 0 && !t.channelLiable);
  return order.totals.tax !== 0;
}
