import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DineroApiRoutes } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import { notFound, validationError } from "./dinero-error-bodies";
import { matchesFilter, paginate, parseQueryFilter, selectFields } from "./list-query";
import type { OrganizationState, ProductRecord } from "./simulator-state";
import { fromDecimal, UNITS } from "./voucher-math";
import { productReadModel } from "./voucher-read-models";

const productSchema = z.object({
  ProductNumber: z.string().nullish(),
  Name: z.string().nullish(),
  BaseAmountValue: z.number(),
  Quantity: z.number(),
  AccountNumber: z.number().int(),
  Unit: z.enum(UNITS),
  ExternalReference: z.string().max(128).nullish(),
  Comment: z.string().max(128).nullish(),
});

const FILTERABLE = ["Name", "ProductNumber", "ExternalReference"] as const;

export function registerProductRoutes(api: DineroApiRoutes): void {
  api.on("GET", "/v1/{organizationId}/products", ({ org, request }) => {
    const filter = parseQueryFilter(request.query.get("queryFilter"), FILTERABLE);
    if (!filter.ok) return validationError([filter.issue]);
    const search = request.query.get("freeTextSearch")?.trim().toLowerCase();
    const deletedOnly = request.query.get("deletedOnly") === "true";
    const all = [...org.products.values()].filter((product) => (product.DeletedAt !== null) === deletedOnly);
    const matching = all
      .filter((product) => matchesFilter({ ...product }, filter.conditions))
      .filter(
        (product) =>
          !search ||
          [product.Name, product.ProductNumber].some((value) => value?.toLowerCase().includes(search)),
      )
      .sort((a, b) => a.UpdatedAt.localeCompare(b.UpdatedAt));
    const { slice, pagination } = paginate(matching, request.query, all.length);
    return ok({
      Collection: slice.map((product) =>
        selectFields(productReadModel(org, product), request.query.get("fields"), "Name,ProductGuid"),
      ),
      Pagination: pagination,
    });
  });

  api.on(
    "POST",
    "/v1/{organizationId}/products",
    ({ org, body }) => {
      const input = bind(productSchema, body);
      if (!input.ok) return input.response;
      const accountIssue = checkAccount(org, input.value.AccountNumber);
      if (accountIssue) return accountIssue;
      const now = nowIso();
      const guid = randomUUID();
      org.products.set(guid, {
        ...toFields(input.value),
        ProductGuid: guid,
        CreatedAt: now,
        UpdatedAt: now,
        DeletedAt: null,
      });
      return ok({ ProductGuid: guid });
    },
    { body: "required" },
  );

  api.on("GET", "/v1/{organizationId}/products/{guid}", ({ org, request }) => {
    const product = org.products.get(request.params.guid ?? "");
    return product && !product.DeletedAt ? ok(productReadModel(org, product)) : notFound("Product not found");
  });

  api.on(
    "PUT",
    "/v1/{organizationId}/products/{guid}",
    ({ org, request, body }) => {
      const product = org.products.get(request.params.guid ?? "");
      if (!product || product.DeletedAt) return notFound("Product not found");
      const input = bind(productSchema, body);
      if (!input.ok) return input.response;
      const accountIssue = checkAccount(org, input.value.AccountNumber);
      if (accountIssue) return accountIssue;
      org.products.set(product.ProductGuid, { ...product, ...toFields(input.value), UpdatedAt: nowIso() });
      return ok();
    },
    { body: "required" },
  );

  api.on("DELETE", "/v1/{organizationId}/products/{guid}", ({ org, request }) => {
    const product = org.products.get(request.params.guid ?? "");
    if (!product || product.DeletedAt) return notFound("Product not found");
    product.DeletedAt = nowIso();
    return ok();
  });
}

function checkAccount(org: OrganizationState, accountNumber: number) {
  return org.accounts.some((account) => account.AccountNumber === accountNumber)
    ? undefined
    : validationError([{ property: "AccountNumber", message: `Account ${accountNumber} does not exist.` }]);
}

function toFields(
  input: z.infer<typeof productSchema>,
): Omit<ProductRecord, "ProductGuid" | "CreatedAt" | "UpdatedAt" | "DeletedAt"> {
  return {
    ProductNumber: input.ProductNumber ?? null,
    Name: input.Name ?? null,
    baseAmount: fromDecimal(input.BaseAmountValue),
    Quantity: input.Quantity,
    AccountNumber: input.AccountNumber,
    Unit: input.Unit,
    ExternalReference: input.ExternalReference ?? null,
    Comment: input.Comment ?? null,
  };
}
