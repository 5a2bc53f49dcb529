import { currency, formatMinor } from "../../app/domain/money";
import type { SimResponse } from "../kit/router";
import type { BillySimState, SimInvoice } from "./sim-state";

/**
 * Turns stored records into Billy's JSON: belongs-to as `<name>Id`, floats for money, and the
 * `include=resource.property:mode` sideload/embed rules of the v2 API.
 */

type Wire = Record<string, unknown>;

interface Relation {
  target: string;
  kind: "hasMany" | "belongsTo";
  resolve: (record: Wire, state: BillySimState) => string[];
}

interface ResourceDef {
  plural: string;
  find: (state: BillySimState, id: string) => unknown;
  toWire: (record: never, state: BillySimState) => Wire;
  relations: Record<string, Relation>;
}

export function money(minor: number, currencyId: string): number {
  return Number(formatMinor(minor, currency(currencyId)));
}

function invoiceWire(invoice: SimInvoice, state: BillySimState): Wire {
  const { amountMinor, taxMinor, balanceMinor, lineIds, ...rest } = invoice;
  const lines = lineIds.map((id) => state.invoiceLines.get(id)).filter((line) => line !== undefined);
  const c = invoice.currencyId;
  return {
    ...rest,
    amount: money(amountMinor, c),
    tax: money(taxMinor, c),
    grossAmount: money(amountMinor + taxMinor, c),
    balance: money(balanceMinor, c),
    lineDescription: lines
      .map((line) => line.description)
      .filter(Boolean)
      .join(", "),
    downloadUrl: `https://api.billysbilling.com/v2/downloads/invoices/${invoice.id}.pdf`,
    orderNo: null,
    quoteId: null,
    recurringInvoiceId: null,
    templateId: null,
  };
}

