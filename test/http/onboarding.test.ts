import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { ledgerForShop } from "../../app/engine/ledger-connections.server";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { startDineroSimulator, type DineroSimulator } from "../../simulators/dinero";
import { secretBox } from "../../app/lib/secrets.server";
import { action as connectAction, loader as connectLoader } from "../../app/routes/app.connect";
import { loader as dineroCallback } from "../../app/routes/connect.dinero.callback";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");

/**
 * The onboarding page's loader and action and the Dinero callback, over real HTTP to the Billy
 * and Dinero simulators, on a real database, in local mode (the demo shop is the session).
 */
describe("onboarding: connecting a ledger", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let billy: BillySimulator;
  let dinero: DineroSimulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    [database, billy, dinero] = await Promise.all([
      createTestDatabase(),
      startBillySimulator(),
      startDineroSimulator(),
    ]);
    db = database.prisma;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "DINERO_CLIENT_ID"]) {
      delete process.env[key];
    }
    Object.assign(process.env, {
      ENCRYPTION_KEY,
      BILLY_API_BASE_URL: billy.apiBaseUrl,
      DINERO_API_BASE_URL: dinero.url,
      DINERO_AUTH_BASE_URL: dinero.authUrl,
      LOG_LEVEL: "silent",
    });
    resetEnvForTests();
    globalThis.ledgerBridgeSecretBox = undefined;
    globalThis.ledgerBridgePrisma = db;
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    globalThis.ledgerBridgeSecretBox = undefined;
    process.env = saved;
    resetEnvForTests();
    await Promise.all([database?.close(), billy?.close(), dinero?.close()]);
  });

  const post = (fields: Record<string, string>) =>
    connectAction({
      request: new Request("http://localhost/app/connect", {
        method: "POST",
        body: new URLSearchParams(fields),
      }),
      params: {},
      context: {},
    });
  const shopId = async () => (await db.shop.findFirstOrThrow({ where: { domain: LOCAL_SHOP_DOMAIN } })).id;

  it("tests Billy keys: the right token lists the company, a wrong one says what to do", async () => {
    const ok = await post({ intent: "test", provider: "billy", "credential.accessToken": billy.accessToken });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      intent: "test",
      status: "ok",
      organisations: [{ id: "org-sim-billy-0001", name: "Nordlys Design ApS" }],
    });

    const wrong = await post({
      intent: "test",
      provider: "billy",
      "credential.accessToken": "not-the-token",
    });
    expect(wrong.status).toBe(422);
    const body = (await wrong.json()) as { status: string; problem: { kind: string; message: string } };
    expect(body.status).toBe("ledgerError");
    expect(body.problem.kind).toBe("authentication");
    expect(body.problem.message).toMatch(/Billy/);
    expect(body.problem.message).toMatch(/access token/i);

    const empty = await post({ intent: "test", provider: "billy", "credential.accessToken": " " });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({
      status: "invalidInput",
      problems: [{ field: "accessToken", kind: "required" }],
    });
    expect(await db.ledgerConnection.count()).toBe(0);
  });

  it("saves the Billy connection sealed, proposes settings from Billy's accounts, and never shows the key", async () => {
    const response = await post({
      intent: "save",
      provider: "billy",
      organisationId: "org-sim-billy-0001",
      "credential.accessToken": billy.accessToken,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/app/settings?proposed=1");

    const connection = await db.ledgerConnection.findUniqueOrThrow({ where: { shopId: await shopId() } });
    expect(connection).toMatchObject({
      provider: "billy",
      organisationId: "org-sim-billy-0001",
      organisationName: "Nordlys Design ApS",
      status: "connected",
    });
    expect(connection.credentials).not.toContain(billy.accessToken);
    expect(secretBox().openJson(connection.credentials)).toEqual({ accessToken: billy.accessToken });

    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shopId: await shopId() } });
    expect(settings.settings).toMatchObject({
      accounts: { revenue: { domestic: "acc-1110", exempt: "acc-1120" } },
      payments: { defaultDepositAccount: "acc-5710" },
    });

    const page = await connectLoader({
      request: new Request("http://localhost/app/connect"),
      params: {},
      context: {},
    });
    const text = JSON.stringify(page);
    expect(page.connection).toMatchObject({
      provider: "billy",
      displayName: "Billy",
      organisationName: "Nordlys Design ApS",
    });
    expect(text).not.toContain(billy.accessToken);
    expect(text).not.toContain(connection.credentials);
  });

  it("refuses to save keys for a company they do not reach", async () => {
    const response = await post({
      intent: "save",
      provider: "billy",
      organisationId: "another-company",
      "credential.accessToken": billy.accessToken,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: "unknownOrganisation" });
  });

  it("disconnects", async () => {
    const response = await post({ intent: "disconnect" });
    expect(response.headers.get("location")).toBe("/app/connect?disconnected=1");
    expect(await db.ledgerConnection.count()).toBe(0);
  });

  it("connects Dinero through Visma Connect: authorize, callback with code and state, tokens saved sealed", async () => {
    await db.shopSettings.deleteMany();
    const started = await post({ intent: "dinero" });
    const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
    const authorize = new URL(authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${dinero.authUrl}/connect/authorize`);
    expect(authorize.searchParams.get("redirect_uri")).toBe("http://localhost/connect/dinero/callback");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("scope")).toContain("offline_access");

    // The merchant's browser at Visma Connect: it answers with a redirect back to the app.
    const consent = await fetch(authorizeUrl, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get("location") ?? "");
    expect(back.pathname).toBe("/connect/dinero/callback");
    expect(back.searchParams.get("state")).toBe(authorize.searchParams.get("state"));
    expect(back.searchParams.get("code")).toBeTruthy();

    const callback = await dineroCallback({ request: new Request(back), params: {}, context: {} });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/app/settings?proposed=1");

    const connection = await db.ledgerConnection.findUniqueOrThrow({ where: { shopId: await shopId() } });
    // The simulator's Visma user reaches two organisations; only the one with Pro can be used.
    expect(connection).toMatchObject({
      provider: "dinero",
      organisationId: "123456",
      organisationName: "Nordlys Design ApS",
    });
    const stored = secretBox().openJson(connection.credentials) as Record<string, unknown>;
    expect(stored).toMatchObject({
      kind: "oauth",
      clientId: "isv_ledger_bridge",
      accessToken: expect.stringMatching(/^sim_at_/),
      refreshToken: expect.stringMatching(/^sim_rt_/),
    });
    expect(connection.credentials).not.toContain(String(stored.refreshToken));
    // The stored tokens work: the settings page can read Dinero's accounts with them.
    const adapter = await ledgerForShop(db, await shopId(), { choices: { emailInvoices: false } });
    expect((await adapter.listSalesAccounts()).map((a) => a.id)).toContain("1000");
    expect(await db.shopSettings.count()).toBe(1);

    // The code is single-use: replaying the callback does not connect again.
    const replay = await dineroCallback({ request: new Request(back), params: {}, context: {} });
    expect(replay.status).toBe(502);
    expect(await replay.text()).toContain("could not be connected");
  });

  it("rejects a callback whose state was forged or altered, or where the merchant said no", async () => {
    const started = await post({ intent: "dinero" });
    const state =
      new URL(((await started.json()) as { authorizeUrl: string }).authorizeUrl).searchParams.get("state") ??
      "";
    const [body, signature] = state.split(".");
    const payload = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    const otherShop = Buffer.from(
      JSON.stringify({ ...payload, shop: "someone-else.myshopify.com" }),
    ).toString("base64url");
    for (const forged of [`${otherShop}.${signature}`, `${body}.AAAA${signature?.slice(4)}`, "garbage", ""]) {
      const response = await dineroCallback({
        request: new Request(
          `http://localhost/connect/dinero/callback?code=x&state=${encodeURIComponent(forged)}`,
        ),
        params: {},
        context: {},
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("This connection link is not valid");
      expect(html).toContain("Linket til forbindelsen er ikke gyldigt");
    }
    const denied = await dineroCallback({
      request: new Request(
        `http://localhost/connect/dinero/callback?error=access_denied&state=${encodeURIComponent(state)}`,
      ),
      params: {},
      context: {},
    });
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain("Dinero was not connected");
    // Still connected as before.
    expect((await db.ledgerConnection.findFirstOrThrow()).provider).toBe("dinero");
  });
  it("asks which company to book in when the Visma login reaches several", async () => {
    const multi = await startDineroSimulator({
      organizations: [
        { id: 111, name: "Butik Nord ApS" },
        { id: 222, name: "Butik Syd ApS" },
      ],
    });
    try {
      Object.assign(process.env, { DINERO_API_BASE_URL: multi.url, DINERO_AUTH_BASE_URL: multi.authUrl });
      resetEnvForTests();
      await post({ intent: "disconnect" });
      await db.shopSettings.deleteMany();

      const started = await post({ intent: "dinero" });
      const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
      const consent = await fetch(authorizeUrl, { redirect: "manual" });
      const callback = await dineroCallback({
        request: new Request(consent.headers.get("location") ?? ""),
        params: {},
        context: {},
      });
      expect(callback.headers.get("location")).toBe("/app/connect?connected=1");
      expect(await db.ledgerConnection.findFirstOrThrow()).toMatchObject({
        provider: "dinero",
        organisationId: null,
      });
      expect(await db.shopSettings.count()).toBe(0);

      const page = await connectLoader({
        request: new Request("http://localhost/app/connect"),
        params: {},
        context: {},
      });
      expect(page.organisations).toEqual({
        status: "ok",
        organisations: [
          { id: "111", name: "Butik Nord ApS" },
          { id: "222", name: "Butik Syd ApS" },
        ],
      });
      const unknown = await post({ intent: "organisation", organisationId: "999" });
      expect(unknown.status).toBe(422);
      const chosen = await post({ intent: "organisation", organisationId: "222" });
      expect(chosen.headers.get("location")).toBe("/app/settings?proposed=1");
      expect(await db.ledgerConnection.findFirstOrThrow()).toMatchObject({
        organisationId: "222",
        organisationName: "Butik Syd ApS",
      });
      expect(await db.shopSettings.count()).toBe(1);
    } finally {
      Object.assign(process.env, { DINERO_API_BASE_URL: dinero.url, DINERO_AUTH_BASE_URL: dinero.authUrl });
      resetEnvForTests();
      await multi.close();
    }
  });
});
