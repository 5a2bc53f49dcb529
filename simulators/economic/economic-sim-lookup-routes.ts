import type { SimHandler, SimRouter } from "../kit/router";
import { baseUrl, collection, registerReadRoutes } from "./economic-sim-http";
import { notFoundError } from "./economic-sim-errors";
import type { SeedAccount } from "./economic-sim-seed";
import type { EconomicSimState, Json } from "./economic-sim-state";

/** Read-only settings resources: /self, accounts, VAT, zones, groups, terms, layouts, journals, years. */
export function registerLookupRoutes(
  router: SimRouter,
  state: EconomicSimState,
  api: (handler: SimHandler) => SimHandler,
): void {
  router.on(
    "GET",
    "/self",
    api((request) => ({ status: 200, body: renderSelf(state, baseUrl(request)) })),
  );

  registerReadRoutes(router, api, {
    path: "/accounts",
    filterable: [
      "accountNumber",
      "accountType",
      "balance",
      "barred",
      "blockDirectEntries",
      "debitCredit",
      "name",
    ],
    all: () => state.accounts,
    find: (key) => state.accounts.find((candidate) => candidate.accountNumber === Number(key)),
    render: (account, base) => renderAccount(account, base),
    noun: "Account",
  });

  router.on(
    "GET",
    "/vat-accounts",
    api((request) => {
      const base = baseUrl(request);
      const items = state.vatAccounts.map((vat) => ({
        vatCode: vat.vatCode,
        name: vat.name,
        ratePercentage: vat.ratePercentage,
        account: { accountNumber: vat.accountNumber, self: `${base}/accounts/${vat.accountNumber}` },
        vatType: { ...vat.vatType, self: `${base}/vat-types/${vat.vatType.vatTypeNumber}` },
        self: `${base}/vat-accounts/${vat.vatCode}`,
      }));
      return collection(request, items, { path: "/vat-accounts", filterable: [] });
    }),
  );

  router.on(
    "GET",
    "/vat-zones",
    api((request) =>
      collection(
        request,
        state.vatZones.map((zone) => renderVatZone(state, zone.vatZoneNumber, baseUrl(request)) ?? {}),
        {
          path: "/vat-zones",
          filterable: [],
        },
      ),
    ),
  );

  router.on(
    "GET",
    "/customer-groups",
    api((request) => {
      const base = baseUrl(request);
      const items = state.customerGroups.map((group) => ({
        customerGroupNumber: group.customerGroupNumber,
        name: group.name,
        account: { accountNumber: group.accountNumber, self: `${base}/accounts/${group.accountNumber}` },
        layout: { layoutNumber: group.layoutNumber, self: `${base}/layouts/${group.layoutNumber}` },
        customers: `${base}/customer-groups/${group.customerGroupNumber}/customers`,
        self: `${base}/customer-groups/${group.customerGroupNumber}`,
      }));
      return collection(request, items, {
        path: "/customer-groups",
        filterable: ["customerGroupNumber", "name"],
      });
    }),
  );

  router.on(
    "GET",
    "/payment-terms",
    api((request) =>
      collection(
        request,
        state.paymentTerms.map(
          (terms) => renderPaymentTerms(state, terms.paymentTermsNumber, baseUrl(request)) ?? {},
        ),
        {
          path: "/payment-terms",
          filterable: ["paymentTermsNumber", "name", "daysOfCredit", "paymentTermsType"],
        },
      ),
    ),
  );

  router.on(
    "GET",
    "/layouts",
    api((request) => {
      const base = baseUrl(request);
      const items = state.layouts.map((layout) => ({
        layoutNumber: layout.layoutNumber,
        name: layout.name,
        ...(layout.deleted ? { deleted: true } : {}),
        self: `${base}/layouts/${layout.layoutNumber}`,
      }));
      return collection(request, items, { path: "/layouts", filterable: ["layoutNumber", "name"] });
    }),
  );

  router.on(
    "GET",
    "/product-groups",
    api((request) => {
      const base = baseUrl(request);
      const items = state.productGroups.map((group) =>
        renderProductGroup(group.productGroupNumber, group.name, base),
      );
      return collection(request, items, {
        path: "/product-groups",
        filterable: ["productGroupNumber", "name"],
      });
    }),
  );
  router.on(
    "GET",
    "/product-groups/:productGroupNumber/sales-accounts",
    api((request) => {
      const base = baseUrl(request);
      const group = state.productGroups.find(
        (candidate) => candidate.productGroupNumber === Number(request.params.productGroupNumber),
      );
      if (!group) return notFoundError("Product group");
      const items = Object.entries(group.salesAccounts).flatMap(([zoneNumber, accountNumber]) => {
        const account = state.accounts.find((candidate) => candidate.accountNumber === accountNumber);
        const vatZone = renderVatZone(state, Number(zoneNumber), base);
        return account && vatZone ? [{ salesAccount: renderAccount(account, base), vatZone }] : [];
      });
      return collection(request, items, {
        path: `/product-groups/${group.productGroupNumber}/sales-accounts`,
        filterable: ["salesAccount.accountNumber", "salesAccount.name"],
      });
    }),
  );

  router.on(
    "GET",
    "/journals",
    api((request) => {
      const base = baseUrl(request);
      const items = state.journals.map((journal) => ({
        journalNumber: journal.journalNumber,
        name: journal.name,
        settings: {
          voucherNumbers: {
            minimumVoucherNumber: journal.minimumVoucherNumber,
            maximumVoucherNumber: journal.maximumVoucherNumber,
          },
          ...(journal.entryTypeRestrictedTo ? { entryTypeRestrictedTo: journal.entryTypeRestrictedTo } : {}),
          contraAccounts: journal.customerPaymentsContraAccount
            ? {
                customerPayments: {
                  accountNumber: journal.customerPaymentsContraAccount,
                  self: `${base}/accounts/${journal.customerPaymentsContraAccount}`,
                },
              }
            : {},
        },
        vouchers: `${base}/journals/${journal.journalNumber}/vouchers`,
        entries: `${base}/journals/${journal.journalNumber}/entries`,
        self: `${base}/journals/${journal.journalNumber}`,
      }));
      return collection(request, items, { path: "/journals", filterable: ["journalNumber", "name"] });
    }),
  );

  router.on(
    "GET",
    "/accounting-years",
    api((request) => {
      const base = baseUrl(request);
      const items = state.accountingYears.map((year) => ({
        year: year.year,
        fromDate: year.fromDate,
        toDate: year.toDate,
        ...(year.closed ? { closed: true } : {}),
        vouchers: `${base}/accounting-years/${year.year}/vouchers`,
        self: `${base}/accounting-years/${year.year}`,
      }));
      return collection(request, items, {
        path: "/accounting-years",
        filterable: ["year", "fromDate", "toDate"],
      });
    }),
  );

  router.on(
    "GET",
    "/currencies",
    api((request) =>
      collection(
        request,
        Object.keys(state.exchangeRates).map((code) => ({
          code,
          name: code,
          isoNumber: code,
          self: `${baseUrl(request)}/currencies/${code}`,
        })),
        { path: "/currencies", filterable: [] },
      ),
    ),
  );
}

