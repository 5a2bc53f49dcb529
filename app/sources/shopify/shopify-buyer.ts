import type { Address } from "../../domain/order";

/**
 * Shopify has no standard field for a buyer's VAT/CVR number or EAN: checkout apps store them as
 * order attributes (REST `note_attributes`, GraphQL `customAttributes`). These patterns match
 * the names Danish checkout apps use ("vat_number", "CVR", "momsnummer", "EAN-nummer", "GLN").
 */
const VAT_NAME = /(^|[^a-z])(vat|cvr|moms|tax[ _-]?id|company[ _-]?number)/i;
const EAN_NAME = /(^|[^a-z])(ean|gln)([^a-z]|$)/i;

export function attributeValue(
  attributes: ReadonlyArray<{ name: string; value: unknown }>,
  kind: "vat" | "ean",
): string | undefined {
  const pattern = kind === "vat" ? VAT_NAME : EAN_NAME;
  for (const { name, value } of attributes) {
    if (pattern.test(name) && (typeof value === "string" || typeof value === "number")) {
      const text = String(value).trim();
      if (text) return text;
    }
  }
  return undefined;
}

interface AddressInput {
  name?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  company?: string | null | undefined;
  line1?: string | null | undefined;
  line2?: string | null | undefined;
  zip?: string | null | undefined;
  city?: string | null | undefined;
  province?: string | null | undefined;
  countryCode?: string | null | undefined;
  phone?: string | null | undefined;
}

export function toAddress(input: AddressInput | null | undefined): Address | undefined {
  if (!input) return undefined;
  const name = nonEmpty(input.name) ?? nonEmpty([input.firstName, input.lastName].filter(Boolean).join(" "));
  const address: Address = {};
  if (name) address.name = name;
  const company = nonEmpty(input.company);
  if (company) address.company = company;
  const line1 = nonEmpty(input.line1);
  if (line1) address.line1 = line1;
  const line2 = nonEmpty(input.line2);
  if (line2) address.line2 = line2;
  const zip = nonEmpty(input.zip);
  if (zip) address.zip = zip;
  const city = nonEmpty(input.city);
  if (city) address.city = city;
  const province = nonEmpty(input.province);
  if (province) address.province = province;
  const country = nonEmpty(input.countryCode);
  if (country) address.countryCode = country.toUpperCase();
  const phone = nonEmpty(input.phone);
  if (phone) address.phone = phone;
  return Object.keys(address).length > 0 ? address : undefined;
}

export function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** "#1001" → "1001", "DK-1001" → "1001". */
export function numberFromName(name: string): string {
  const match = /(\d+)\D*$/.exec(name);
  return match?.[1] ?? name.replace(/^#/, "");
}

export function shopifyGid(
  kind: string,
  id: string | number | null | undefined,
  gid: string | null | undefined,
): string | undefined {
  if (gid) return gid;
  if (id === null || id === undefined) return undefined;
  if (typeof id === "number" && !Number.isSafeInteger(id)) return undefined;
  return `gid://shopify/${kind}/${String(id)}`;
}
