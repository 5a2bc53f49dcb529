import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import type { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { SecretBox } from "../lib/secret-box.server";

type SessionStore = Pick<
  PrismaSessionStorage<PrismaClient>,
  "storeSession" | "loadSession" | "deleteSession" | "deleteSessions" | "findSessionsByShop"
>;

/**
 * Shopify sessions with their access and refresh tokens sealed (SecretBox, like ledger
 * credentials) before they reach the Session table, and opened only in memory. A session stored
 * in plain text by an earlier release is still read, and sealed the first time it is loaded.
 */
export class SealedSessionStorage implements SessionStore {
  constructor(
    private readonly inner: SessionStore,
    private readonly box: () => SecretBox,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(this.transform(session, (value) => this.box().seal(value)));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    if (!stored) return undefined;
    const session = this.open(stored);
    if (this.hasPlainToken(stored)) await this.storeSession(session);
    return session;
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    return (await this.inner.findSessionsByShop(shop)).map((session) => this.open(session));
  }

  private open(session: Session): Session {
    return this.transform(session, (value) => (isSealed(value) ? this.box().open(value) : value));
  }

  private hasPlainToken(session: Session): boolean {
    return [session.accessToken, session.refreshToken].some((value) => value && !isSealed(value));
  }

  private transform(session: Session, change: (value: string) => string): Session {
    const copy = new Session(session.toObject());
    if (session.accessToken) copy.accessToken = change(session.accessToken);
    if (session.refreshToken) copy.refreshToken = change(session.refreshToken);
    return copy;
  }
}

/** SecretBox's stored form: "v1.<keyId>.<nonce>.<tag>.<ciphertext>". */
function isSealed(value: string): boolean {
  return /^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}