const RESOURCES: Record<string, ResourceDef> = {
  organization: {
    plural: "organizations",
    find: (s, id) => (s.organization.id === id ? s.organization : undefined),
    toWire: (o: BillySimState["organization"]) => ({ ...o }),
    relations: {},
  },
  account: {
    plural: "accounts",
    find: (s, id) => s.accounts.get(id),
    toWire: (a: Wire, s) => ({ ...a, organizationId: s.organization.id, taxRateId: null }),
    relations: {},
  },
  taxRate: {
    plural: "taxRates",
    find: (s, id) => s.taxRates.get(id),
    toWire: (t: { rateBp: number } & Wire, s) => {
      const { rateBp, ...rest } = t;
      return { ...rest, organizationId: s.organization.id, rate: rateBp / 10000 };
    },
    relations: {},
  },
  salesTaxRuleset: {
    plural: "salesTaxRulesets",
    find: (s, id) => s.salesTaxRulesets.get(id),
    toWire: (r: Wire, s) => ({ ...r, organizationId: s.organization.id }),
    relations: {
      rules: {
        target: "salesTaxRule",
        kind: "hasMany",
        resolve: (r, s) =>
          [...s.salesTaxRules.values()].filter((rule) => rule.rulesetId === r.id).map((rule) => rule.id),
      },
      fallbackTaxRate: {
        target: "taxRate",
        kind: "belongsTo",
        resolve: (r) => [String(r.fallbackTaxRateId)],
      },
    },
  },
  salesTaxRule: {
    plural: "salesTaxRules",
    find: (s, id) => s.salesTaxRules.get(id),
    toWire: (r: Wire) => ({ ...r, stateId: null }),
    relations: { taxRate: { target: "taxRate", kind: "belongsTo", resolve: (r) => [String(r.taxRateId)] } },
  },
  country: {
    plural: "countries",
    find: (s, id) => s.countries.get(id),
    toWire: (c: Wire) => ({ ...c }),
    relations: {},
  },
  currency: {
    plural: "currencies",
    find: (s, id) => s.currencies.get(id),
    toWire: (c: Wire) => ({ ...c }),
    relations: {},
  },
  contact: {
    plural: "contacts",
    find: (s, id) => s.contacts.get(id),
    toWire: (c: Wire) => ({ ...c }),
    relations: {
      contactPersons: {
        target: "contactPerson",
        kind: "hasMany",
        resolve: (c, s) =>
          [...s.contactPersons.values()].filter((p) => p.contactId === c.id).map((p) => p.id),
      },
      country: { target: "country", kind: "belongsTo", resolve: (c) => [String(c.countryId)] },
    },
  },
  contactPerson: {
    plural: "contactPersons",
    find: (s, id) => s.contactPersons.get(id),
    toWire: (p: Wire) => ({ ...p }),
    relations: {},
  },
  product: {
    plural: "products",
    find: (s, id) => s.products.get(id),
    toWire: (p: Wire) => ({ ...p }),
    relations: {
      prices: {
        target: "productPrice",
        kind: "hasMany",
        resolve: (p, s) =>
          [...s.productPrices.values()].filter((price) => price.productId === p.id).map((price) => price.id),
      },
    },
  },
  productPrice: {
    plural: "productPrices",
    find: (s, id) => s.productPrices.get(id),
    toWire: (p: { unitPriceMinor: number; currencyId: string } & Wire) => {
      const { unitPriceMinor, ...rest } = p;
      return { ...rest, unitPrice: money(unitPriceMinor, p.currencyId) };
    },
    relations: {},
  },
  invoice: {
    plural: "invoices",
    find: (s, id) => s.invoices.get(id),
    toWire: (i: SimInvoice, s) => invoiceWire(i, s),
    relations: {
      lines: {
        target: "invoiceLine",
        kind: "hasMany",
        resolve: (i, s) => s.invoices.get(String(i.id))?.lineIds ?? [],
      },
      contact: { target: "contact", kind: "belongsTo", resolve: (i) => [String(i.contactId)] },
      balanceModifiers: {
        target: "balanceModifier",
        kind: "hasMany",
        resolve: (i, s) =>
          [...s.balanceModifiers.values()]
            .filter((m) => m.subjectReference === `invoice:${String(i.id)}`)
            .map((m) => m.id),
      },
    },
  },
  invoiceLine: {
    plural: "invoiceLines",
    find: (s, id) => s.invoiceLines.get(id),
    toWire: (l: { amountMinor: number; taxMinor: number; invoiceId: string } & Wire, s) => {
      const { amountMinor, taxMinor, ...rest } = l;
      const c = s.invoices.get(l.invoiceId)?.currencyId ?? s.organization.baseCurrencyId;
      return { ...rest, unit: "pieces", amount: money(amountMinor, c), tax: money(taxMinor, c) };
    },
    relations: { product: { target: "product", kind: "belongsTo", resolve: (l) => [String(l.productId)] } },
  },
  bankPayment: {
    plural: "bankPayments",
    find: (s, id) => s.bankPayments.get(id),
    toWire: (p: { cashAmountMinor: number; feeAmountMinor: number; associationIds: string[] } & Wire, s) => {
      const { cashAmountMinor, feeAmountMinor, associationIds: _ids, ...rest } = p;
      const c = s.accounts.get(String(p.cashAccountId))?.currencyId ?? s.organization.baseCurrencyId;
      return { ...rest, cashAmount: money(cashAmountMinor, c), feeAmount: money(feeAmountMinor, c) };
    },
    relations: {
      associations: {
        target: "balanceModifier",
        kind: "hasMany",
        resolve: (p, s) => s.bankPayments.get(String(p.id))?.associationIds ?? [],
      },
    },
  },
  balanceModifier: {
    plural: "balanceModifiers",
    find: (s, id) => s.balanceModifiers.get(id),
    toWire: (m: { amountMinor: number; subjectReference: string } & Wire, s) => {
      const { amountMinor, ...rest } = m;
      const subject = s.invoices.get(m.subjectReference.split(":")[1] ?? "");
      return {
        ...rest,
        amount: money(amountMinor, subject?.currencyId ?? s.organization.baseCurrencyId),
        realizedCurrencyDifference: 0,
      };
    },
    relations: {},
  },
};

export function pluralOf(resource: string): string {
  const def = RESOURCES[resource];
  if (!def) throw new Error(`Unknown simulator resource ${resource}`);
  return def.plural;
}

interface Include {
  resource: string;
  property: string;
  mode: "sideload" | "embed";
}

