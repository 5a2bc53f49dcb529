import { z } from "zod";

/**
 * Minimal, lenient schemas for what the adapter reads from Billy's v2 responses. Billy's own
 * docs sometimes show numbers where the live API sends strings (invoiceNo, accountNo), so those
 * accept both.
 */

const idLike = z.union([z.string(), z.number()]).transform(String);

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseCurrencyId: z.string().nullish(),
  defaultTaxMode: z.enum(["incl", "excl"]).nullish(),
  defaultSalesAccountId: z.string().nullish(),
  defaultSalesTaxRulesetId: z.string().nullish(),
  isLocked: z.boolean().nullish(),
});
export type BillyOrganization = z.infer<typeof organizationSchema>;

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  accountNo: idLike.nullish(),
  natureId: z.string().nullish(),
  currencyId: z.string().nullish(),
  isPaymentEnabled: z.boolean().nullish(),
  isArchived: z.boolean().nullish(),
});
export type BillyAccount = z.infer<typeof accountSchema>;

export const taxRateSchema = z.object({
  id: z.string(),
  name: z.string(),
  abbreviation: z.string().nullish(),
  rate: z.number(),
  appliesToSales: z.boolean().nullish(),
  isActive: z.boolean().nullish(),
});
export type BillyTaxRate = z.infer<typeof taxRateSchema>;

export const salesTaxRuleSchema = z.object({
  id: z.string(),
  countryId: z.string().nullish(),
  countryGroupId: z.string().nullish(),
  contactType: z.string().nullish(),
  taxRateId: z.string(),
  priority: z.number().nullish(),
});

export const salesTaxRulesetSchema = z.object({
  id: z.string(),
  name: z.string(),
  abbreviation: z.string().nullish(),
  fallbackTaxRateId: z.string().nullish(),
  rules: z.array(salesTaxRuleSchema).nullish(),
});
export type BillySalesTaxRuleset = z.infer<typeof salesTaxRulesetSchema>;

export const contactPersonSchema = z.object({
  id: z.string(),
  contactId: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  isPrimary: z.boolean().nullish(),
});
export type BillyContactPerson = z.infer<typeof contactPersonSchema>;

export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().nullish(),
  contactNo: idLike.nullish(),
  registrationNo: z.string().nullish(),
  phone: z.string().nullish(),
  countryId: z.string().nullish(),
  contactPersons: z.array(contactPersonSchema).nullish(),
});
export type BillyContact = z.infer<typeof contactSchema>;

export const productPriceSchema = z.object({
  id: z.string(),
  productId: z.string().nullish(),
  currencyId: z.string(),
  unitPrice: z.number(),
});

export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  productNo: idLike.nullish(),
  accountId: z.string().nullish(),
  salesTaxRulesetId: z.string().nullish(),
  isArchived: z.boolean().nullish(),
  prices: z.array(productPriceSchema).nullish(),
});
export type BillyProduct = z.infer<typeof productSchema>;

export const invoiceLineSchema = z.object({
  id: z.string(),
  invoiceId: z.string().nullish(),
  productId: z.string().nullish(),
  description: z.string().nullish(),
  quantity: z.number().nullish(),
  unitPrice: z.number().nullish(),
  discountText: z.string().nullish(),
  discountMode: z.string().nullish(),
  discountValue: z.number().nullish(),
  amount: z.number().nullish(),
  tax: z.number().nullish(),
  taxRateId: z.string().nullish(),
  priority: z.number().nullish(),
});
export type BillyInvoiceLine = z.infer<typeof invoiceLineSchema>;

export const balanceModifierSchema = z.object({
  id: z.string(),
  modifierReference: z.string().nullish(),
  subjectReference: z.string().nullish(),
  amount: z.number().nullish(),
  isVoided: z.boolean().nullish(),
});

export const invoiceSchema = z.object({
  id: z.string(),
  type: z.enum(["invoice", "creditNote"]).nullish(),
  state: z.string(),
  invoiceNo: idLike.nullish(),
  contactId: z.string(),
  currencyId: z.string(),
  entryDate: z.string().nullish(),
  taxMode: z.enum(["incl", "excl"]).nullish(),
  paymentTermsMode: z.string().nullish(),
  paymentTermsDays: z.number().nullish(),
  contactMessage: z.string().nullish(),
  amount: z.number(),
  tax: z.number(),
  grossAmount: z.number().nullish(),
  balance: z.number().nullish(),
  isPaid: z.boolean().nullish(),
  exchangeRate: z.number().nullish(),
  externalId: z.string().nullish(),
  creditedInvoiceId: z.string().nullish(),
  lines: z.array(invoiceLineSchema).nullish(),
  balanceModifiers: z.array(balanceModifierSchema).nullish(),
});
export type BillyInvoice = z.infer<typeof invoiceSchema>;

export const bankPaymentSchema = z.object({ id: z.string(), isVoided: z.boolean().nullish() });

const pagingSchema = z.object({ page: z.number(), pageCount: z.number() });

/** `GET /v2/<plural>/:id` → `{ "<singular>": {…} }` */
export function singleEnvelope<T extends z.ZodType>(root: string, schema: T) {
  return z.object({ [root]: schema }).transform((body) => body[root] as z.infer<T>);
}

/** `GET /v2/<plural>` → `{ "<plural>": [...], "meta": { "paging": … } }` */
export function listEnvelope<T extends z.ZodType>(plural: string, schema: T) {
  return z
    .object({ [plural]: z.array(schema), meta: z.object({ paging: pagingSchema.nullish() }).nullish() })
    .transform((body) => ({
      records: body[plural] as Array<z.infer<T>>,
      pageCount:
        (body.meta as { paging?: { pageCount: number } | null } | null | undefined)?.paging?.pageCount ?? 1,
    }));
}

/** Write responses carry every changed record keyed by plural name; the first is ours. */
export function writeEnvelope<T extends z.ZodType>(plural: string, schema: T) {
  return z
    .object({ [plural]: z.array(schema).min(1) })
    .transform((body) => (body[plural] as Array<z.infer<T>>)[0] as z.infer<T>);
}

export const invoiceWriteSchema = z
  .object({ invoices: z.array(invoiceSchema).min(1), invoiceLines: z.array(invoiceLineSchema).nullish() })
  .transform((body) => ({ invoice: body.invoices[0] as BillyInvoice, lines: body.invoiceLines ?? [] }));
