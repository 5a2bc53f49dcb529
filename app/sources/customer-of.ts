import type { Customer } from "../domain/order";

/**
 * The buyer as every source maps it: only the fields the order carries, and a business when it
 * names a company, a VAT number or an EAN (or another sign the source has).
 */
export interface CustomerFields {
  id: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  company: string | undefined;
  vatNumber: string | undefined;
  ean: string | undefined;
  /** Business signs beyond company, VAT number and EAN. */
  otherBusinessSign: boolean;
  taxExempt: boolean;
  billingAddress: Customer["billingAddress"];
  shippingAddress: Customer["shippingAddress"];
}

export function customerOf(c: CustomerFields): Customer {
  const { id, email, phone, firstName, lastName, company, vatNumber, ean, billingAddress, shippingAddress } =
    c;
  return {
    ...(id ? { id } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(company ? { company } : {}),
    ...(vatNumber ? { vatNumber } : {}),
    ...(ean ? { ean } : {}),
    isBusiness: Boolean(company || vatNumber || ean || c.otherBusinessSign),
    taxExempt: c.taxExempt,
    ...(billingAddress ? { billingAddress } : {}),
    ...(shippingAddress ? { shippingAddress } : {}),
  };
}
