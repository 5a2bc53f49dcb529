import type { SimHandler, SimResponse, SimRouter } from "../kit/router";
import { decodeProductNumber, encodeProductNumber } from "../../app/ledgers/economic/economic-product-number";
import { type FieldError, validationError } from "./economic-sim-errors";
import {
  baseUrl,
  created,
  isObject,
  nowStamp,
  referenceNumber,
  registerReadRoutes,
  toHundredths,
} from "./economic-sim-http";
import { renderProductGroup } from "./economic-sim-lookup-routes";
import type { EconomicSimState, Json, SimCustomer, SimProduct } from "./economic-sim-state";
import { validateBody } from "./economic-sim-validation";

/** Customers (debtors) and products. */

const CUSTOMER_FILTERABLE = [
  "address",
  "balance",
  "barred",
  "city",
  "corporateIdentificationNumber",
  "country",
  "creditLimit",
  "currency",
  "customerNumber",
  "ean",
  "email",
  "lastUpdated",
  "name",
  "publicEntryNumber",
  "telephoneAndFaxNumber",
  "vatNumber",
  "website",
  "zip",
  "mobilePhone",
  "pNumber",
] as const;

const PRODUCT_FILTERABLE = [
  "productNumber",
  "name",
  "description",
  "barCode",
  "barred",
  "salesPrice",
  "costPrice",
  "recommendedPrice",
  "lastUpdated",
] as const;

export function registerCustomerRoutes(
  router: SimRouter,
  state: EconomicSimState,
  api: (handler: SimHandler) => SimHandler,
): void {
  registerReadRoutes(router, api, {
    path: "/customers",
    filterable: CUSTOMER_FILTERABLE,
    all: () => [...state.customers.values()].sort(byNumber),
    find: (key) => state.customers.get(Number(key)),
    render: (customer, base) => renderCustomer(customer, base),
    noun: "Customer",
  });
  router.on(
    "POST",
    "/customers",
    api((request) => {
      const checked = checkCustomer(state, request.json());
      if ("response" in checked) return checked.response;
      const requested = checked.value.customerNumber;
      if (typeof requested === "number" && state.customers.has(requested)) {
        return validationError([
          {
            path: ["customerNumber"],
            message: `Customer number ${requested} already exists.`,
            value: requested,
          },
        ]);
      }
      const customerNumber = typeof requested === "number" ? requested : state.freeCustomerNumber();
      const customer: SimCustomer = {
        customerNumber,
        data: { ...checked.value, customerNumber },
        lastUpdated: nowStamp(),
      };
      state.customers.set(customerNumber, customer);
      return created(renderCustomer(customer, baseUrl(request)));
    }),
  );
  // PUT replaces the whole customer (omitted properties are cleared) and creates it when absent.
  router.on(
    "PUT",
    "/customers/:customerNumber",
    api((request) => {
      const customerNumber = Number(request.params.customerNumber);
      const checked = checkCustomer(state, request.json());
      if ("response" in checked) return checked.response;
      const existed = state.customers.has(customerNumber);
      const customer: SimCustomer = {
        customerNumber,
        data: { ...checked.value, customerNumber },
        lastUpdated: nowStamp(),
      };
      state.customers.set(customerNumber, customer);
      const body = renderCustomer(customer, baseUrl(request));
      return existed ? { status: 200, body } : created(body);
    }),
  );

  registerReadRoutes(router, api, {
    path: "/products",
    filterable: PRODUCT_FILTERABLE,
    all: () => [...state.products.values()],
    find: (key) => state.product(decodeProductNumber(key)),
    render: (product, base) => renderProduct(state, product, base),
    noun: "Product",
  });
  router.on(
    "POST",
    "/products",
    api((request) => {
      const checked = checkProduct(state, request.json());
      if ("response" in checked) return checked.response;
      const productNumber = String(checked.value.productNumber);
      if (state.product(productNumber)) {
        return validationError([
          {
            path: ["productNumber"],
            message: `Product number '${productNumber}' already exists.`,
            value: productNumber,
          },
        ]);
      }
      const product: SimProduct = { productNumber, data: checked.value, lastUpdated: nowStamp() };
      state.products.set(productNumber.toLowerCase(), product);
      return created(renderProduct(state, product, baseUrl(request)));
    }),
  );
  router.on(
    "PUT",
    "/products/:productNumber",
    api((request) => {
      const productNumber = decodeProductNumber(request.params.productNumber ?? "");
      const body = request.json();
      const checked = checkProduct(state, isObject(body) ? { ...body, productNumber } : body);
      if ("response" in checked) return checked.response;
      const existing = state.product(productNumber);
      const product: SimProduct = {
        productNumber: existing?.productNumber ?? productNumber,
        data: checked.value,
        lastUpdated: nowStamp(),
      };
      state.products.set(productNumber.toLowerCase(), product);
      const rendered = renderProduct(state, product, baseUrl(request));
      return existing ? { status: 200, body: rendered } : created(rendered);
    }),
  );
}

type Checked = { value: Json } | { response: SimResponse };

