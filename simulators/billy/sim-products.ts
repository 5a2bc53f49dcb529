import type { SimRequest, SimResponse } from "../kit/router";
import { FieldReader, readRoot } from "./sim-body";
import { checkOrganization } from "./sim-contacts";
import { SimNotFoundError } from "./sim-errors";
import { parseInclude, ResponseBuilder } from "./sim-serialize";
import { roundMinor } from "./sim-tax";
import { type BillySimState, type SimProduct, type SimProductPrice, newBillyId } from "./sim-state";
import { currency, exponentOf } from "../../app/domain/money";

/** /v2/products and /v2/productPrices. */

export function listProducts(state: BillySimState, request: SimRequest): SimResponse {
  const q = request.query;
  let products = [...state.products.values()];
  const productNo = q.get("productNo");
  if (productNo !== null) products = products.filter((p) => p.productNo === productNo);
  const isArchived = q.get("isArchived");
  if (isArchived !== null) products = products.filter((p) => p.isArchived === (isArchived === "true"));
  const search = q.get("q")?.trim().toLowerCase();
  if (search)
    products = products.filter((p) =>
      [p.name, p.productNo ?? ""].some((t) => t.toLowerCase().includes(search)),
    );
  return new ResponseBuilder(state, parseInclude(q.get("include"))).list(
    "product",
    products,
    q,
    request.path,
  );
}

export function getProduct(state: BillySimState, request: SimRequest): SimResponse {
  const product = state.products.get(request.params.id ?? "");
  if (!product) throw new SimNotFoundError("product", request.params.id ?? "");
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single("product", product);
}

export function createProduct(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("product", readRoot(request, "product"));
  checkOrganization(state, fields);
  const name = fields.string("name", { required: true });
  const accountId = checkAccount(state, fields) ?? state.organization.defaultSalesAccountId;
  const rulesetId = checkRuleset(state, fields) ?? state.organization.defaultSalesTaxRulesetId;
  const prices = readPrices(state, fields);
  fields.done();
  const product: SimProduct = {
    id: newBillyId(),
    organizationId: state.organization.id,
    name: name ?? "",
    description: fields.string("description") ?? null,
    accountId,
    productNo: fields.string("productNo") ?? null,
    suppliersProductNo: fields.string("suppliersProductNo") ?? null,
    salesTaxRulesetId: rulesetId,
    isArchived: fields.boolean("isArchived") ?? false,
  };
  state.products.set(product.id, product);
  const stored = (prices ?? []).map((p) => storePrice(state, product.id, p.currencyId, p.unitPriceMinor));
  return new ResponseBuilder(state).changed([
    { resource: "product", record: product },
    ...stored.map((record) => ({ resource: "productPrice", record })),
  ]);
}

export function updateProduct(state: BillySimState, request: SimRequest): SimResponse {
  const product = state.products.get(request.params.id ?? "");
  if (!product) throw new SimNotFoundError("product", request.params.id ?? "");
  const fields = new FieldReader("product", readRoot(request, "product"));
  if (fields.has("id") && fields.data.id !== product.id) fields.fail("id", "id must match the URL.");
  if (fields.has("name") && !fields.string("name")) fields.fail("name", "name is required.");
  const accountId = checkAccount(state, fields);
  const rulesetId = checkRuleset(state, fields);
  const prices = readPrices(state, fields);
  fields.done();
  if (fields.has("name")) product.name = fields.string("name") ?? product.name;
  if (fields.has("description")) product.description = fields.string("description") ?? null;
  if (fields.has("productNo")) product.productNo = fields.string("productNo") ?? null;
  if (accountId) product.accountId = accountId;
  if (rulesetId) product.salesTaxRulesetId = rulesetId;
  const archived = fields.boolean("isArchived");
  if (archived !== undefined) product.isArchived = archived;
  const deleted: string[] = [];
  let stored: SimProductPrice[] = [];
  if (prices) {
    // Has-many replacement: setting `prices` deletes the product's other prices.
    for (const price of [...state.productPrices.values()].filter((p) => p.productId === product.id)) {
      state.productPrices.delete(price.id);
      deleted.push(price.id);
    }
    stored = prices.map((p) => storePrice(state, product.id, p.currencyId, p.unitPriceMinor));
  }
  return new ResponseBuilder(state).changed(
    [
      { resource: "product", record: product },
      ...stored.map((record) => ({ resource: "productPrice", record })),
    ],
    deleted.length > 0 ? { productPrices: deleted } : {},
  );
}

