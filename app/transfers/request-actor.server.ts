import type { MerchantActor } from "./merchant-actor";

/**
 * Who is behind an already authenticated admin request (call it after `requireAdmin`). In
 * Shopify mode `authenticate.admin` has verified the session token (the Authorization header,
 * or `id_token` on a document load), so its `sub` claim — the staff user's id — is only read
 * here, not trusted before that check.
 */
export function requestActor(
  request: Request,
  context: { mode: "shopify" | "local" | "woocommerce"; shop: { domain: string } },
): MerchantActor {
  switch (context.mode) {
    case "woocommerce":
      return { kind: "wooAdmin", store: context.shop.domain };
    case "local":
      return { kind: "localDemo" };
    case "shopify":
      return { kind: "shopifyStaff", userId: sessionTokenSubject(request) };
  }
}

function sessionTokenSubject(request: Request): string | null {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const token = bearer ?? new URL(request.url).searchParams.get("id_token");
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown };
    // A user id is digits; anything else is not written into the audit log.
    return typeof claims.sub === "string" && /^\d{1,20}$/.test(claims.sub) ? claims.sub : null;
  } catch {
    return null;
  }
}
