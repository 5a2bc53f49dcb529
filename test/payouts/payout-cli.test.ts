import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { main } from "../../cli/main";
import { captureCliIo, startCliDatabase, type CliDatabase } from "../support/cli-database";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { workedExamplePayments } from "./payout-test-kit";

/**
 * `ledger-bridge payouts` against the Shopify simulator: the preview prints docs/payouts.md's
 * worked example to the øre before anything is queued or booked; sync queues the payout once.
 */
const SHOP = "payouts-cli.myshopify.com";
const startShopify = shopifySimulatorPerTest();

describe("payouts CLI", () => {
  let cli: CliDatabase;
  beforeAll(async () => {
    cli = await startCliDatabase();
    const db = cli.database.prisma;
    const shop = await db.shop.create({ data: { platform: "shopify", domain: SHOP } });
    // The chart of the worked example in docs/payouts.md.
    const saved = await saveShopSettings(prismaSettingsStorage(db), shop.id, {
      version: 1,
      accounts: { giftCardLiability: "63080" },
      payments: { gateways: { shopify_payments: "5820" } },
      payouts: {
        enabled: true,
        bankAccount: "5810",
        feeAccount: "7220",
        disputesAccount: "7230",
        reservesAccount: "5830",
        adjustmentsAccount: "7240",
      },
    });
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await cli?.close();
  });

  it("previews, syncs once, lists", async () => {
    const { simulator } = await startShopify({ payments: workedExamplePayments() });
    process.env.SHOPIFY_ADMIN_BASE_URL = simulator.url;
    resetEnvForTests();

    const shown = captureCliIo();
    expect(
      await main(["payouts", "preview", "90061", "--shop", SHOP, "--since", "2026-12-01"], shown.io),
    ).toBe(0);
    const text = shown.out.join("\n");
    expect(text).toContain("Payout 90061 of 2026-12-04, DKK: not booked yet");
    const rows = text
      .split("\n")
      .filter((line) => /^(bank|fees|clearing|disputes) /.test(line))
      .map((line) => line.trim().split(/\s+/));
    expect(rows).toEqual([
      ["bank", "5810", "536.11", "none"],
      ["fees", "7220", "81.89", "none"],
      ["clearing", "5820", "768.00", "none"],
      ["disputes", "7230", "150.00", "none"],
    ]);
    // Debit and credit columns: the clearing line is the only credit.
    const clearingLine = text.split("\n").find((line) => line.startsWith("clearing")) ?? "";
    const header = text.split("\n").find((line) => line.startsWith("line")) ?? "";
    expect(clearingLine.indexOf("768.00")).toBe(header.indexOf("credit"));
    expect(text).toContain("Total: debit 768.00 = credit 768.00");
    expect(await cli.database.prisma.job.count()).toBe(0);

    const first = captureCliIo();
    expect(await main(["payouts", "sync", "--shop", SHOP, "--since", "2026-12-01"], first.io)).toBe(0);
    expect(first.out.at(-1)).toContain("queued 1 new");
    const again = captureCliIo();
    expect(await main(["payouts", "sync", "--shop", SHOP, "--since", "2026-12-01"], again.io)).toBe(0);
    expect(again.out.at(-1)).toContain("queued 0 new");

    const listed = captureCliIo();
    expect(await main(["payouts", "list", "--shop", SHOP, "--json"], listed.io)).toBe(0);
    expect(JSON.parse(listed.out.join("\n"))).toMatchObject([
      {
        payoutId: "90061",
        date: "2026-12-04",
        gross: 76_800 - 15_000,
        fees: 8_189,
        net: 53_611,
        status: "queued",
      },
    ]);
  });

  it("keeps payout jobs out of the order transfers `status` and `shops list` show, labelled as payouts", async () => {
    expect(await cli.database.prisma.job.count({ where: { kind: "payout" } })).toBe(1);
    const status = captureCliIo();
    expect(await main(["status", "--shop", SHOP, "--json"], status.io)).toBe(0);
    const shown = JSON.parse(status.out.join("\n")) as { transfers: unknown[]; payouts: unknown[] };
    expect(shown.transfers).toEqual([]);
    expect(shown.payouts).toMatchObject([{ payout: "90061", status: "queued" }]);

    const text = captureCliIo();
    expect(await main(["status", "--shop", SHOP], text.io)).toBe(0);
    expect(text.out.join("\n")).toMatch(/Payouts:\npayout +status.*\n-+.*\n90061 +queued/);

    const shops = captureCliIo();
    expect(await main(["shops", "list", "--json"], shops.io)).toBe(0);
    expect(JSON.parse(shops.out.join("\n"))).toMatchObject([{ domain: SHOP, transferred: 0, queued: 0 }]);
  });
});
