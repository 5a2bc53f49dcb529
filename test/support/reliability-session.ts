import { createHmac, randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../app/lib/secret-box.server";

/**
 * Real Shopify admin sessions for an app process in Shopify mode, without Shopify: the session
 * token App Bridge sends (an HS256 JWT signed with the app's client secret, checked by
 * `authenticate.admin` exactly as in production) and the shop's offline session in the database
 * (so no token exchange with Shopify is needed).
 */
export interface ShopifyAppCredentials {
  apiKey: string;
  apiSecret: string;
}

export function sessionToken(shop: string, app: ShopifyAppCredentials, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: app.apiKey,
    sub: "42",
    exp: seconds + 300,
    nbf: seconds - 5,
    iat: seconds - 5,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  const signature = createHmac("sha256", app.apiSecret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

/**
 * The offline session `authenticate.admin` loads for the shop (id "offline_<shop>"). With a box
 * its tokens are sealed as the app stores them; without, they are plain text, as an earlier
 * release stored them (the app seals those on first use).
 */
export async function seedOfflineSession(
  db: PrismaClient,
  shop: string,
  tokens: { accessToken: string; refreshToken?: string },
  box?: SecretBox,
): Promise<void> {
  const seal = (value: string) => (box ? box.seal(value) : value);
  await db.session.create({
    data: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: "read_orders,read_all_orders,read_customers,read_products",
      accessToken: seal(tokens.accessToken),
      expires: new Date(Date.now() + 24 * 3600_000),
      ...(tokens.refreshToken
        ? {
            refreshToken: seal(tokens.refreshToken),
            refreshTokenExpires: new Date(Date.now() + 30 * 24 * 3600_000),
          }
        : {}),
    },
  });
}

/** What an embedded admin page sends: the bearer token, and a browser's user agent (bots get 410). */
export function adminHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    "user-agent":
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  };
}
