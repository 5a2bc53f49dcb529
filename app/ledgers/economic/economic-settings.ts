import type { MessageKey } from "../../i18n/messages";
import type { MessageParams } from "../../i18n/render-message";
import { LedgerError } from "../ledger-error";
import type { EconomicClient } from "./economic-client";
import { PROVIDER } from "./economic-errors";
import { listAll } from "./economic-lists";
import type { VatTreatment } from "../../domain/invoice-draft";
import type { ZoneKey } from "./economic-requests";
import { zoneForTreatment } from "./economic-requests";
import {
  accountingYearSchema,
  customerGroupSchema,
  journalSchema,
  layoutSchema,
  paymentTermsSchema,
  productGroupSchema,
  salesAccountEntrySchema,
  selfSchema,
  vatZoneSchema,
} from "./economic-schemas";

/**
 * The agreement's settings the adapter needs for every document (VAT zones, groups, terms,
 * layouts, journals, accounting years), read from e-conomic — never hard-coded — and cached for
 * a few minutes per adapter so a transfer does not re-read them on every call.
 */

const CACHE_MS = 10 * 60 * 1000;

export interface EconomicSettingsOverrides {
  /** Customer group per VAT zone; defaults: the lowest-numbered group, or one named foreign/udenlandsk for EU and abroad. */
  customerGroups?: Partial<Record<ZoneKey, number>>;
  layoutNumber?: number;
  /** Payment terms for new customers; invoices use terms matching their payment days. */
  paymentTermsNumber?: number;
  /** Journal (kassekladde) for customer payments; default: one restricted to customer payments, else the first open one. */
  journalNumber?: number;
}

