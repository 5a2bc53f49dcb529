import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureError } from "../../../test/contract/ledger-contract-suite";
import { createDineroAdapter } from "./dinero-adapter";
import type { DineroTokenSet } from "./dinero-oauth";
import {
  buildAuthorizeUrl,
  createPkceVerifier,
  DINERO_SCOPES,
  exchangeCode,
  pkceChallenge,
  refreshTokens,
  requestApiKeyToken,
} from "./dinero-oauth";
import type { DineroSimulator } from "../../../simulators/dinero/dinero-simulator";
import {
  DINERO_SIMULATOR_DEFAULTS as DEFAULTS,
  startDineroSimulator,
} from "../../../simulators/dinero/dinero-simulator";

const REDIRECT = "http://127.0.0.1:3000/auth/dinero/callback";
const visma = DEFAULTS.vismaClient;

let sim: DineroSimulator;
beforeAll(async () => {
  sim = await startDineroSimulator({ validateRequests: true });
});
afterAll(async () => {
  await sim?.close();
});

async function connect(verifier = createPkceVerifier()): Promise<DineroTokenSet> {
  const url = buildAuthorizeUrl({
    clientId: visma.clientId,
    redirectUri: REDIRECT,
    state: "st-1",
    codeChallenge: pkceChallenge(verifier),
    authBaseUrl: sim.authUrl,
  });
  const consent = await fetch(url, { redirect: "manual" });
  const location = new URL(consent.headers.get("location") ?? "");
  expect(location.searchParams.get("state")).toBe("st-1");
  return exchangeCode({
    ...visma,
    code: location.searchParams.get("code") ?? "",
    redirectUri: REDIRECT,
    codeVerifier: verifier,
    authBaseUrl: sim.authUrl,
  });
}

/** An adapter talking to the simulator, without its rate limit getting in the way. */
function simulatorAdapter(init: Omit<Parameters<typeof createDineroAdapter>[0], "endpoints">) {
  return createDineroAdapter(
    { ...init, endpoints: { apiBaseUrl: sim.url, authBaseUrl: sim.authUrl } },
    { requestsPerMinute: 10_000 },
  );
}

function oauthCredentials(tokens: DineroTokenSet, expiresAt: number) {
  return {
    kind: "oauth" as const,
    ...visma,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? "",
    expiresAt,
  };
}

const apiKeyCredentials = { kind: "apiKey" as const, ...DEFAULTS.personalClient, apiKey: DEFAULTS.apiKey };

describe("PKCE and the authorize URL", () => {
  it("derives the S256 challenge of RFC 7636's example verifier", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
    const verifier = createPkceVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createPkceVerifier()).not.toBe(verifier);
  });

  it("asks Visma Connect for the Dinero scopes with a code challenge", () => {
    const url = new URL(
      buildAuthorizeUrl({ clientId: "isv_shop", redirectUri: REDIRECT, state: "xyz", codeChallenge: "abc" }),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://connect.visma.com/connect/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "isv_shop",
      response_type: "code",
      scope: "dineropublicapi:read dineropublicapi:write offline_access",
      redirect_uri: REDIRECT,
      state: "xyz",
      code_challenge: "abc",
      code_challenge_method: "S256",
    });
    expect(DINERO_SCOPES).toContain("offline_access");
  });
});