function checkCustomer(state: EconomicSimState, body: unknown): Checked {
  const { value, errors } = validateBody(body, "customers.post");
  if (errors.length > 0) return { response: validationError(errors) };
  const problems: FieldError[] = [];
  const group = referenceNumber(value.customerGroup, "customerGroupNumber");
  if (!state.customerGroups.some((candidate) => candidate.customerGroupNumber === group)) {
    problems.push(doesNotExist("customerGroup", group, "customer-groups"));
  }
  const zone = referenceNumber(value.vatZone, "vatZoneNumber");
  if (!state.vatZones.some((candidate) => candidate.vatZoneNumber === zone && candidate.enabledForCustomer)) {
    problems.push(doesNotExist("vatZone", zone, "vat-zones"));
  }
  const terms = referenceNumber(value.paymentTerms, "paymentTermsNumber");
  if (!state.paymentTerms.some((candidate) => candidate.paymentTermsNumber === terms)) {
    problems.push(doesNotExist("paymentTerms", terms, "payment-terms"));
  }
  if (value.layout !== undefined) {
    const layout = referenceNumber(value.layout, "layoutNumber");
    if (!state.layouts.some((candidate) => candidate.layoutNumber === layout && !candidate.deleted)) {
      problems.push(doesNotExist("layout", layout, "layouts"));
    }
  }
  if (typeof value.currency === "string" && !(value.currency.toUpperCase() in state.exchangeRates)) {
    problems.push(doesNotExist("currency", value.currency, "currencies"));
  }
  return problems.length > 0 ? { response: validationError(problems) } : { value };
}

function checkProduct(state: EconomicSimState, body: unknown): Checked {
  const { value, errors } = validateBody(body, "products.post");
  if (errors.length > 0) return { response: validationError(errors) };
  const problems: FieldError[] = [];
  const group = referenceNumber(value.productGroup, "productGroupNumber");
  if (!state.productGroups.some((candidate) => candidate.productGroupNumber === group)) {
    problems.push(doesNotExist("productGroup", group, "product-groups"));
  }
  for (const field of ["salesPrice", "costPrice", "recommendedPrice"] as const) {
    const price = value[field];
    if (typeof price === "number" && toHundredths(price) === undefined) {
      problems.push({
        path: [field],
        errorCode: "E04740",
        message: `${field} scale cannot be greater then two decimal places.`,
        value: price,
        developerHint: "Please check the format of your data.",
      });
    }
  }
  return problems.length > 0 ? { response: validationError(problems) } : { value };
}

export function doesNotExist(field: string, value: unknown, collectionPath: string): FieldError {
  return {
    path: [field],
    errorCode: "E06000",
    message: `${field} does not exist.`,
    ...(value === undefined ? {} : { value }),
    developerHint: `Find a list of resources at https://restapi.e-conomic.com/${collectionPath}.`,
  };
}

function renderCustomer(customer: SimCustomer, base: string): Json {
  const self = `${base}/customers/${customer.customerNumber}`;
  const { data } = customer;
  return {
    ...data,
    customerNumber: customer.customerNumber,
    balance: 0,
    dueAmount: 0,
    lastUpdated: customer.lastUpdated,
    customerGroup: withSelf(data.customerGroup, "customerGroupNumber", `${base}/customer-groups`),
    vatZone: withSelf(data.vatZone, "vatZoneNumber", `${base}/vat-zones`),
    paymentTerms: withSelf(data.paymentTerms, "paymentTermsNumber", `${base}/payment-terms`),
    ...(data.layout ? { layout: withSelf(data.layout, "layoutNumber", `${base}/layouts`) } : {}),
    contacts: `${self}/contacts`,
    deliveryLocations: `${self}/delivery-locations`,
    templates: {
      invoice: `${self}/templates/invoice`,
      invoiceLine: `${self}/templates/invoiceline`,
      self: `${self}/templates`,
    },
    totals: { drafts: `${self}/totals/drafts`, booked: `${self}/totals/booked`, self: `${self}/totals` },
    invoices: {
      drafts: `${self}/invoices/drafts`,
      booked: `${self}/invoices/booked`,
      self: `${self}/invoices`,
    },
    self,
  };
}

function renderProduct(state: EconomicSimState, product: SimProduct, base: string): Json {
  const self = `${base}/products/${encodeProductNumber(product.productNumber)}`;
  const groupNumber = referenceNumber(product.data.productGroup, "productGroupNumber") ?? 0;
  const group = state.productGroups.find((candidate) => candidate.productGroupNumber === groupNumber);
  return {
    ...product.data,
    productNumber: product.productNumber,
    lastUpdated: product.lastUpdated,
    productGroup: renderProductGroup(groupNumber, group?.name ?? "", base),
    invoices: {
      drafts: `${self}/invoices/drafts`,
      booked: `${self}/invoices/booked`,
      self: `${self}/invoices`,
    },
    pricing: { currencySpecificSalesPrices: `${self}/pricing/currency-specific-sales-prices` },
    self,
  };
}

function withSelf(reference: unknown, key: string, collectionUrl: string): Json {
  const number = referenceNumber(reference, key);
  return { [key]: number, self: `${collectionUrl}/${number}` };
}

function byNumber(a: SimCustomer, b: SimCustomer): number {
  return a.customerNumber - b.customerNumber;
}
