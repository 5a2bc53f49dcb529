import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { closePglite } from "../../app/db/driver-adapter.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOP = "crash.myshopify.com";

/**
 * The embedded default: one worker process on a PGlite data folder, SIGKILLed at a ledger write
 * and started again on the same folder. The database must survive the kill, and the transfer
 * must still end with exactly one invoice, payment set and credit note.
 */
describe("worker process on embedded PGlite, killed and restarted", () => {
  const key = randomBytes(32).toString("base64");
  const box = new SecretBox(secretKeyFromBase64(key));
  const folders: string[] = [];
  const children = new Set<ChildProcess>();
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function seed(dataDir: string, n: number) {
    const target: DatabaseTarget = { kind: "pglite", dataDir };
    await prepareDatabase(target);
    const db = createPrismaClient(target);
    await seedDineroShop(db, { domain: SHOP, box });
    const order = danishOrder(n);
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: order.order });
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "refunds/create", rawBody: order.refund });
    await db.$disconnect();
    await closePglite(dataDir);
  }

  function spawnWorker(dataDir: string, dinero: DineroSimulator): ChildProcess {
    // --until-idle: the worker exits by itself once both jobs are done, so the test can then
    // open the (single-process) data folder and check it.
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin/ledger-bridge.js"), "worker", "--until-idle"],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: "test",
          PGLITE_DATA_DIR: dataDir,
          ENCRYPTION_KEY: key,
          DINERO_API_BASE_URL: dinero.url,
          DINERO_AUTH_BASE_URL: dinero.authUrl,
          WORKER_LEASE_MS: "1000",
          WORKER_POLL_MS: "50",
          WORKER_WRITE_MARGIN_MS: "500",
          LEDGER_REQUESTS_PER_MINUTE: "1000000",
          LOG_LEVEL: "error",
        },
        stdio: "ignore",
      },
    );
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
  }

  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
    });

  async function withTimeout(promise: Promise<void>, ms: number, what: string) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      promise,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      }),
    ]);
    clearTimeout(timer);
  }

  async function until(predicate: () => boolean, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function run(killAtWrite: number | undefined, n: number) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-pglite-crash-"));
    folders.push(dataDir);
    await seed(dataDir, n);
    const dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    try {
      const org = () => dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
      const finished = () => {
        const notes = [...(org()?.creditNotes.values() ?? [])];
        return notes.some((note) => note.Status === "Booked" && note.payments.length > 0);
      };
      let writes = 0;
      let killed = false;
      const first = spawnWorker(dataDir, dinero);
      if (killAtWrite !== undefined) {
        dinero.faults.next(killAtWrite % 2 === 0 ? "dropAfterCommit" : "5xx", 1, (request) => {
          if (request.method === "GET") return false;
          if (++writes !== killAtWrite) return false;
          killed = true;
          first.kill("SIGKILL");
          return true;
        });
        await until(() => killed || finished(), 60_000, `write ${killAtWrite}`);
        first.kill("SIGKILL");
        await exited(first);
        dinero.faults.reset();
        const second = spawnWorker(dataDir, dinero);
        await withTimeout(exited(second), 60_000, `recovery after a kill at write ${killAtWrite}`);
      } else {
        await withTimeout(exited(first), 60_000, "a clean transfer");
      }
      const target: DatabaseTarget = { kind: "pglite", dataDir };
      const db = createPrismaClient(target);
      const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
      await db.$disconnect();
      await closePglite(dataDir);
      const invoices = [...(org()?.invoices.values() ?? [])];
      const notes = [...(org()?.creditNotes.values() ?? [])];
      return {
        jobs,
        invoices,
        notes,
        killed,
        writesSeen: dinero.requests.filter((r) => r.method !== "GET").length,
      };
    } finally {
      await dinero.close();
    }
  }

  it("survives SIGKILL at each ledger write with exactly one invoice, payment set and credit note", async () => {
    const clean = await run(undefined, 0);
    expect(clean.jobs.map((job) => job.status)).toEqual(["succeeded", "succeeded"]);
    const writesPerOrder = clean.writesSeen;
    expect(writesPerOrder).toBeGreaterThan(4);
    for (let write = 1; write <= writesPerOrder; write++) {
      const result = await run(write, write);
      expect(result.killed, `killed at write ${write}`).toBe(true);
      expect(result.invoices, `invoices after a kill at write ${write}`).toHaveLength(1);
      expect(result.notes, `credit notes after a kill at write ${write}`).toHaveLength(1);
      expect(result.invoices[0]?.payments).toHaveLength(clean.invoices[0]?.payments.length ?? -1);
      expect(result.notes[0]?.payments).toHaveLength(clean.notes[0]?.payments.length ?? -1);
      expect(result.notes[0]?.CreditNoteFor).toBe(result.invoices[0]?.Guid);
      // The data folder survived the kill: the restarted worker finished both jobs.
      expect(result.jobs.map((job) => job.status)).toEqual(["succeeded", "succeeded"]);
    }
  }, 500_000);
});