describe("token endpoints against the simulator", () => {
  it("exchanges a code (with the right verifier only) for tokens the API accepts", async () => {
    const tokens = await connect();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
    const organisations = await fetch(`${sim.url}/v1/organizations?fields=Id,Name`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await organisations.json()).toEqual([
      { Id: DEFAULTS.organizationId, Name: DEFAULTS.organizationName },
      { Id: DEFAULTS.organizationWithoutProId, Name: "Hobbyforeningen Strik" },
    ]);

    const url = buildAuthorizeUrl({
      clientId: visma.clientId,
      redirectUri: REDIRECT,
      state: "s",
      codeChallenge: pkceChallenge("right-verifier-right-verifier-right-verifier"),
      authBaseUrl: sim.authUrl,
    });
    const code =
      new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "").searchParams.get(
        "code",
      ) ?? "";
    const wrong = await captureError(() =>
      exchangeCode({
        ...visma,
        code,
        redirectUri: REDIRECT,
        codeVerifier: "some-other-verifier",
        authBaseUrl: sim.authUrl,
      }),
    );
    expect(wrong).toMatchObject({ kind: "authentication", providerCode: "invalid_grant", retryable: false });
  });

  it("rotates refresh tokens: the old one stops working", async () => {
    const first = await connect();
    const second = await refreshTokens({
      ...visma,
      refreshToken: first.refreshToken ?? "",
      authBaseUrl: sim.authUrl,
    });
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reused = await captureError(() =>
      refreshTokens({ ...visma, refreshToken: first.refreshToken ?? "", authBaseUrl: sim.authUrl }),
    );
    expect(reused.kind).toBe("authentication");
    expect(reused.merchantMessage).toMatch(/Reconnect Dinero/);
  });

  it("grants a personal API-key token and rejects a wrong key", async () => {
    const token = await requestApiKeyToken({
      ...DEFAULTS.personalClient,
      apiKey: DEFAULTS.apiKey,
      authBaseUrl: sim.authUrl,
    });
    expect(token.refreshToken).toBeUndefined();
    const error = await captureError(() =>
      requestApiKeyToken({ ...DEFAULTS.personalClient, apiKey: "nope", authBaseUrl: sim.authUrl }),
    );
    expect(error.merchantMessage).toMatch(/rejected the API key/);
  });
});

describe("the adapter's token handling", () => {
  it("refreshes an expired Visma token before the first call and hands the rotated set to the caller", async () => {
    const tokens = await connect();
    const rotated: DineroTokenSet[] = [];
    let requests = 0;
    const adapter = simulatorAdapter({
      credentials: {
        ...oauthCredentials(tokens, Date.now() - 1000),
        onTokensRefreshed: (set) => void rotated.push(set),
      },
      organisationId: String(DEFAULTS.organizationId),
      beforeRequest: async () => void requests++,
    });
    await adapter.listVatCodes();
    await adapter.listDepositAccounts();
    expect(rotated).toHaveLength(1);
    expect(rotated[0]?.refreshToken).not.toBe(tokens.refreshToken);
    expect(sim.state.refreshTokens.has(rotated[0]?.refreshToken ?? "")).toBe(true);
    // One refresh + two API calls, each announced to the shared limiter.
    expect(requests).toBe(3);
  });

  it("renews a token the API stopped accepting and retries the call once", async () => {
    const adapter = simulatorAdapter({
      credentials: apiKeyCredentials,
      organisationId: String(DEFAULTS.organizationId),
    });
    await adapter.listSalesAccounts();
    sim.state.tokens.clear();
    const unauthorizedBefore = sim.requests.filter((request) => request.status === 401).length;
    await expect(adapter.listSalesAccounts()).resolves.not.toHaveLength(0);
    expect(sim.requests.filter((request) => request.status === 401).length).toBe(unauthorizedBefore + 1);
  });

  it("finds the organisation of an API key by itself when none is configured", async () => {
    const adapter = simulatorAdapter({ credentials: apiKeyCredentials });
    expect(await adapter.verifyConnection()).toEqual({
      organisations: [{ id: String(DEFAULTS.organizationId), name: DEFAULTS.organizationName }],
    });
    expect((await adapter.listDepositAccounts()).map((account) => account.id)).toContain("55000");
  });

  it("refuses an organisation without Pro when verifying the connection", async () => {
    const tokens = await connect();
    const adapter = simulatorAdapter({
      credentials: oauthCredentials(tokens, tokens.expiresAt),
      organisationId: String(DEFAULTS.organizationWithoutProId),
    });
    const verify = await captureError(() => adapter.verifyConnection());
    expect(verify.merchantMessage).toMatch(/Pro/);
    const call = await captureError(() => adapter.listSalesAccounts());
    expect(call).toMatchObject({ kind: "authentication", httpStatus: 403, providerCode: "90" });
  });
});
