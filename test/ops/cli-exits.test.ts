import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { closePglite } from "../../app/db/driver-adapter.server";
import { LOCK_FILE_NAME } from "../../app/db/pglite-lock.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { LINGERING_MARKER } from "../../cli/run-cli";
import { runCliProcess } from "../support/cli-process";
import { describeWhen, inPostgresPassOnly } from "../support/optional-suite";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase, postgresReachable } from "../support/test-database";

const SHOP = "cli-exit.myshopify.com";
const ORDER = danishOrder(71);
const SAMPLE_ORDER = path.resolve(import.meta.dirname, "../fixtures/shopify/orders-paid.sample.json");
// Start-up (tsx, migrations check, PGlite boot) on a loaded two-core machine, plus the answer.
const EXIT_BOUND_MS = 60_000;

/**
 * Every command, on its success path and on its error paths, run as the operator runs it: the
 * real executable in its own process. It must print its answer and exit by itself — a PGlite
 * timer or a PostgreSQL pool left open used to keep `shops list` and `status` running for ever.
 * The CLI's safety net would still end such a process after a few seconds, but it says so on
 * stderr: that line fails the test too.
 */
const COMMANDS: Array<{ args: string[]; code: number; stdout?: string; stderr?: string }> = [
  { args: ["migrate"], code: 0, stdout: "up to date" },
  { args: ["shops", "list"], code: 0, stdout: SHOP },
  { args: ["shops", "list", "--json"], code: 0, stdout: `"domain": "${SHOP}"` },
  { args: ["settings", "get", "--shop", SHOP], code: 0, stdout: "{" },
  { args: ["status", "--shop", SHOP], code: 0, stdout: ORDER.name },
  { args: ["status", "--shop", SHOP, "--order", ORDER.orderId], code: 0, stdout: ORDER.name },
  { args: ["transfer", "--shop", SHOP, "--order", ORDER.orderId], code: 0, stdout: "already queued" },
  { args: ["pause", "--shop", SHOP], code: 0, stdout: "Paused" },
  { args: ["resume", "--shop", SHOP], code: 0, stdout: "Resumed" },
  { args: ["retry", "--shop", SHOP, "--all-failed"], code: 0, stdout: "Re-queued" },
  { args: ["connect", "--shop", SHOP, "--provider", "dinero", "--demo"], code: 0, stdout: "Connected" },
  { args: ["worker", "--until-idle"], code: 0, stdout: "Queue drained" },
  { args: ["payouts", "list", "--shop", SHOP], code: 0, stdout: "No payouts" },
  // Error paths after the database was opened: they must close it just the same.
  { args: ["mark-handled", "--shop", SHOP, "--order", ORDER.orderId], code: 1, stderr: "Nothing to mark" },
  { args: ["status", "--shop", "nobody.myshopify.com"], code: 2, stderr: "No shop" },
  { args: ["woocommerce", "poll", "--url", "http://127.0.0.1:9"], code: 2, stderr: "No connected" },
  { args: ["backfill", "--shop", SHOP, "--since", "not-a-date"], code: 2, stderr: "--since" },
  // Commands that never open the database.
  { args: ["preview", "--source", "shopify", "--order", SAMPLE_ORDER], code: 0, stdout: '"totals"' },
  { args: ["help"], code: 0 },
  { args: ["no-such-command"], code: 2, stderr: "Unknown command" },
];

function exitSuite(kind: "pglite" | "postgres") {
  const key = randomBytes(32).toString("base64");
  let dinero: DineroSimulator;
  let env: Record<string, string>;
  let dataDir: string | undefined;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const box = new SecretBox(secretKeyFromBase64(key));
    let target: DatabaseTarget;
    if (kind === "pglite") {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-cli-exit-"));
      target = { kind: "pglite", dataDir };
      await prepareDatabase(target);
    } else {
      postgres = await createPostgresDatabase();
      target = postgres.target;
    }
    const db = postgres?.prisma ?? createPrismaClient(target);
    await seedDineroShop(db, { domain: SHOP, box });
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER.order });
    if (dataDir) {
      await db.$disconnect();
      // The folder is the children's now: this process lets go of it (and of its lock).
      await closePglite(dataDir);
    }
    env = {
      ...(dataDir ? { PGLITE_DATA_DIR: dataDir } : { DATABASE_URL: postgres?.url ?? "" }),
      ENCRYPTION_KEY: key,
      DINERO_API_BASE_URL: dinero.url,
      DINERO_AUTH_BASE_URL: dinero.authUrl,
      WORKER_POLL_MS: "50",
      LEDGER_REQUESTS_PER_MINUTE: "1000000",
    };
  }, 120_000);

  afterAll(async () => {
    await dinero?.close();
    await postgres?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const command of COMMANDS) {
    it(
      `ledger-bridge ${command.args.join(" ")} answers and exits with ${command.code}`,
      async () => {
        const run = await runCliProcess(command.args, env, EXIT_BOUND_MS);
        const shown = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
        expect(run.code, `did not exit by itself within ${EXIT_BOUND_MS} ms\n${shown}`).not.toBeNull();
        expect(run.stderr, shown).not.toContain(LINGERING_MARKER);
        expect(run.code, shown).toBe(command.code);
        if (command.stdout) expect(run.stdout, shown).toContain(command.stdout);
        if (command.stderr) expect(run.stderr, shown).toContain(command.stderr);
        // Whatever the path, the folder is free for the next process.
        if (dataDir) expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
      },
      EXIT_BOUND_MS + 10_000,
    );
  }

  it("the worker really booked the queued order (the commands above worked on this database)", async () => {
    const invoices = [...dinero.state.organizations.values()].flatMap((org) => [...org.invoices.values()]);
    expect(invoices.length).toBe(1);
  });
}

// CI runs the suite once per database; each pass checks its own.
if (process.env.CI_TEST_PASS !== "postgres") {
  describe("every CLI command exits by itself on embedded PGlite", () => exitSuite("pglite"));
}
if (!inPostgresPassOnly()) {
  describeWhen(
    await postgresReachable(),
    "PostgreSQL",
    "every CLI command exits by itself on PostgreSQL",
    () => exitSuite("postgres"),
  );
}
