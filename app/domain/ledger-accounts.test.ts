import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import { discountAccount, refundAdjustmentAccount, revenueAccount, shippingAccount } from "./ledger-accounts";

const settingsWith = (byRate: Record<string, unknown>) => {
  const result = parseSettings({
    version: 1,
    vat: { oss: { enabled: true } },
    accounts: { revenue: { oss: "1010" }, byRate },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings;
};

describe("accounts per OSS/VOEC rate (VAT follows the account in Dinero)", () => {
  it("books a German 7 % line on the 7 % account and 19 % on the 19 % account", () => {
    const settings = settingsWith({ oss: { "19": "1011", "7.00": "1012" }, voec: { "25": "1020" } });
    expect(revenueAccount("oss", settings, 1900)).toBe("1011");
    expect(revenueAccount("oss", settings, 700)).toBe("1012");
    expect(shippingAccount("oss", settings, 700)).toBe("1012");
    expect(discountAccount("oss", settings, 1900)).toBe("1011");
    expect(refundAdjustmentAccount("oss", settings, 700)).toBe("1012");
    // A rate without its own account, or no rate at all, keeps the treatment's account.
    expect(revenueAccount("oss", settings, 2100)).toBe("1010");
    expect(revenueAccount("oss", settings)).toBe("1010");
    // Domestic lines never take an OSS rate's account.
    expect(revenueAccount("domestic", settings, 1900)).toBe("1000");
  });

  it("refuses a rate key that is not a percentage", () => {
    for (const key of ["19%", "abc", "101", "7.001", "-5"]) {
      const result = parseSettings({ version: 1, accounts: { byRate: { oss: { [key]: "1011" } } } });
      expect(result.ok, key).toBe(false);
    }
    expect(parseSettings({ version: 1, accounts: { byRate: { oss: { "5.5": "1013" } } } }).ok).toBe(true);
  });
});
