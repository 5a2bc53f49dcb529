import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionToken } from "../../test/support/reliability-session";
import { startShopifyAdminSimulator, type ShopifyAdminSimulator } from "./shopify-admin-simulator";

const APP = { apiKey: "grant-test-key", apiSecret: "grant-test-secret" };
const SHOP = "grants.myshopify.com";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

/** The simulator's token endpoint answers and refuses as Shopify's does (the library's requests). */
describe("Shopify simulator: POST /admin/oauth/access_token", () => {
  let simulator: ShopifyAdminSimulator;
  beforeAll(async () => {
    simulator = await startShopifyAdminSimulator({
      oauth: {
        app: { clientId: APP.apiKey, clientSecret: APP.apiSecret },
        shop: SHOP,
        scopes: "read_orders",
      },
    });
  });
  afterAll(async () => simulator?.close());

  const post = async (body: Record<string, string>, form = false) => {
    const response = await fetch(`${simulator.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const exchange = (overrides: Record<string, string> = {}) => ({
    client_id: APP.apiKey,
    client_secret: APP.apiSecret,
    grant_type: TOKEN_EXCHANGE,
    subject_token: sessionToken(SHOP, APP),
    subject_token_type: ID_TOKEN,
    requested_token_type: OFFLINE,
    expiring: "1",
    ...overrides,
  });
  const graphql = (token: string) =>
    fetch(simulator.graphqlUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query: "query Shop { shop { id } }" }),
    }).then((r) => r.status);
  const refresh = (token: string) =>
    post({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "refresh_token",
      refresh_token: token,
    });

  it("exchanges a session token for an expiring offline token with a 90-day refresh token", async () => {
    const answer = await post(exchange());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      scope: "read_orders",
      expires_in: 3600,
      refresh_token_expires_in: 90 * 24 * 3600,
    });
    expect(answer.body.access_token).toMatch(/^shpat_/);
    expect(answer.body.refresh_token).toMatch(/^shprt_/);
    expect(await graphql(String(answer.body.access_token))).not.toBe(401);
  });

  it("gives a non-expiring token (no refresh token) when not asked for an expiring one, also from a form", async () => {
    const answer = await post(exchange({ expiring: "0" }), true);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(["access_token", "scope"]);
  });

  it("gives an online token with its user", async () => {
    const answer = await post(exchange({ requested_token_type: ONLINE }));
    expect(answer.body).toMatchObject({
      expires_in: 86_399,
      associated_user: { id: 42, account_owner: true },
    });
    expect(answer.body.refresh_token).toBeUndefined();
  });

  it.each([
    ["a wrong client secret", { client_secret: "guess" }, 401, "invalid_client"],
    ["another app's client id", { client_id: "other-app" }, 401, "invalid_client"],
    [
      "a session token signed with another secret",
      { subject_token: sessionToken(SHOP, { ...APP, apiSecret: "x" }) },
      400,
      "invalid_subject_token",
    ],
    [
      "a session token for another shop",
      { subject_token: sessionToken("other.myshopify.com", APP) },
      400,
      "invalid_subject_token",
    ],
    [
      "an expired session token",
      { subject_token: sessionToken(SHOP, APP, Date.now() - 3600_000) },
      400,
      "invalid_subject_token",
    ],
    ["an unknown grant", { grant_type: "password" }, 400, "unsupported_grant_type"],
  ])("refuses %s", async (_label, overrides, status, error) => {
    const before = simulator.oauth?.grants.length;
    const answer = await post(exchange(overrides as Record<string, string>));
    expect(answer).toMatchObject({ status, body: { error } });
    expect(simulator.oauth?.grants.length).toBe(before);
  });

  it("refreshes: a new pair; the old refresh token works until the new access token is used, then never", async () => {
    const first = (await post(exchange())).body;
    simulator.oauth?.expireAccessTokens();
    expect(await graphql(String(first.access_token))).toBe(401);

    const second = await refresh(String(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    // A lost answer: the old refresh token still works…
    const retried = await refresh(String(first.refresh_token));
    expect(retried.status).toBe(200);
    // …until the replacement is put to use.
    expect(await graphql(String(retried.body.access_token))).not.toBe(401);
    expect(await refresh(String(first.refresh_token))).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
    expect((await refresh("shprt_unknown")).body).toMatchObject({ error: "invalid_grant" });
  });

  it("migrates a non-expiring offline token once, and then no longer takes it", async () => {
    const legacy = simulator.oauth!.grantNonExpiringOfflineToken();
    expect(await graphql(legacy)).not.toBe(401);
    const migrate = () =>
      post(exchange({ subject_token: legacy, subject_token_type: OFFLINE, requested_token_type: OFFLINE }));
    const answer = await migrate();
    expect(answer.status).toBe(200);
    expect(answer.body.refresh_token).toMatch(/^shprt_/);
    expect(await graphql(legacy)).toBe(401);
    expect((await migrate()).body).toMatchObject({ error: "invalid_subject_token" });
  });
});
