import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import {
  startDynaccountSimulator,
  type RunningDynaccountSimulator,
} from "../../simulators/dynaccount/dynaccount-simulator";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { secretBox } from "../../app/lib/secrets.server";
import { main } from "../../cli/main";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

function capture(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      readFile: async (path: string) => {
        const content = files[path];
        if (content === undefined) throw new Error(`ENOENT: ${path}`);
        return content;
      },
    },
  };
}

/** `ledger-bridge connect`: the onboarding use case from the command line, against simulators. */
describe("ledger-bridge connect", () => {
  let database: TestDatabase;
  let billy: BillySimulator;
  let dynaccount: RunningDynaccountSimulator;
  const saved = { ...process.env };
  const SHOP = "cli-connect.myshopify.com";

  beforeAll(async () => {
    [database, billy, dynaccount] = await Promise.all([
      createTestDatabase(),
      startBillySimulator(),
      startDynaccountSimulator(),
    ]);
    if (database.kind === "postgres") process.env.DATABASE_URL = database.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = (database.target as { dataDir: string }).dataDir;
    }
    Object.assign(process.env, {
      ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      BILLY_API_BASE_URL: billy.apiBaseUrl,
      DYNACCOUNT_API_BASE_URL: dynaccount.url,
      LOG_LEVEL: "silent",
    });
    resetEnvForTests();
    globalThis.ledgerBridgeSecretBox = undefined;
    globalThis.ledgerBridgePrisma = database.prisma;
    await database.prisma.shop.create({ data: { platform: "shopify", domain: SHOP } });
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    globalThis.ledgerBridgeSecretBox = undefined;
    process.env = { ...saved };
    resetEnvForTests();
    await Promise.all([database?.close(), billy?.close(), dynaccount?.close()]);
  });

  it("explains its arguments", async () => {
    const c = capture();
    expect(await main(["connect", "--shop", SHOP, "--provider", "sage", "--demo"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/Unknown ledger "sage".*\n.*usage: ledger-bridge connect/);
    const both = capture();
    expect(await main(["connect", "--shop", SHOP, "--provider", "billy"], both.io)).toBe(2);
    expect(both.err.join("\n")).toContain("Give exactly one of --credentials-file and --demo");
  });

  it("refuses wrong keys with the ledger's own explanation and stores nothing", async () => {
    const c = capture({ "keys.json": JSON.stringify({ accessToken: "wrong" }) });
    expect(
      await main(["connect", "--shop", SHOP, "--provider", "billy", "--credentials-file", "keys.json"], c.io),
    ).toBe(1);
    expect(c.err.join("\n")).toMatch(/^billy refused the connection: .*access token/i);
    expect(await database.prisma.ledgerConnection.count()).toBe(0);
  });

  it("connects with a credentials file, sealed, and proposes settings", async () => {
    const c = capture({ "keys.json": JSON.stringify({ accessToken: billy.accessToken }) });
    expect(
      await main(["connect", "--shop", SHOP, "--provider", "billy", "--credentials-file", "keys.json"], c.io),
    ).toBe(0);
    expect(c.out.join("\n")).toContain(`Connected ${SHOP} to billy (Nordlys Design ApS, org-sim-billy-0001)`);
    expect(c.out.join("\n")).toContain("Proposed settings");
    const connection = await database.prisma.ledgerConnection.findFirstOrThrow();
    expect(secretBox().openJson(connection.credentials)).toEqual({ accessToken: billy.accessToken });
  });

  it("switches to Dynaccount with --demo, keeping the settings already there", async () => {
    const before = await database.prisma.shopSettings.findFirstOrThrow();
    const c = capture();
    expect(await main(["connect", "--shop", SHOP, "--provider", "dynaccount", "--demo"], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/^Connected cli-connect\.myshopify\.com to dynaccount \(/);
    expect(c.out.join("\n")).not.toContain("Proposed settings");
    expect((await database.prisma.ledgerConnection.findFirstOrThrow()).provider).toBe("dynaccount");
    expect((await database.prisma.shopSettings.findFirstOrThrow()).settings).toEqual(before.settings);
  });

  it("names the organisations when the chosen one is not reachable", async () => {
    const c = capture();
    expect(
      await main(
        ["connect", "--shop", SHOP, "--provider", "billy", "--demo", "--organisation", "nope"],
        c.io,
      ),
    ).toBe(2);
    expect(c.err.join("\n")).toContain('No organisation "nope"');
    expect(c.err.join("\n")).toContain("org-sim-billy-0001  Nordlys Design ApS");
  });
});
