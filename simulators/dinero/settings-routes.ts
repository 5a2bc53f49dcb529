import type { SimRequest, SimResponse } from "../kit/router";
import type { DineroApiRoutes } from "./api-routes";
import { ok } from "./api-routes";
import { unauthorized } from "./dinero-error-bodies";
import { selectFields } from "./list-query";
import type { DineroSimulatorState, IssuedToken, OrganizationState } from "./simulator-state";

/** Organisations, chart of accounts, VAT types, invoice templates and sales settings. */
export function registerSettingsRoutes(api: DineroApiRoutes): void {
  const { state } = api;

  api.onGlobal("GET", "/v1/organizations", (request) =>
    withOrganizations(state, request, (org) =>
      selectFields(
        {
          Name: org.Name,
          Id: org.Id,
          Type: "Company",
          IsPro: org.IsPro,
          IsPayingPro: org.IsPayingPro,
          ...companyDetails(org),
        },
        request.query.get("fields"),
        "id,name,isPro",
      ),
    ),
  );

  api.onGlobal("GET", "/v1.1/organizations", (request) =>
    withOrganizations(state, request, (org) => ({
      Name: org.Name,
      Id: org.Id,
      CompanyTypeKey: "PrivateLimitedCompany",
      ...companyDetails(org),
      RoleKey: "Owner",
      Subscription: {
        HasPro: org.IsPro,
        HasPayingPro: org.IsPayingPro,
        HasStarterPlus: false,
        HasTotal: false,
        HasYfs: false,
      },
    })),
  );

  api.on("GET", "/v1/{organizationId}/accounts/entry", ({ org, request }) => {
    const category = request.query.get("categoryFilter")?.trim().toLowerCase();
    const accounts = org.accounts.filter(
      (account) => !category || account.Category.toLowerCase() === category,
    );
    return ok(
      accounts.map((account) =>
        selectFields(
          { PublicStandardNumber: null, ...account },
          request.query.get("fields"),
          "AccountNumber,Name,IsHidden",
        ),
      ),
    );
  });

  api.on("GET", "/v1/{organizationId}/accounts/deposit", ({ org, request }) =>
    ok(
      org.depositAccounts.map((account) =>
        selectFields(
          { PublicStandardNumber: null, ...account },
          request.query.get("fields"),
          "AccountNumber,Name",
        ),
      ),
    ),
  );

  api.on("GET", "/v1/{organizationId}/vatTypes", ({ org }) => ok(org.vatTypes));

  api.on("GET", "/v1/{organizationId}/invoices/templates", ({ org }) =>
    ok(
      org.templates.map((template) => ({
        ...template,
        PrimaryColor: null,
        SecondaryColor: null,
        AddressPlacement: "Right",
        Font: null,
        LogoType: "Letters",
        LogoText: org.Name,
        LogoFileGuid: null,
        MaxImageWidthMm: 60,
        ShowCompanyInfo: true,
        ShowPaymentConditions: true,
        ShowLogo: true,
        ShowLineQuantity: true,
        ShowLineUnit: true,
        ImageFileUploadGuid: null,
        ImageTextColor: null,
      })),
    ),
  );

  api.on("GET", "/v1/{organizationId}/sales/settings", ({ org }) =>
    ok({
      LinesInclVat: org.salesSettings.LinesInclVat,
      FikCode: null,
      UseFikCode: false,
      DefaultAccountNumber: org.salesSettings.DefaultAccountNumber,
      InvoiceTemplateId: org.templates.find((template) => template.IsDefault)?.Id ?? null,
      AddVoucherAsPdfAttachment: true,
      ReminderFee: 100,
      ReminderInterestRate: 0.7,
      TrustPilotEmail: null,
      PaymentConditionNumberOfDays: org.salesSettings.PaymentConditionNumberOfDays,
      PaymentConditionType: org.salesSettings.PaymentConditionType,
    }),
  );
}

export function bearerToken(state: DineroSimulatorState, request: SimRequest): IssuedToken | undefined {
  const header = request.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ? state.tokens.get(match[1]) : undefined;
  return token && token.expiresAt > Date.now() ? token : undefined;
}

/** The organisations the bearer token reaches, each as `render` shows it; 401 without a valid token. */
function withOrganizations(
  state: DineroSimulatorState,
  request: SimRequest,
  render: (org: OrganizationState) => unknown,
): SimResponse {
  const token = bearerToken(state, request);
  if (!token) return unauthorized("invalid");
  return ok(
    token.organizationIds.flatMap((id) => {
      const org = state.organizations.get(id);
      return org ? [render(org)] : [];
    }),
  );
}

/** The company details both organisation endpoints show, in their order. */
function companyDetails(org: OrganizationState) {
  return {
    IsVatFree: false,
    Email: org.Email,
    Phone: null,
    Street: org.Street,
    City: org.City,
    ZipCode: org.ZipCode,
    AttPerson: null,
    IsTaxFreeUnion: false,
    VatNumber: org.VatNumber,
    CountryKey: "DK",
    Website: null,
  };
}
