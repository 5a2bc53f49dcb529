import type { PrismaClient, Shop } from "@prisma/client";
import { resetEnvForTests } from "../../app/config/env.server";
import type { SecretBox } from "../../app/lib/secret-box.server";
import type { LedgerUnderTest, SimulatedLedger } from "./reliability-ledgers";
import { settingsForLedger } from "./reliability-ledgers";
import { seedShop } from "./reliability-shops";
import type { TestDatabase } from "./test-database";
import { createTestDatabase } from "./test-database";

/** A test database and one ledger's simulator, with the app's environment pointing at it. */
export interface LedgerTestBed {
  database: TestDatabase;
  db: PrismaClient;
  simulated: SimulatedLedger;
  /** Restores the environment as it was before the bed started, closes the simulator and the database. */
  close(): Promise<void>;
}

export async function startLedgerTestBed(ledger: LedgerUnderTest): Promise<LedgerTestBed> {
  const saved = { ...process.env };
  const database = await createTestDatabase();
  let simulated: SimulatedLedger | undefined;
  const close = async () => {
    process.env = { ...saved };
    resetEnvForTests();
    await simulated?.close();
    await database.close();
  };
  try {
    simulated = await ledger.start();
    Object.assign(process.env, simulated.env);
    resetEnvForTests();
    return { database, db: database.prisma, simulated, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A Shopify shop with `ledger`'s settings, connected to the running `simulated` ledger. */
export async function seedShopOnLedger(
  db: PrismaClient,
  seed: { domain: string; ledger: LedgerUnderTest; simulated: SimulatedLedger; box: SecretBox },
): Promise<Shop> {
  const { ledger, simulated } = seed;
  return seedShop(db, {
    domain: seed.domain,
    settings: settingsForLedger(ledger.harness),
    connection: {
      provider: ledger.provider,
      credentials: simulated.credentials,
      ...(simulated.organisationId ? { organisationId: simulated.organisationId } : {}),
    },
    box: seed.box,
  });
}
