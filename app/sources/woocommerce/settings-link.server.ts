import { createHash } from "node:crypto";
import type { PrismaClient, Shop } from "@prisma/client";
import type { SecretBox } from "../../lib/secret-box.server";
import { settingsTokenShop, verifySettingsTokenClaims } from "./plugin-signature";
import { normalizeStoreUrl } from "./store-url";
import { findWooStoreByUrl, openStoreSecret } from "./woo-store-repo.server";

/**
 * "Open Ledger Bridge" from WordPress: the plugin links to /woocommerce/settings with a token it
 * signed with the store secret, valid for minutes. A valid token means "an admin of this store"
 * (it names no user) and is accepted once: its hash is kept until it would have expired anyway,
 * so a link copied from the browser history or a log cannot open the app again — in any spelling:
 * only canonical base64url is accepted, and the hash is of the decoded, signed bytes.
 */
export async function redeemSettingsLink(
  db: PrismaClient,
  box: SecretBox,
  token: string,
  nowSeconds: number,
): Promise<Shop | null> {
  const named = settingsTokenShop(token);
  const url = named ? normalizeStoreUrl(named, { allowPrivate: true }) : undefined;
  if (!url?.ok) return null;
  const store = await findWooStoreByUrl(db, url.url);
  if (!store || store.shop.uninstalledAt) return null;
  const claims = verifySettingsTokenClaims(token, await openStoreSecret(db, box, store), nowSeconds);
  if (!claims || normalizeStoreUrl(claims.shop, { allowPrivate: true }).ok !== true) return null;

  const now = new Date(nowSeconds * 1000);
  // Forgetting expired uses is safe: their tokens fail the expiry check above.
  await db.wooSettingsTokenUse.deleteMany({ where: { expiresAt: { lt: now } } });
  const used = await db.wooSettingsTokenUse.createMany({
    data: [
      {
        // The signed bytes, not the text: a token has one canonical spelling, and its use is
        // remembered by what was signed, so no re-spelling can count as a new token.
        tokenHash: createHash("sha256").update(claims.signedBytes).digest("hex"),
        shopId: store.shopId,
        expiresAt: new Date(claims.expiresAt * 1000),
      },
    ],
    skipDuplicates: true,
  });
  return used.count === 1 ? store.shop : null;
}
