import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_BUILD_PATH, startServer } from "../../server/main";
import type { CliIo } from "../cli-io";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `ledger-bridge start [--dev]`: builds when the app changed since the last build, then serves. */
export async function runStart(args: string[], io: CliIo): Promise<number> {
  const dev = args.includes("--dev");
  if (!dev && buildIsStale()) {
    const built = await withBuildLock(() => {
      // Another process may have built while we waited for the lock.
      if (!buildIsStale()) return true;
      io.stderr("Building the app (first start or sources changed)…");
      const result = spawnSync(
        process.execPath,
        [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
        { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
      );
      return result.status === 0;
    });
    if (!built) return 1;
  }
  // Listening before the server starts: /healthz answers while the demo is still connecting its
  // stores, and a stop requested then must still close the database (and release its folder).
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const started = await startServer({ dev });
  io.stdout(`Ledger Bridge is running at ${started.url} (health: ${started.url}/healthz)`);
  await stopRequested;
  await started.close();
  // Server, worker, demo and database are closed (the folder's lock released); timers the
  // in-process simulators and clients may still hold must not delay the operator's Ctrl-C.
  process.exit(0);
}

const BUILD_LOCK = path.join(ROOT, "node_modules/.cache/ledger-bridge-build.lock");
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Two instances started at once (tests, a web and a worker process) must not write build/ at
 * the same time: a directory created atomically is the lock; one left by a crash expires.
 */
async function withBuildLock(build: () => boolean): Promise<boolean> {
  fs.mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const lock = fs.statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS)
        fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return build();
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function buildIsStale(): boolean {
  if (!fs.existsSync(SERVER_BUILD_PATH)) return true;
  const builtAt = fs.statSync(SERVER_BUILD_PATH).mtimeMs;
  return newestMtime(path.join(ROOT, "app")) > builtAt;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
