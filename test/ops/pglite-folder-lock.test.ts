import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closePglite, pgliteFor } from "../../app/db/driver-adapter.server";
import { DatabaseInUseError, LOCK_FILE_NAME } from "../../app/db/pglite-lock.server";
import { LINGERING_MARKER } from "../../cli/run-cli";
import { runCliProcess, spawnCli, stopProcess, waitForOutput } from "../support/cli-process";

const BOUND_MS = 60_000;
const WORKER_READY = "Transfer worker running";

/**
 * Two real processes on one embedded database folder: the second must stop with a message naming
 * the folder, the process holding it and what to do — not open the same files a second time.
 */
describe.skipIf(process.env.CI_TEST_PASS === "postgres")("one process per PGlite folder", () => {
  const folders: string[] = [];
  const children = new Set<ChildProcess>();
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-pglite-lock-"));
    folders.push(dir);
    return dir;
  };
  const holder = async (dataDir: string) => {
    const child = spawnCli(["worker"], { PGLITE_DATA_DIR: dataDir });
    children.add(child);
    await waitForOutput(child, WORKER_READY, BOUND_MS);
    return child;
  };
  const lockOf = (dataDir: string) =>
    JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8")) as { pid: number };

  afterEach(async () => {
    for (const child of children) await stopProcess(child, "SIGKILL");
    children.clear();
  });
  afterAll(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second process while the first holds the folder, and lets it in once the first stopped", async () => {
    const dataDir = folder();
    const first = await holder(dataDir);
    expect(lockOf(dataDir).pid).toBe(first.pid);

    for (const args of [["shops", "list"], ["worker"]]) {
      const second = await runCliProcess(args, { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
      const shown = `${args.join(" ")}:\n${second.stdout}\n${second.stderr}`;
      expect(second.code, shown).toBe(75);
      expect(second.stderr, shown).toContain(
        `The embedded database folder ${dataDir} is in use by process ${first.pid}`,
      );
      expect(second.stderr, shown).toContain("ledger-bridge.js worker");
      expect(second.stderr, shown).toContain(`kill ${first.pid}`);
      expect(second.stderr, shown).toContain("DATABASE_URL");
      expect(second.stderr, shown).toContain(path.join(dataDir, LOCK_FILE_NAME));
      // One clear message, no stack trace, and the refused process does not hang.
      expect(second.stderr, shown).not.toMatch(/\n\s+at /);
      expect(second.stderr, shown).not.toContain(LINGERING_MARKER);
      expect(second.stdout, shown).toBe("");
    }
    // In-process too, the opener learns who holds the folder.
    let error: unknown;
    try {
      pgliteFor(dataDir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseInUseError);
    expect((error as DatabaseInUseError).owner.pid).toBe(first.pid);
    // The holder was not disturbed: it still has the folder.
    expect(first.exitCode).toBeNull();
    expect(lockOf(dataDir).pid).toBe(first.pid);

    expect(await stopProcess(first, "SIGTERM")).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const after = await runCliProcess(["shops", "list"], { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain("(none)");
  }, 240_000);

  it("takes over a lock whose process died without releasing it (SIGKILL)", async () => {
    const dataDir = folder();
    const first = await holder(dataDir);
    const deadPid = first.pid;
    await stopProcess(first, "SIGKILL");
    expect(lockOf(dataDir).pid).toBe(deadPid);

    const next = await runCliProcess(["shops", "list"], { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain("(none)");
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 240_000);

  it("does not mistake a reused pid for the holder, nor an unreadable lock for a live one", async () => {
    const dataDir = folder();
    // A live pid (this test's), but not the process that wrote the lock: it started at another tick.
    const reused = { pid: process.pid, hostname: os.hostname(), startTicks: "1", command: "x", since: "y" };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, LOCK_FILE_NAME), JSON.stringify(reused));
    const afterReuse = await runCliProcess(["migrate"], { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
    expect(afterReuse.code, afterReuse.stderr).toBe(0);

    fs.writeFileSync(path.join(dataDir, LOCK_FILE_NAME), "{half a write");
    const afterGarbage = await runCliProcess(["shops", "list"], { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
    expect(afterGarbage.code, afterGarbage.stderr).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 240_000);

  it("a process holding the folder keeps it from a child, whatever program it is", async () => {
    const dataDir = folder();
    // This test process opens the folder itself, as the app or a script would.
    const db = pgliteFor(dataDir);
    await db.waitReady;
    try {
      expect(lockOf(dataDir).pid).toBe(process.pid);
      // Opening it again in the same process is the same instance, not a conflict.
      expect(pgliteFor(dataDir)).toBe(db);
      const child = await runCliProcess(["shops", "list"], { PGLITE_DATA_DIR: dataDir }, BOUND_MS);
      expect(child.code, child.stderr).toBe(75);
      expect(child.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await closePglite(dataDir);
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 240_000);
});