export function renderAccount(account: SeedAccount, base: string): Json {
  return {
    accountNumber: account.accountNumber,
    accountType: account.accountType,
    balance: 0,
    ...(account.barred ? { barred: true } : {}),
    ...(account.blockDirectEntries ? { blockDirectEntries: true } : {}),
    debitCredit: account.debitCredit,
    name: account.name,
    ...(account.vatCode
      ? { vatAccount: { vatCode: account.vatCode, self: `${base}/vat-accounts/${account.vatCode}` } }
      : {}),
    accountingYears: `${base}/accounts/${account.accountNumber}/accounting-years`,
    self: `${base}/accounts/${account.accountNumber}`,
  };
}

export function renderVatZone(
  state: EconomicSimState,
  vatZoneNumber: number,
  base: string,
): Json | undefined {
  const zone = state.vatZones.find((candidate) => candidate.vatZoneNumber === vatZoneNumber);
  return zone ? { ...zone, self: `${base}/vat-zones/${zone.vatZoneNumber}` } : undefined;
}

export function renderPaymentTerms(state: EconomicSimState, number: number, base: string): Json | undefined {
  const terms = state.paymentTerms.find((candidate) => candidate.paymentTermsNumber === number);
  return terms ? { ...terms, self: `${base}/payment-terms/${terms.paymentTermsNumber}` } : undefined;
}

export function renderProductGroup(number: number, name: string, base: string): Json {
  return {
    productGroupNumber: number,
    name,
    salesAccounts: `${base}/product-groups/${number}/sales-accounts`,
    products: `${base}/product-groups/${number}/products`,
    self: `${base}/product-groups/${number}`,
  };
}

function renderSelf(state: EconomicSimState, base: string): Json {
  const { agreement } = state;
  return {
    agreementNumber: agreement.agreementNumber,
    agreementType: { agreementTypeNumber: 1, name: "Denmark" },
    userName: "Ejer",
    company: {
      name: agreement.companyName,
      addressLine1: "Nørregade 7",
      zip: "8000",
      city: "Aarhus C",
      country: "Danmark",
      companyIdentificationNumber: agreement.cvr,
      vatNumber: agreement.cvr,
    },
    application: {
      ...agreement.application,
      created: "2026-01-05T09:00:00Z",
      requiredRoles: [{ roleNumber: 1, name: "SuperUser", self: `${base}/app-roles/1` }],
      self: `${base}/apps/${agreement.application.appNumber}`,
    },
    settings: { baseCurrency: agreement.baseCurrency, internationalLedger: "false" },
    canSendElectronicInvoice: true,
    modules: [],
    self: `${base}/self`,
  };
}
