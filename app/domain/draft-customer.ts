import type { CustomerMatchKey, DraftAddress, DraftCustomer } from "./invoice-draft";
import type { Address, Order } from "./order";
import { shortId } from "./external-reference";

/**
 * The ledger customer for an order. Businesses are named by company; guests without e-mail fall
 * back to one shared "webshop customer" per platform, so an order never fails for a missing
 * customer. The match key follows the setting, falling back to e-mail, then our reference.
 */
export function draftCustomer(
  order: Order,
  matchBy: CustomerMatchKey,
  onCompanyChange: "create" | "update" = "create",
): DraftCustomer {
  const c = order.customer;
  const billing = c.billingAddress ?? c.shippingAddress;
  const personName =
    [c.firstName, c.lastName].filter(Boolean).join(" ") ||
    billing?.name ||
    c.shippingAddress?.name ||
    undefined;
  const companyName = c.company ?? billing?.company;
  const reference = c.id
    ? `${order.source}-customer-${shortId(c.id)}`
    : c.email
      ? `${order.source}-guest-${c.email.toLowerCase()}`
      : `${order.source}-guest`;
  const name = (c.isBusiness && companyName) || personName || companyName || c.email || "Webshop customer";

  const candidates: Record<CustomerMatchKey, string | undefined> = {
    email: c.email?.toLowerCase(),
    phone: c.phone ?? billing?.phone,
    vatNumber: c.vatNumber,
    reference,
  };
  const key: CustomerMatchKey = candidates[matchBy] ? matchBy : candidates.email ? "email" : "reference";

  const address = toDraftAddress(billing);
  const shipping = c.shippingAddress ? toDraftAddress(c.shippingAddress) : undefined;
  const phone = c.phone ?? billing?.phone;
  return {
    match: { key, value: candidates[key] ?? reference },
    reference,
    name,
    ...(c.email ? { email: c.email } : {}),
    ...(phone ? { phone } : {}),
    ...(companyName ? { companyName } : {}),
    ...(c.vatNumber ? { vatNumber: c.vatNumber } : {}),
    ...(c.ean ? { ean: c.ean } : {}),
    isBusiness: c.isBusiness,
    ...(onCompanyChange === "update" ? { onCompanyChange } : {}),
    address,
    ...(shipping && !sameAddress(shipping, address) ? { shippingAddress: shipping } : {}),
  };
}

function toDraftAddress(address: Address | undefined): DraftAddress {
  if (!address) return {};
  const result: DraftAddress = {};
  if (address.line1) result.line1 = address.line1;
  if (address.line2) result.line2 = address.line2;
  if (address.zip) result.zip = address.zip;
  if (address.city) result.city = address.city;
  if (address.countryCode) result.countryCode = address.countryCode;
  return result;
}

function sameAddress(a: DraftAddress, b: DraftAddress): boolean {
  return (
    a.line1 === b.line1 &&
    a.line2 === b.line2 &&
    a.zip === b.zip &&
    a.city === b.city &&
    a.countryCode === b.countryCode
  );
}
