import { createHash } from "node:crypto";
import type { LedgerConnection } from "@prisma/client";
import type { LedgerAdapter, LedgerRef } from "../ledgers/ledger-contract";

/**
 * Keeps one adapter per ledger connection across jobs, so what an adapter learns once (Dinero's
 * access token, Billy's VAT rules, e-conomic's layouts and journals) is not fetched again for
 * every order, and remembers which customers and products the ledger already has.
 *
 * The rate limit makes every saved call count: at Dinero's budget, each lookup skipped is orders
 * per minute gained. An entry is dropped when the connection row changes (new keys, refreshed
 * tokens, another organisation) and after `ttlMs`, so edits the merchant makes in the ledger
 * itself are picked up within minutes.
 */
export class LedgerAdapterCache {
  private readonly entries = new Map<string, { fingerprint: string; adapter: LedgerAdapter; at: number }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(
    connection: Pick<LedgerConnection, "id" | "provider" | "organisationId" | "credentials" | "updatedAt">,
    variant: string,
    build: () => Promise<LedgerAdapter>,
  ): Promise<LedgerAdapter> {
    const fingerprint = createHash("sha256")
      .update(
        [
          connection.provider,
          connection.organisationId ?? "",
          connection.updatedAt.toISOString(),
          connection.credentials,
          variant,
        ].join("\n"),
      )
      .digest("base64url");
    const hit = this.entries.get(connection.id);
    if (hit && hit.fingerprint === fingerprint && this.now() - hit.at < this.ttlMs) return hit.adapter;
    const adapter = withReferenceCache(await build());
    this.entries.set(connection.id, { fingerprint, adapter, at: this.now() });
    return adapter;
  }
}

/**
 * Customers and products already found or created are not looked up again while the adapter
 * lives. If a document is then refused, the remembered ids may be what is wrong (the merchant
 * deleted a contact in the ledger): the memory is cleared so the retry looks everything up anew.
 */
export function withReferenceCache(adapter: LedgerAdapter): LedgerAdapter {
  const customers = new Map<string, LedgerRef>();
  const products = new Map<string, LedgerRef>();
  const forget = () => {
    customers.clear();
    products.clear();
  };
  const remembered = async (
    memory: Map<string, LedgerRef>,
    key: string,
    load: () => Promise<LedgerRef>,
  ): Promise<LedgerRef> => {
    const hit = memory.get(key);
    if (hit) return { ...hit, created: false };
    const ref = await load();
    memory.set(key, ref);
    return ref;
  };
  const clearingOnError = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      forget();
      throw error;
    }
  };
  const overrides: Partial<LedgerAdapter> = {
    findOrCreateCustomer: (customer) =>
      remembered(customers, JSON.stringify(customer), () => adapter.findOrCreateCustomer(customer)),
    ensureProduct: (product, options) =>
      remembered(products, JSON.stringify([product, options]), () => adapter.ensureProduct(product, options)),
    // `write` passes through: dropping it would make every create look first (#16).
    createInvoice: (draft, refs, write) => clearingOnError(() => adapter.createInvoice(draft, refs, write)),
    createCreditNote: (draft, refs, write) =>
      clearingOnError(() => adapter.createCreditNote(draft, refs, write)),
  };
  // A proxy rather than a copy: adapters are class instances whose methods need their own `this`.
  return new Proxy(adapter, {
    get(target, property) {
      if (typeof property === "string" && property in overrides) {
        return overrides[property as keyof LedgerAdapter];
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
