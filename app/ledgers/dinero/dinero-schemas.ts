import { z } from "zod";

/**
 * Minimal, lenient readings of Dinero's responses: only what the adapter uses, `.nullish()`
 * wherever Dinero may leave a value out, so new or renamed extras never break a transfer.
 */

const collection = <T extends z.ZodType>(item: T) => z.object({ Collection: z.array(item).nullish() });

export const createdResponseSchema = z.object({ Guid: z.string(), TimeStamp: z.string().nullish() });
export const contactCreatedSchema = z.object({ ContactGuid: z.string() });
export const productCreatedSchema = z.object({ ProductGuid: z.string() });
export const paymentCreatedSchema = z.object({ Guid: z.string(), TimeStamp: z.string().nullish() });
export const emptySchema = z.unknown();

export const organisationsSchema = z.array(
  z.object({
    Id: z.number().nullish(),
    Name: z.string().nullish(),
    IsPro: z.boolean().nullish(),
    IsPayingPro: z.boolean().nullish(),
  }),
);

export const entryAccountsSchema = z.array(
  z.object({
    AccountNumber: z.number(),
    Name: z.string().nullish(),
    VatCode: z.string().nullish(),
    IsHidden: z.boolean().nullish(),
  }),
);
export const depositAccountsSchema = z.array(
  z.object({ AccountNumber: z.number(), Name: z.string().nullish(), IsHidden: z.boolean().nullish() }),
);
export const vatTypesSchema = z.array(
  z.object({ VatCode: z.string().nullish(), Name: z.string().nullish(), VatRate: z.number().nullish() }),
);
export const templatesSchema = z.array(
  z.object({ Id: z.string(), Name: z.string().nullish(), IsDefault: z.boolean().nullish() }),
);

export const contactListSchema = collection(
  z.object({
    ContactGuid: z.string(),
    Name: z.string().nullish(),
    VatNumber: z.string().nullish(),
    IsPerson: z.boolean().nullish(),
  }),
);

export const productListSchema = collection(
  z.object({
    ProductGuid: z.string(),
    ProductNumber: z.string().nullish(),
    Name: z.string().nullish(),
    BaseAmountValue: z.number().nullish(),
    AccountNumber: z.number().nullish(),
    Unit: z.string().nullish(),
    Comment: z.string().nullish(),
    ExternalReference: z.string().nullish(),
  }),
);
export type DineroProductItem = NonNullable<z.infer<typeof productListSchema>["Collection"]>[number];

export const voucherListSchema = collection(
  z.object({
    Guid: z.string(),
    Status: z.string().nullish(),
    ExternalReference: z.string().nullish(),
    TotalInclVat: z.number().nullish(),
    TotalInclVatInDkk: z.number().nullish(),
  }),
);

/** Invoice and credit-note read models (and both book responses) share these fields. */
export const voucherReadSchema = z.object({
  Guid: z.string(),
  TimeStamp: z.string().nullish(),
  Number: z.number().nullish(),
  Status: z.string().nullish(),
  Currency: z.string().nullish(),
  ExternalReference: z.string().nullish(),
  TotalInclVat: z.number(),
  TotalVat: z.number().nullish(),
  /** Subtotal, one "Vat" line per rate ("Moms (25,00%)"), total — Dinero's own VAT per rate. */
  TotalLines: z
    .array(z.object({ Type: z.string().nullish(), TotalAmount: z.number(), Label: z.string().nullish() }))
    .nullish(),
  ContactGuid: z.string().nullish(),
});
export type DineroVoucherRead = z.infer<typeof voucherReadSchema>;

export const paymentsListSchema = z.object({
  Payments: z.array(z.object({ Guid: z.string(), ExternalReference: z.string().nullish() })).nullish(),
});
