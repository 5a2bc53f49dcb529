import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import {
  ConnectionInputError,
  ledgerForShop,
  saveConnection,
} from "../../app/engine/ledger-connections.server";
import { startBillySimulator } from "../../simulators/billy";
import type { BillySimulator } from "../../simulators/billy";
import { LedgerError } from "../../app/ledgers/ledger-error";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

describe("ledger connections", () => {
  let database: TestDatabase;
  let simulator: BillySimulator;
  const keyA = randomBytes(32);
  const box = new SecretBox(secretKeyFromBase64(keyA.toString("base64")));
  const saved = { ...process.env };
  let shopId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await startBillySimulator();
    process.env.BILLY_API_BASE_URL = simulator.apiBaseUrl;
    resetEnvForTests();
    shopId = (
      await database.prisma.shop.create({ data: { platform: "shopify", domain: "conn.myshopify.com" } })
    ).id;
  });
  afterAll(async () => {
    process.env = { ...saved };
    resetEnvForTests();
    await simulator?.close();
    await database?.close();
  });

  it("stores credentials sealed, never in plain text", async () => {
    await saveConnection(
      database.prisma,
      { shopId, provider: "billy", credentials: { accessToken: simulator.accessToken } },
      box,
    );
    const row = await database.prisma.ledgerConnection.findUniqueOrThrow({ where: { shopId } });
    expect(row.credentials).not.toContain(simulator.accessToken);
    expect(box.openJson(row.credentials)).toEqual({ accessToken: simulator.accessToken });
  });

  it("rejects incomplete credentials with field errors and an unknown ledger by name", async () => {
    await expect(
      saveConnection(database.prisma, { shopId, provider: "billy", credentials: {} }, box),
    ).rejects.toBeInstanceOf(ConnectionInputError);
    await expect(
      saveConnection(database.prisma, { shopId, provider: "quickbooks", credentials: {} }, box),
    ).rejects.toThrow(/unknown ledger "quickbooks"/);
  });

  it("builds the shop's adapter from the stored connection, pointed at the configured host", async () => {
    const adapter = await ledgerForShop(database.prisma, shopId, { choices: { emailInvoices: false }, box });
    const { organisations } = await adapter.verifyConnection();
    expect(organisations.length).toBeGreaterThan(0);
    // Every request took a token from the connection's shared bucket.
    expect(await database.prisma.rateLimitBucket.count()).toBe(1);
  });

  it("re-seals credentials sealed with a previous key once the key is rotated", async () => {
    const next = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")), [
      secretKeyFromBase64(Buffer.from(keyA).toString("base64")),
    ]);
    const before = (await database.prisma.ledgerConnection.findUniqueOrThrow({ where: { shopId } }))
      .credentials;
    expect(next.needsRotation(before)).toBe(true);
    await ledgerForShop(database.prisma, shopId, { choices: { emailInvoices: false }, box: next });
    const after = (await database.prisma.ledgerConnection.findUniqueOrThrow({ where: { shopId } }))
      .credentials;
    expect(next.needsRotation(after)).toBe(false);
    expect(next.openJson(after)).toEqual({ accessToken: simulator.accessToken });
  });

  it("reports a shop without a connection as an authentication problem the merchant can fix", async () => {
    const other = await database.prisma.shop.create({
      data: { platform: "shopify", domain: "none.myshopify.com" },
    });
    const error = await ledgerForShop(database.prisma, other.id, {
      choices: { emailInvoices: false },
      box,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).merchantMessage).toContain("No accounting system is connected");
  });
});
