import { z } from "zod";

/**
 * What the adapter reads from e-conomic's answers: only the fields it uses, lenient
 * (`.nullish()`, unknown keys allowed) so new or missing properties do not break a transfer.
 * Remember the API omits `false` booleans entirely.
 */

const numberRef = <K extends string>(key: K) =>
  z.looseObject({ [key]: z.number() } as { [P in K]: z.ZodNumber });

export const collectionOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    collection: z.array(item),
    pagination: z.looseObject({ results: z.number().nullish(), nextPage: z.string().nullish() }).nullish(),
  });

export const selfSchema = z.looseObject({
  agreementNumber: z.number(),
  company: z.looseObject({ name: z.string().nullish() }).nullish(),
  settings: z.looseObject({ baseCurrency: z.string().nullish() }).nullish(),
  application: z.looseObject({ appPublicToken: z.string().nullish() }).nullish(),
});

export const accountSchema = z.looseObject({
  accountNumber: z.number(),
  name: z.string().nullish(),
  accountType: z.string().nullish(),
  debitCredit: z.string().nullish(),
  barred: z.boolean().nullish(),
  blockDirectEntries: z.boolean().nullish(),
});

export const vatAccountSchema = z.looseObject({
  vatCode: z.string(),
  name: z.string().nullish(),
  ratePercentage: z.number().nullish(),
  barred: z.boolean().nullish(),
});

export const vatZoneSchema = z.looseObject({
  vatZoneNumber: z.number(),
  name: z.string().nullish(),
  enabledForCustomer: z.boolean().nullish(),
});

export const paymentTermsSchema = z.looseObject({
  paymentTermsNumber: z.number(),
  name: z.string().nullish(),
  paymentTermsType: z.string().nullish(),
  daysOfCredit: z.number().nullish(),
});

export const layoutSchema = z.looseObject({
  layoutNumber: z.number(),
  name: z.string().nullish(),
  deleted: z.boolean().nullish(),
});

export const customerGroupSchema = z.looseObject({
  customerGroupNumber: z.number(),
  name: z.string().nullish(),
  layout: numberRef("layoutNumber").nullish(),
});

export const productGroupSchema = z.looseObject({
  productGroupNumber: z.number(),
  name: z.string().nullish(),
});

export const salesAccountEntrySchema = z.looseObject({
  salesAccount: numberRef("accountNumber"),
  vatZone: numberRef("vatZoneNumber"),
});

export const journalSchema = z.looseObject({
  journalNumber: z.number(),
  name: z.string().nullish(),
  settings: z
    .looseObject({
      entryTypeRestrictedTo: z.string().nullish(),
      contraAccounts: z.looseObject({ customerPayments: numberRef("accountNumber").nullish() }).nullish(),
    })
    .nullish(),
});

export const accountingYearSchema = z.looseObject({
  year: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  closed: z.boolean().nullish(),
});

export const customerSchema = z.looseObject({
  customerNumber: z.number(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  corporateIdentificationNumber: z.string().nullish(),
  barred: z.boolean().nullish(),
});

/** Kept loose on purpose: a product update is a PUT of the whole entity as read. */
export const productSchema = z.looseObject({
  productNumber: z.string(),
  name: z.string().nullish(),
  salesPrice: z.number().nullish(),
  barred: z.boolean().nullish(),
  productGroup: numberRef("productGroupNumber").nullish(),
});
export type EconomicProduct = z.infer<typeof productSchema>;

const invoiceCommon = {
  currency: z.string(),
  grossAmount: z.number(),
  customer: numberRef("customerNumber"),
  references: z.looseObject({ other: z.string().nullish() }).nullish(),
  sent: z.string().nullish(),
};

export const draftInvoiceSchema = z.looseObject({ draftInvoiceNumber: z.number(), ...invoiceCommon });
export type EconomicDraftInvoice = z.infer<typeof draftInvoiceSchema>;

export const bookedInvoiceSchema = z.looseObject({ bookedInvoiceNumber: z.number(), ...invoiceCommon });
export type EconomicBookedInvoice = z.infer<typeof bookedInvoiceSchema>;

/** A voucher create answers with an array: e-conomic may split entries across vouchers. */
export const vouchersSchema = z
  .array(
    z.looseObject({
      voucherNumber: z.number(),
      accountingYear: z.looseObject({ year: z.string() }),
    }),
  )
  .min(1);

export const anySchema = z.unknown();
