import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { closePglite } from "../../app/db/driver-adapter.server";
import { createPrismaClient, prepareDatabase } from "../../app/db/prisma.server";
import type { AppProcess } from "./app-process";
import { cleanEnv, startAppProcess } from "./app-process";
import type { TestDatabase } from "./test-database";
import { createPostgresDatabase } from "./test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The database a real app process runs on in the reliability suites: a PGlite data folder on
 * disk (so it survives SIGKILL and restarts) or, in the PostgreSQL pass, a fresh database.
 * PGlite is single-process, so `use` may only open it while no app process holds the folder.
 */
export interface AppDatabase {
  kind: "pglite" | "postgres";
  /** PGLITE_DATA_DIR or DATABASE_URL for the app process. */
  env: Record<string, string>;
  use<T>(fn: (db: PrismaClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const onPostgres = Boolean(
  process.env.DATABASE_URL?.startsWith("postgres") && !process.env.DATABASE_URL.includes("pglite"),
);

export async function createAppDatabase(): Promise<AppDatabase> {
  if (onPostgres) {
    const database: TestDatabase = await createPostgresDatabase();
    return {
      kind: "postgres",
      env: { DATABASE_URL: database.url ?? "" },
      use: (fn) => fn(database.prisma),
      close: () => database.close(),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-reliability-"));
  const target: DatabaseTarget = { kind: "pglite", dataDir };
  let migrated = false;
  return {
    kind: "pglite",
    env: { PGLITE_DATA_DIR: dataDir },
    use: async (fn) => {
      if (!migrated) {
        await prepareDatabase(target);
        migrated = true;
      }
      const db = createPrismaClient(target);
      try {
        return await fn(db);
      } finally {
        await db.$disconnect();
        await closePglite(dataDir);
      }
    },
    close: async () => {
      await closePglite(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An app process the suite may SIGKILL; it knows whether it is still alive. */
export interface ManagedApp extends AppProcess {
  alive(): boolean;
  /** Resolves once the process has exited, however it ended. */
  exited: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const started = new Set<ChildProcess>();
const outputs: Array<() => string> = [];

export async function launchApp(env: Record<string, string | undefined>): Promise<ManagedApp> {
  // The demo's own simulators (and its reconciliation against them) stay out of these suites.
  const app = await startAppProcess({ DEMO_SIMULATORS: "off", ...env }, 240_000);
  started.add(app.child);
  outputs.push(app.output);
  const exited = new Promise<void>((resolve) => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
    app.child.once("exit", () => resolve());
  });
  void exited.then(() => started.delete(app.child));
  const alive = () => app.child.exitCode === null && app.child.signalCode === null;
  return {
    ...app,
    alive,
    exited,
    kill: async (signal = "SIGTERM") => {
      if (alive()) app.child.kill(signal);
      await exited;
    },
  };
}

/** Runs `ledger-bridge worker --until-idle` on the same database and waits for it to drain. */
export async function drainWithWorkerProcess(
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string }> {
  let output = "";
  const child = spawn(process.execPath, [path.join(ROOT, "bin/ledger-bridge.js"), "worker", "--until-idle"], {
    cwd: ROOT,
    env: { ...cleanEnv(), LOG_LEVEL: "info", DEMO_SIMULATORS: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  outputs.push(() => output);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`worker --until-idle did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      started.delete(child);
      resolve(exitCode);
    });
  });
  return { code, output };
}

/** Everything every process started through this module printed so far. */
export function allProcessOutput(): string {
  return outputs.map((output) => output()).join("\n");
}

/** For afterAll: no app or worker process may outlive its test file. */
export async function killAllApps(): Promise<void> {
  await Promise.all(
    [...started].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  started.clear();
}

/** Polls until `predicate` holds; the message says what never happened. */
export async function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