export function parseInclude(value: string | null): Include[] {
  if (!value) return [];
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [path = "", mode = "sideload"] = part.split(":");
      const [resource, property] = path.split(".");
      if (!resource || !property) return [];
      return [{ resource, property, mode: mode === "embed" ? ("embed" as const) : ("sideload" as const) }];
    });
}

/** Builds one response body: primary records under `rootKey`, plus sideloads and `meta`. */
export class ResponseBuilder {
  private readonly sideloads = new Map<string, Map<string, Wire>>();

  constructor(
    private readonly state: BillySimState,
    private readonly includes: Include[] = [],
  ) {}

  wire(resource: string, record: unknown): Wire {
    const def = RESOURCES[resource];
    if (!def) throw new Error(`Unknown simulator resource ${resource}`);
    const wire = (def.toWire as (r: unknown, s: BillySimState) => Wire)(record, this.state);
    for (const include of this.includes.filter((i) => i.resource === resource)) {
      const relation = def.relations[include.property];
      if (!relation) continue;
      const ids = relation.resolve(wire, this.state);
      const targetDef = RESOURCES[relation.target];
      if (!targetDef) continue;
      const related = ids.map((id) => targetDef.find(this.state, id)).filter((r) => r !== undefined);
      if (include.mode === "embed") {
        const embedded = related.map((r) => this.wire(relation.target, r));
        wire[include.property] = relation.kind === "hasMany" ? embedded : (embedded[0] ?? null);
      } else {
        if (relation.kind === "hasMany") wire[`${include.property.replace(/s$/, "")}Ids`] = ids;
        for (const r of related) this.sideload(relation.target, r);
      }
    }
    return wire;
  }

  sideload(resource: string, record: unknown): void {
    const plural = pluralOf(resource);
    const bucket = this.sideloads.get(plural) ?? new Map<string, Wire>();
    const wire = this.wire(resource, record);
    bucket.set(String(wire.id), wire);
    this.sideloads.set(plural, bucket);
  }

  /** GET /v2/<plural>/:id → `{ "<singular>": {…} }` */
  single(resource: string, record: unknown): SimResponse {
    const primary = this.wire(resource, record);
    return {
      status: 200,
      body: { meta: { statusCode: 200, success: true }, [resource]: primary, ...this.sideloadBody() },
    };
  }

  /** GET /v2/<plural> with paging. */
  list(resource: string, records: unknown[], query: URLSearchParams, path: string): SimResponse {
    const pageSize = Math.min(1000, Math.max(1, Number(query.get("pageSize") ?? 1000) || 1000));
    const pageCount = Math.max(1, Math.ceil(records.length / pageSize));
    const page = Math.min(Math.max(1, Number(query.get("page") ?? 1) || 1), pageCount);
    const slice = records.slice((page - 1) * pageSize, page * pageSize);
    const primary = slice.map((r) => this.wire(resource, r));
    const url = (p: number) => {
      const q = new URLSearchParams(query);
      q.set("page", String(p));
      q.set("pageSize", String(pageSize));
      return `https://api.billysbilling.com${path}?${q.toString()}`;
    };
    const paging = {
      page,
      pageCount,
      pageSize,
      total: records.length,
      firstUrl: url(1),
      previousUrl: page > 1 ? url(page - 1) : null,
      nextUrl: page < pageCount ? url(page + 1) : null,
      lastUrl: url(pageCount),
    };
    return {
      status: 200,
      body: {
        meta: { statusCode: 200, success: true, paging },
        [pluralOf(resource)]: primary,
        ...this.sideloadBody(),
      },
    };
  }

  /** Responses to POST/PUT/DELETE: every changed record, keyed by plural name. */
  changed(
    records: Array<{ resource: string; record: unknown }>,
    deleted: Record<string, string[]> = {},
  ): SimResponse {
    for (const { resource, record } of records) this.sideload(resource, record);
    const meta: Wire = { statusCode: 200, success: true };
    if (Object.keys(deleted).length > 0) meta.deletedRecords = deleted;
    return { status: 200, body: { meta, ...this.sideloadBody() } };
  }

  private sideloadBody(): Wire {
    const body: Wire = {};
    for (const [plural, bucket] of this.sideloads) body[plural] = [...bucket.values()];
    return body;
  }
}
