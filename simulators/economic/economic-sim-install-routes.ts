import { randomUUID } from "node:crypto";
import type { SimRouter } from "../kit/router";
import type { EconomicSimState } from "./economic-sim-state";
import { schemaText } from "./economic-sim-validation";

export const REQUEST_ACCESS_PATH = "/secure/api1/requestaccess.aspx";

/**
 * The two unauthenticated surfaces: e-conomic's installation page (on secure.e-conomic.com),
 * which after the merchant approves redirects to `redirectUrl` with the grant in `token` — not
 * OAuth, no code exchange and no `state` — and the public JSON Schemas under /schema/.
 * The simulated merchant approves at once, so a demo can connect without a browser login.
 */
export function registerPublicRoutes(router: SimRouter, state: EconomicSimState): void {
  router.on("GET", REQUEST_ACCESS_PATH, (request) => {
    // Older integrations send appId= instead of appPublicToken=.
    const publicToken = request.query.get("appPublicToken") ?? request.query.get("appId");
    const redirectUrl = request.query.get("redirectUrl");
    if (publicToken !== state.agreement.application.appPublicToken) {
      return { status: 400, body: "The app is unknown. Check the appPublicToken in the installation link." };
    }
    if (!redirectUrl || !/^https?:\/\//.test(redirectUrl)) {
      return { status: 400, body: "The installation link has no valid redirectUrl." };
    }
    const token = `grant-${randomUUID()}`;
    state.grantTokens.add(token);
    const target = new URL(redirectUrl);
    target.searchParams.set("token", token);
    return { status: 302, headers: { Location: target.toString() } };
  });

  router.on("GET", "/schema/:fileName", (request) => {
    const text = schemaText(request.params.fileName ?? "");
    return text === undefined
      ? { status: 404, body: { message: "Schema not found.", httpStatusCode: 404 } }
      : { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: text };
  });
}

export function isPublicPath(path: string): boolean {
  return path.toLowerCase() === REQUEST_ACCESS_PATH || path.startsWith("/schema/");
}
