import { describe, expect, it } from "vitest";
import { actorLabel } from "../../app/transfers/merchant-actor";
import { requestActor } from "../../app/transfers/request-actor.server";

const shop = { domain: "https://store.example" };
const token = (claims: unknown) =>
  ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "signature"].join(".");

/** Who the audit log names for an authenticated admin request, in each way into the app. */
describe("requestActor", () => {
  it("names the Shopify staff user from the verified session token, header or id_token", () => {
    const viaHeader = new Request("https://app.example/app/transfers", {
      headers: { authorization: `Bearer ${token({ sub: "84512", dest: "x" })}` },
    });
    expect(actorLabel(requestActor(viaHeader, { mode: "shopify", shop }))).toBe("Shopify staff user 84512");
    const viaQuery = new Request(`https://app.example/app?id_token=${token({ sub: "7" })}`);
    expect(requestActor(viaQuery, { mode: "shopify", shop })).toEqual({ kind: "shopifyStaff", userId: "7" });
  });

  it("writes no user id it cannot read as one", () => {
    for (const authorization of [
      `Bearer ${token({ sub: "<script>alert(1)</script>" })}`,
      `Bearer ${token({ sub: 42 })}`,
      "Bearer not-a-token",
      `Bearer a.${Buffer.from("{broken").toString("base64url")}.c`,
      "",
    ]) {
      const request = new Request("https://app.example/app", { headers: { authorization } });
      expect(actorLabel(requestActor(request, { mode: "shopify", shop }))).toBe("a Shopify staff user");
    }
  });

  it("names the WooCommerce store admin by store, and the local demo merchant", () => {
    const request = new Request("https://app.example/app");
    expect(actorLabel(requestActor(request, { mode: "woocommerce", shop }))).toBe(
      "the WooCommerce store admin of https://store.example",
    );
    expect(actorLabel(requestActor(request, { mode: "local", shop }))).toBe("the local demo merchant");
  });
});
