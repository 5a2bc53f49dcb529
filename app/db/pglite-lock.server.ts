import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite is single-process: two processes on one data folder each keep their own buffers and
 * overwrite each other's pages, and PGlite itself does not refuse (its postmaster.pid is always
 * "-42"). So every process that opens a folder first takes this lock, a file holding its pid.
 */

export const LOCK_FILE_NAME = "ledger-bridge.lock";

interface LockOwner {
  pid: number;
  hostname: string;
  /** The kernel's start tick of the process (Linux), so a reused pid is not taken for the owner. */
  startTicks: string | null;
  command: string;
  since: string;
}

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const lockFile = path.join(dataDir, LOCK_FILE_NAME);
    super(
      `The embedded database folder ${dataDir} is in use by process ${owner.pid}` +
        `${owner.hostname === os.hostname() ? "" : ` on ${owner.hostname}`} (${owner.command}, since ${owner.since}).\n` +
        "The embedded database (PGlite) serves one process at a time. Stop that process first " +
        `(kill ${owner.pid}), or run this command against PostgreSQL with DATABASE_URL, ` +
        "or give this process its own folder with PGLITE_DATA_DIR.\n" +
        `If no such process is running any more, delete ${lockFile}.`,
    );
  }
}

// On globalThis for the reason the PGlite instances are (see driver-adapter.server.ts).
declare global {
  var ledgerBridgePgliteLocks: Set<string> | undefined;
  var ledgerBridgePgliteExitHook: boolean | undefined;
}
const held = (globalThis.ledgerBridgePgliteLocks ??= new Set<string>());

/** Takes the folder's lock for this process, or throws DatabaseInUseError naming its holder. */
export function lockPgliteFolder(dataDir: string): void {
  if (held.has(dataDir)) return;
  const lockFile = path.join(dataDir, LOCK_FILE_NAME);
  const me = currentOwner();
  // Two tries: the second follows the removal of a lock left by a process that is gone.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${JSON.stringify(me)}\n`, { flag: "wx" });
      held.add(dataDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(lockFile);
    if (owner && owner.pid !== process.pid && ownerIsAlive(owner))
      throw new DatabaseInUseError(dataDir, owner);
    // Stale (its process died without releasing it), unreadable (a crash mid-write) or a
    // former run of this very pid (a container's pid 1): take it over.
    fs.rmSync(lockFile, { force: true });
  }
  const owner = readOwner(lockFile);
  if (owner) throw new DatabaseInUseError(dataDir, owner);
  throw new Error(`Could not take the lock ${lockFile}`);
}

/** Releases this process's lock on the folder (after its PGlite instance closed). */
export function unlockPgliteFolder(dataDir: string): void {
  if (!held.delete(dataDir)) return;
  const lockFile = path.join(dataDir, LOCK_FILE_NAME);
  // Only our own lock: never remove one another process took over.
  if (readOwner(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
}

// A process that exits without closing its database (an uncaught error, process.exit) releases
// its folders here; only SIGKILL or a crash leaves a lock behind, which the next opener sees is stale.
if (!globalThis.ledgerBridgePgliteExitHook) {
  globalThis.ledgerBridgePgliteExitHook = true;
  process.once("exit", () => {
    for (const dataDir of [...held]) unlockPgliteFolder(dataDir);
  });
}

function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    startTicks: startTicks(process.pid),
    command: process.argv
      .slice(1)
      .map((arg) => path.basename(arg))
      .join(" ")
      .slice(0, 200),
    since: new Date().toISOString(),
  };
}

function readOwner(lockFile: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockFile, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number") return null;
    return {
      pid: parsed.pid,
      hostname: String(parsed.hostname ?? ""),
      startTicks: typeof parsed.startTicks === "string" ? parsed.startTicks : null,
      command: String(parsed.command ?? "unknown command"),
      since: String(parsed.since ?? "unknown time"),
    };
  } catch {
    return null;
  }
}

function ownerIsAlive(owner: LockOwner): boolean {
  // Another machine's process (a shared volume) cannot be checked from here: assume it runs.
  if (owner.hostname !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const ticks = startTicks(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

/** Field 22 of /proc/PID/stat (start time since boot); null where there is no /proc. */
function startTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses; count from its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
