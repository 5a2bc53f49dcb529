import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEconomicAdapter } from "./economic-adapter";
import { buildInstallationUrl, parseInstallationCallback } from "./economic-installation";
import {
  type RunningEconomicSimulator,
  startEconomicSimulator,
} from "../../../simulators/economic/economic-simulator";

describe("e-conomic installation (grant) flow", () => {
  it("builds the requestaccess URL with the app's public token and our callback", () => {
    const url = new URL(
      buildInstallationUrl({
        appPublicToken: "pub-123",
        redirectUrl: "https://bridge.example/economic/callback",
        state: "s-1",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://secure.e-conomic.com/secure/api1/requestaccess.aspx");
    expect(url.searchParams.get("appPublicToken")).toBe("pub-123");
    expect(url.searchParams.get("redirectUrl")).toBe("https://bridge.example/economic/callback?state=s-1");
  });

  it("refuses a plain-http callback outside loopback", () => {
    expect(() =>
      buildInstallationUrl({ appPublicToken: "p", redirectUrl: "http://bridge.example/cb" }),
    ).toThrow(/https/);
    expect(() =>
      buildInstallationUrl({ appPublicToken: "p", redirectUrl: "http://127.0.0.1:3000/cb" }),
    ).not.toThrow();
  });

  it("reads the grant from `token` and checks our state", () => {
    expect(parseInstallationCallback("https://bridge.example/cb?state=s-1&token=grant-abc", "s-1")).toEqual({
      ok: true,
      agreementGrantToken: "grant-abc",
      state: "s-1",
    });
    expect(parseInstallationCallback("https://bridge.example/cb?state=s-1", "s-1")).toMatchObject({
      ok: false,
    });
    expect(parseInstallationCallback("https://bridge.example/cb?state=other&token=g", "s-1")).toMatchObject({
      ok: false,
    });
  });

  describe("against the simulator", () => {
    let sim: RunningEconomicSimulator;
    beforeAll(async () => {
      sim = await startEconomicSimulator();
    });
    afterAll(async () => {
      await sim.close();
    });

    it("connects end to end: installation page → callback → grant → /self", async () => {
      const installUrl = buildInstallationUrl({
        appPublicToken: sim.state.agreement.application.appPublicToken,
        redirectUrl: "http://127.0.0.1:3000/connect/economic/callback",
        state: "shop-1:nonce",
        authBaseUrl: sim.url,
      });
      const redirect = await fetch(installUrl, { redirect: "manual" });
      expect(redirect.status).toBe(302);
      const callback = parseInstallationCallback(redirect.headers.get("location") ?? "", "shop-1:nonce");
      if (!callback.ok) throw new Error(callback.reason);
      const adapter = createEconomicAdapter({
        credentials: {
          appSecretToken: sim.tokens.appSecretToken,
          agreementGrantToken: callback.agreementGrantToken,
        },
        endpoints: { apiBaseUrl: sim.url, authBaseUrl: sim.url },
      });
      await expect(adapter.verifyConnection()).resolves.toEqual({
        organisations: [{ id: "1234567", name: "Nordlys Webshop ApS" }],
      });
    });
  });
});
