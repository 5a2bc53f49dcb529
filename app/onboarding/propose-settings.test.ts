import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import { defaultSettings } from "../settings/settings-schema";
import { proposeSettings, type LedgerLists } from "./propose-settings";

const options = (rows: string[]) =>
  rows.map((row) => {
    const [id = "", ...rest] = row.split(" ");
    return { id, label: `${id.replace(/^acc-/, "")} ${rest.join(" ")}` };
  });

// The four simulators' charts (what listSalesAccounts / listDepositAccounts return).
const DINERO: LedgerLists = {
  salesAccounts: options([
    "1000 Salg af varer/ydelser m/moms (U25)",
    "1050 Salg af varer/ydelser u/moms (no VAT)",
    "1100 EU-leverancer varer - Indberettes (rubrik B-varer) (UEUV)",
    "1200 EU-leverancer ydelser (rubrik B-ydelser) (UEUY)",
    "1255 Salg af varer til udlandet (rubrik C) (UVV)",
    "1300 Salg af fragt - momsfrie (no VAT)",
    "1350 Salg af fragt - momspligtig (U25)",
    "1400 Rykkergebyrer, administrationsgebyr mv. (no VAT)",
  ]),
  depositAccounts: options([
    "55000 Bank",
    "55040 Kontanter (kasse)",
    "55100 Mellemregning Shopify Payments",
    "55110 Mellemregning MobilePay",
  ]),
};
const BILLY: LedgerLists = {
  salesAccounts: options([
    "acc-1110 Salg af varer/ydelser m/moms",
    "acc-1120 Salg af varer/ydelser u/moms",
    "acc-1130 Salg af varer til andre EU-lande",
    "acc-1140 Salg af varer til lande uden for EU",
    "acc-1150 Fragtindtægter",
  ]),
  depositAccounts: options(["acc-5710 Bankkonto", "acc-5720 Kasse", "acc-5740 Bankkonto EUR"]),
};
const ECONOMIC: LedgerLists = {
  salesAccounts: options([
    "1010 Salg af varer/ydelser m/moms",
    "1020 Salg af varer/ydelser u/moms",
    "1030 Salg af varer til andre EU-lande",
    "1040 Salg af varer til lande uden for EU",
    "1050 Salg af ydelser til andre EU-lande",
    "1090 Øreafrunding",
  ]),
  depositAccounts: options(["5810 Kasse", "5820 Bank", "5830 Shopify Payments (mellemregning)"]),
};
const DYNACCOUNT: LedgerLists = {
  salesAccounts: options([
    "1100 Salg af varer, indland",
    "1110 Salg af varer, EU",
    "1120 Salg af varer, udland",
    "1130 Salg af varer, OSS",
    "1140 Momsfrit salg",
    "1200 Fragt",
    "3990 Øredifferencer",
  ]),
  depositAccounts: options([
    "5800 Bank",
    "5810 MobilePay",
    "5820 Shopify Payments",
    "6800 Skyldige gavekort",
  ]),
};

describe("proposed settings after connecting", () => {
  it("lands on Dinero's standard chart, which the defaults were written for", () => {
    const proposed = proposeSettings(DINERO);
    expect(proposed.accounts.revenue).toEqual(defaultSettings().accounts.revenue);
    expect(proposed.accounts.shipping).toEqual(defaultSettings().accounts.shipping);
    expect(proposed.rounding.account).toBe("1050");
    expect(proposed.accounts.tips).toBe("1050");
    expect(proposed.payments).toMatchObject({
      defaultDepositAccount: "55000",
      gateways: { shopify_payments: "55100", mobilepay: "55110" },
    });
  });

  it("maps Billy's account ids by what the accounts are called", () => {
    const proposed = proposeSettings(BILLY);
    expect(proposed.accounts.revenue).toEqual({
      domestic: "acc-1110",
      exempt: "acc-1120",
      euReverseCharge: "acc-1130",
      export: "acc-1140",
    });
    expect(proposed.accounts.shipping).toEqual({
      domestic: "acc-1150",
      exempt: "acc-1120",
      euReverseCharge: "acc-1130",
      export: "acc-1140",
    });
    expect(proposed.payments.defaultDepositAccount).toBe("acc-5710");
    expect(proposed.payments.gateways).toEqual({});
  });

  it("does not take e-conomic's 1050 (EU services) for VAT-free sales", () => {
    const proposed = proposeSettings(ECONOMIC);
    expect(proposed.accounts.revenue).toMatchObject({ domestic: "1010", exempt: "1020", export: "1040" });
    expect(proposed.accounts.revenue.euReverseCharge).toBe("1030");
    expect(proposed.accounts.shipping.domestic).toBe("1010");
    expect(proposed.rounding.account).toBe("1090");
    // No tips account in the chart: tips (no VAT) go with the sales without VAT, not e-conomic's 1050.
    expect(proposed.accounts.tips).toBe("1020");
    expect(proposed.payments).toMatchObject({
      defaultDepositAccount: "5820",
      gateways: { shopify_payments: "5830" },
    });
  });

  it("finds Dynaccount's OSS, freight, rounding and gift-card accounts", () => {
    const proposed = proposeSettings(DYNACCOUNT);
    expect(proposed.accounts.revenue).toEqual({
      domestic: "1100",
      exempt: "1140",
      euReverseCharge: "1110",
      export: "1120",
      oss: "1130",
    });
    expect(proposed.accounts.shipping.domestic).toBe("1200");
    expect(proposed.accounts.giftCardLiability).toBe("6800");
    expect(proposed.rounding.account).toBe("3990");
    expect(proposed.payments.defaultDepositAccount).toBe("5800");
  });

  it("always produces valid settings, and keeps the merchant's other choices", () => {
    const base = { ...defaultSettings(), orderNumberPrefix: "WEB-", numbering: "orderNumber" as const };
    for (const lists of [DINERO, BILLY, ECONOMIC, DYNACCOUNT, { salesAccounts: [], depositAccounts: [] }]) {
      const proposed = proposeSettings(lists, base);
      expect(parseSettings(proposed).ok).toBe(true);
      expect(proposed).toMatchObject({ orderNumberPrefix: "WEB-", numbering: "orderNumber" });
    }
  });

  it("proposes an account per OSS and VOEC rate where the chart names the rate, and keeps the rate-less one as the treatment's", () => {
    const lists: LedgerLists = {
      salesAccounts: options([
        "1000 Salg af varer/ydelser m/moms (U25)",
        "1050 Salg af varer/ydelser u/moms (no VAT)",
        "1410 Salg OSS 19 %",
        "1411 Salg OSS 7%",
        "1412 Salg OSS 5,5 %",
        "1413 Salg OSS 19 % (Cypern)",
        "1419 Salg EU-forbrugere (OSS)",
        "1420 VOEC Norge 25 pct",
        "1421 VOEC Norge 15 %",
      ]),
      depositAccounts: options(["55000 Bank"]),
    };
    const proposed = proposeSettings(lists);
    expect(proposed.accounts.revenue.oss).toBe("1419");
    expect(proposed.accounts.revenue.voec).toBe("1420");
    expect(proposed.accounts.byRate).toEqual({
      oss: { "19": "1410", "7": "1411", "5.5": "1412" },
      voec: { "25": "1420", "15": "1421" },
    });
    expect(parseSettings(proposed).ok).toBe(true);
  });

  it("proposes no per-rate accounts from charts that name no rates", () => {
    for (const lists of [DINERO, BILLY, ECONOMIC, DYNACCOUNT]) {
      expect(proposeSettings(lists).accounts.byRate).toEqual({ oss: {}, voec: {} });
    }
  });
});