export function listProductPrices(state: BillySimState, request: SimRequest): SimResponse {
  let prices = [...state.productPrices.values()];
  const productId = request.query.get("productId");
  if (productId !== null) prices = prices.filter((p) => p.productId === productId);
  return new ResponseBuilder(state).list("productPrice", prices, request.query, request.path);
}

export function createProductPrice(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("productPrice", readRoot(request, "productPrice"));
  const productId = fields.string("productId", { required: true });
  if (productId && !state.products.has(productId)) fields.fail("productId", `Unknown product ${productId}.`);
  const price = readPrice(state, fields);
  if (
    productId &&
    price &&
    [...state.productPrices.values()].some(
      (p) => p.productId === productId && p.currencyId === price.currencyId,
    )
  ) {
    fields.fail("currencyId", `The product already has a price in ${price.currencyId}.`);
  }
  fields.done();
  const stored = storePrice(state, productId ?? "", price?.currencyId ?? "", price?.unitPriceMinor ?? 0);
  return new ResponseBuilder(state).changed([
    { resource: "productPrice", record: stored },
    { resource: "product", record: state.products.get(stored.productId) },
  ]);
}

export function updateProductPrice(state: BillySimState, request: SimRequest): SimResponse {
  const price = state.productPrices.get(request.params.id ?? "");
  if (!price) throw new SimNotFoundError("productPrice", request.params.id ?? "");
  const fields = new FieldReader("productPrice", readRoot(request, "productPrice"));
  fields.immutable(["productId"], "{name} cannot be changed.");
  const unitPrice = fields.number("unitPrice");
  fields.done();
  if (unitPrice !== undefined) price.unitPriceMinor = toMinor(unitPrice, price.currencyId);
  return new ResponseBuilder(state).changed([{ resource: "productPrice", record: price }]);
}

function checkAccount(state: BillySimState, fields: FieldReader): string | undefined {
  const accountId = fields.string("accountId");
  if (!accountId) return undefined;
  const account = state.accounts.get(accountId);
  if (!account) fields.fail("accountId", `Unknown account ${accountId}.`);
  else if (account.isArchived)
    fields.fail("accountId", `The account ${account.accountNo} ${account.name} is archived.`);
  return accountId;
}

function checkRuleset(state: BillySimState, fields: FieldReader): string | undefined {
  const rulesetId = fields.string("salesTaxRulesetId");
  if (rulesetId && !state.salesTaxRulesets.has(rulesetId))
    fields.fail("salesTaxRulesetId", `Unknown sales tax ruleset ${rulesetId}.`);
  return rulesetId;
}

function readPrice(
  state: BillySimState,
  fields: FieldReader,
): { currencyId: string; unitPriceMinor: number } | undefined {
  const unitPrice = fields.number("unitPrice", { required: true });
  const currencyId = fields.string("currencyId", { required: true });
  if (currencyId && !state.currencies.has(currencyId))
    fields.fail("currencyId", `Unknown currency ${currencyId}.`);
  if (unitPrice === undefined || !currencyId || !state.currencies.has(currencyId)) return undefined;
  return { currencyId, unitPriceMinor: toMinor(unitPrice, currencyId) };
}

function readPrices(state: BillySimState, fields: FieldReader) {
  const raw = fields.array("prices");
  if (!raw) return undefined;
  return raw.flatMap((data, index) => {
    const child = new FieldReader("productPrice", data);
    const price = readPrice(state, child);
    for (const [key, message] of Object.entries(child.errors)) fields.fail(`prices.${index}.${key}`, message);
    return price ? [price] : [];
  });
}

function storePrice(
  state: BillySimState,
  productId: string,
  currencyId: string,
  unitPriceMinor: number,
): SimProductPrice {
  const price: SimProductPrice = { id: newBillyId(), productId, currencyId, unitPriceMinor };
  state.productPrices.set(price.id, price);
  return price;
}

export function toMinor(value: number, currencyId: string): number {
  return roundMinor(value * 10 ** exponentOf(currency(currencyId)));
}