export class EconomicLookups {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly client: EconomicClient,
    private readonly overrides: EconomicSettingsOverrides = {},
  ) {}

  self() {
    return this.cached("self", () =>
      this.client.request({ method: "GET", path: "/self", operation: "read the agreement" }, selfSchema),
    );
  }

  async baseCurrency(): Promise<string> {
    return (await this.self()).settings?.baseCurrency ?? "DKK";
  }

  /** VAT zone numbers by meaning, read by name ("Domestic", "EU", "Abroad"; Danish names too). */
  async zones(): Promise<Record<ZoneKey, number>> {
    const zones = await this.cached("zones", () =>
      listAll(this.client, "/vat-zones", vatZoneSchema, { operation: "read the VAT zones" }),
    );
    const find = (pattern: RegExp, fallback: number) =>
      zones.find((zone) => pattern.test(zone.name ?? ""))?.vatZoneNumber ??
      zones.find((zone) => zone.vatZoneNumber === fallback)?.vatZoneNumber;
    const domestic = find(/domestic|indland|home/i, 1);
    const eu = find(/^eu$|\beu\b|europe/i, 2);
    const abroad = find(/abroad|udland|foreign|world/i, 3);
    if (domestic === undefined || eu === undefined || abroad === undefined) {
      throw settingsError("ledgerError.economic.vatZones");
    }
    return { domestic, eu, abroad };
  }

  async zoneNumber(key: ZoneKey): Promise<number> {
    return (await this.zones())[key];
  }

  async customerGroupNumber(zone: ZoneKey): Promise<number> {
    const override = this.overrides.customerGroups?.[zone];
    if (override !== undefined) return override;
    const groups = await this.customerGroups();
    const sorted = [...groups].sort((a, b) => a.customerGroupNumber - b.customerGroupNumber);
    const foreign =
      zone === "domestic"
        ? undefined
        : sorted.find((group) => /udenland|foreign|abroad|eksport|export/i.test(group.name ?? ""));
    const group = foreign ?? sorted[0];
    if (!group) throw settingsError("ledgerError.economic.noCustomerGroups");
    return group.customerGroupNumber;
  }

  customerGroups() {
    return this.cached("customerGroups", () =>
      listAll(this.client, "/customer-groups", customerGroupSchema, {
        operation: "read the customer groups",
      }),
    );
  }

  paymentTerms() {
    return this.cached("paymentTerms", () =>
      listAll(this.client, "/payment-terms", paymentTermsSchema, { operation: "read the payment terms" }),
    );
  }

  /** Net terms with exactly `days` days of credit; else the override; else a clear error. */
  async paymentTermsFor(days: number): Promise<number> {
    const terms = await this.paymentTerms();
    const exact = terms.find(
      (candidate) => candidate.paymentTermsType === "net" && (candidate.daysOfCredit ?? 0) === days,
    );
    if (exact) return exact.paymentTermsNumber;
    if (this.overrides.paymentTermsNumber !== undefined) return this.overrides.paymentTermsNumber;
    throw settingsError("ledgerError.economic.noPaymentTermsDays", { days });
  }

  /** Terms for new customers: the override, else the shortest net terms. */
  async defaultPaymentTerms(): Promise<number> {
    if (this.overrides.paymentTermsNumber !== undefined) return this.overrides.paymentTermsNumber;
    const net = (await this.paymentTerms())
      .filter((terms) => terms.paymentTermsType === "net")
      .sort((a, b) => (a.daysOfCredit ?? 0) - (b.daysOfCredit ?? 0))[0];
    if (!net) throw settingsError("ledgerError.economic.noNetPaymentTerms");
    return net.paymentTermsNumber;
  }

  async layoutNumber(customerGroupNumber: number): Promise<number> {
    if (this.overrides.layoutNumber !== undefined) return this.overrides.layoutNumber;
    const groupLayout = (await this.customerGroups()).find(
      (group) => group.customerGroupNumber === customerGroupNumber,
    )?.layout?.layoutNumber;
    const layouts = await this.cached("layouts", () =>
      listAll(this.client, "/layouts", layoutSchema, { operation: "read the layouts" }),
    );
    const usable = layouts.filter((layout) => !layout.deleted);
    const chosen = usable.find((layout) => layout.layoutNumber === groupLayout) ?? usable[0];
    if (!chosen) throw settingsError("ledgerError.economic.noLayout");
    return chosen.layoutNumber;
  }

  /** Product groups with their sales account per VAT zone: they decide where a line is booked. */
  productGroups() {
    return this.cached("productGroups", async () => {
      const groups = await listAll(this.client, "/product-groups", productGroupSchema, {
        operation: "read the product groups",
      });
      return Promise.all(
        groups.map(async (group) => {
          const entries = await listAll(
            this.client,
            `/product-groups/${group.productGroupNumber}/sales-accounts`,
            salesAccountEntrySchema,
            {
              operation: "read the product groups' sales accounts",
            },
          );
          const salesAccounts = new Map(
            entries.map((entry) => [entry.vatZone.vatZoneNumber, entry.salesAccount.accountNumber]),
          );
          return { productGroupNumber: group.productGroupNumber, name: group.name ?? "", salesAccounts };
        }),
      );
    });
  }

  /** The product group booking to `account` in the zone the treatment uses. */
  async productGroupFor(account: string, treatment: VatTreatment): Promise<number> {
    const accountNumber = Number(account);
    const zone = await this.zoneNumber(zoneForTreatment(treatment));
    const groups = [...(await this.productGroups())].sort(
      (a, b) => a.productGroupNumber - b.productGroupNumber,
    );
    const inZone = groups.find((group) => group.salesAccounts.get(zone) === accountNumber);
    const anyZone = groups.find((group) => [...group.salesAccounts.values()].includes(accountNumber));
    const group = inZone ?? anyZone;
    if (!group) {
      throw settingsError("ledgerError.economic.noProductGroup", { account });
    }
    return group.productGroupNumber;
  }

  async paymentJournal(): Promise<number> {
    if (this.overrides.journalNumber !== undefined) return this.overrides.journalNumber;
    const journals = await this.cached("journals", () =>
      listAll(this.client, "/journals", journalSchema, { operation: "read the journals" }),
    );
    const restricted = journals.find(
      (journal) => journal.settings?.entryTypeRestrictedTo === "customerPayment",
    );
    const open = journals.find((journal) => !journal.settings?.entryTypeRestrictedTo);
    const journal = restricted ?? open;
    if (!journal) throw settingsError("ledgerError.economic.noPaymentJournal");
    return journal.journalNumber;
  }

  async accountingYear(date: string): Promise<string> {
    const years = await this.cached("years", () =>
      listAll(this.client, "/accounting-years", accountingYearSchema, {
        operation: "read the accounting years",
      }),
    );
    const year = years.find((candidate) => candidate.fromDate <= date && date <= candidate.toDate);
    if (!year) throw settingsError("ledgerError.economic.noAccountingYear", { date });
    if (year.closed) throw settingsError("ledgerError.economic.yearClosed", { year: year.year, date });
    return year.year;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }
}

export function settingsError(messageKey: MessageKey, params: MessageParams = {}): LedgerError {
  return new LedgerError({ provider: PROVIDER, kind: "validation", messageKey, params });
}
