import { describe, expect, it } from "vitest";
import { LedgerAdapterCache, withReferenceCache } from "../../app/engine/ledger-adapter-cache.server";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import { LedgerError } from "../../app/ledgers/ledger-error";

/** A stand-in ledger that counts its calls; a private field checks the proxy keeps `this`. */
class CountingLedger {
  readonly provider = "billy";
  readonly calls: string[] = [];
  #failCreate = false;
  failNextCreate() {
    this.#failCreate = true;
  }
  async findOrCreateCustomer(customer: { name: string }) {
    this.calls.push(`customer:${customer.name}`);
    return { id: `c-${customer.name}`, created: true };
  }
  async ensureProduct(product: { sku: string; unitNet: number }) {
    this.calls.push(`product:${product.sku}:${product.unitNet}`);
    return { id: `p-${product.sku}`, created: true };
  }
  async createInvoice(_draft: unknown, _refs: unknown, write?: { recovering: boolean }) {
    this.calls.push(write ? `invoice:recovering=${write.recovering}` : "invoice");
    if (this.#failCreate) {
      this.#failCreate = false;
      throw new LedgerError({
        kind: "validation",
        provider: "billy",
        messageKey: "ledgerError.refused",
        params: { ledger: "Billy", reason: "Contact not found" },
      });
    }
    return { id: "i-1" };
  }
  async bookInvoice() {
    this.calls.push("book");
    return { id: "i-1", state: "booked" };
  }
}

const asAdapter = (ledger: CountingLedger) => ledger as unknown as LedgerAdapter;
const customer = (name: string) =>
  ({ name }) as unknown as Parameters<LedgerAdapter["findOrCreateCustomer"]>[0];
const product = (sku: string, unitNet: number) =>
  ({ sku, unitNet }) as unknown as Parameters<LedgerAdapter["ensureProduct"]>[0];
const createInvoice = (adapter: LedgerAdapter) =>
  adapter.createInvoice({} as never, { customerId: "c", productIds: new Map() });

describe("the reference cache", () => {
  it("passes the engine's write options through, so a first create skips the recovery lookup", async () => {
    const ledger = new CountingLedger();
    const adapter = withReferenceCache(asAdapter(ledger));
    await adapter.createInvoice(
      {} as never,
      { customerId: "c", productIds: new Map() },
      { recovering: false },
    );
    expect(ledger.calls).toEqual(["invoice:recovering=false"]);
  });

  it("asks the ledger once per customer and per product version, and reports the repeats as found", async () => {
    const ledger = new CountingLedger();
    const adapter = withReferenceCache(asAdapter(ledger));
    expect(await adapter.findOrCreateCustomer(customer("Ada"))).toEqual({ id: "c-Ada", created: true });
    expect(await adapter.findOrCreateCustomer(customer("Ada"))).toEqual({ id: "c-Ada", created: false });
    await adapter.findOrCreateCustomer(customer("Bo"));
    await adapter.ensureProduct(product("MUG", 100), { update: true });
    await adapter.ensureProduct(product("MUG", 100), { update: true });
    // A new price is a new product version: the ledger is asked (and updates it).
    await adapter.ensureProduct(product("MUG", 120), { update: true });
    expect(ledger.calls).toEqual(["customer:Ada", "customer:Bo", "product:MUG:100", "product:MUG:120"]);
  });

  it("forgets everything when the ledger refuses a document, so the retry looks up anew", async () => {
    const ledger = new CountingLedger();
    const adapter = withReferenceCache(asAdapter(ledger));
    await adapter.findOrCreateCustomer(customer("Ada"));
    ledger.failNextCreate();
    await expect(createInvoice(adapter)).rejects.toThrow("Contact not found");
    await adapter.findOrCreateCustomer(customer("Ada"));
    expect(ledger.calls.filter((call) => call === "customer:Ada")).toHaveLength(2);
  });

  it("passes every other call through with the adapter's own `this`", async () => {
    const ledger = new CountingLedger();
    const adapter = withReferenceCache(asAdapter(ledger));
    ledger.failNextCreate();
    await expect(createInvoice(adapter)).rejects.toThrow(LedgerError);
    await expect(adapter.bookInvoice({ id: "i-1" } as never)).resolves.toMatchObject({ state: "booked" });
    expect(adapter.provider).toBe("billy");
    expect(ledger.calls).toEqual(["invoice", "book"]);
  });
});

describe("the adapter cache", () => {
  const connection = (updatedAt: string, credentials = "sealed-1") => ({
    id: "conn-1",
    provider: "billy",
    organisationId: "org",
    credentials,
    updatedAt: new Date(updatedAt),
  });

  it("reuses the adapter while the connection is unchanged, and rebuilds on new keys, a new variant or age", async () => {
    let clock = 0;
    const cache = new LedgerAdapterCache(60_000, () => clock);
    let builds = 0;
    const build = async () => {
      builds += 1;
      return asAdapter(new CountingLedger());
    };
    const first = await cache.get(connection("2026-11-01T00:00:00Z"), "a", build);
    expect(await cache.get(connection("2026-11-01T00:00:00Z"), "a", build)).toBe(first);
    expect(builds).toBe(1);
    await cache.get(connection("2026-11-01T00:00:00Z", "sealed-2"), "a", build);
    expect(builds).toBe(2);
    await cache.get(connection("2026-11-02T00:00:00Z", "sealed-2"), "a", build);
    expect(builds).toBe(3);
    await cache.get(connection("2026-11-02T00:00:00Z", "sealed-2"), "b", build);
    expect(builds).toBe(4);
    clock = 61_000;
    await cache.get(connection("2026-11-02T00:00:00Z", "sealed-2"), "b", build);
    expect(builds).toBe(5);
  });
});
