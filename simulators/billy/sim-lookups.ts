import type { SimRequest, SimResponse } from "../kit/router";
import { SimNotFoundError } from "./sim-errors";
import { parseInclude, ResponseBuilder } from "./sim-serialize";
import type { BillySimState } from "./sim-state";

/** Read-only reference data: organization, accounts, tax rates, rulesets, currencies, countries. */

export function getOwnOrganization(state: BillySimState, request: SimRequest): SimResponse {
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single(
    "organization",
    state.organization,
  );
}

export function getOrganization(state: BillySimState, request: SimRequest): SimResponse {
  if (request.params.id !== state.organization.id)
    throw new SimNotFoundError("organization", request.params.id ?? "");
  return getOwnOrganization(state, request);
}

type Collection = "accounts" | "taxRates" | "salesTaxRulesets" | "salesTaxRules" | "currencies" | "countries";
const SINGULAR: Record<Collection, string> = {
  accounts: "account",
  taxRates: "taxRate",
  salesTaxRulesets: "salesTaxRuleset",
  salesTaxRules: "salesTaxRule",
  currencies: "currency",
  countries: "country",
};

/** Equality filters on any scalar property, e.g. `accounts?isPaymentEnabled=true`. */
export function listLookup(collection: Collection) {
  return (state: BillySimState, request: SimRequest): SimResponse => {
    let rows: Array<Record<string, unknown>> = [
      ...(state[collection] as Map<string, object>).values(),
    ] as Array<Record<string, unknown>>;
    for (const [key, value] of request.query) {
      if (["page", "pageSize", "include", "sortProperty", "sortDirection", "q"].includes(key)) continue;
      rows = rows.filter((row) => !(key in row) || String(row[key]) === value);
    }
    const search = request.query.get("q")?.trim().toLowerCase();
    if (search)
      rows = rows.filter(
        (row) =>
          String(row.name ?? "")
            .toLowerCase()
            .includes(search) || String(row.accountNo ?? "") === search,
      );
    return new ResponseBuilder(state, parseInclude(request.query.get("include"))).list(
      SINGULAR[collection],
      rows,
      request.query,
      request.path,
    );
  };
}

export function getLookup(collection: Collection) {
  return (state: BillySimState, request: SimRequest): SimResponse => {
    const row = (state[collection] as Map<string, object>).get(request.params.id ?? "");
    if (!row) throw new SimNotFoundError(SINGULAR[collection], request.params.id ?? "");
    return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single(
      SINGULAR[collection],
      row,
    );
  };
}
