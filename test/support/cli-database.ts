import { resetEnvForTests } from "../../app/config/env.server";
import type { TestDatabase } from "./test-database";
import { createTestDatabase } from "./test-database";

/** Points the process-wide database settings at `database`: the CLI opens (and migrates) that one, never data/pglite. */
export function pointProcessDatabaseAt(database: TestDatabase): void {
  if (database.kind === "postgres") process.env.DATABASE_URL = database.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = (database.target as { dataDir: string }).dataDir;
  }
}

/** A fresh test database as the process-wide one, for tests that run the CLI's `main`. */
export interface CliDatabase {
  database: TestDatabase;
  /** Restores the environment as it was before, forgets the process-wide client, closes the database. */
  close(): Promise<void>;
}

export async function startCliDatabase(): Promise<CliDatabase> {
  const saved = { ...process.env };
  const database = await createTestDatabase();
  pointProcessDatabaseAt(database);
  resetEnvForTests();
  globalThis.ledgerBridgePrisma = database.prisma;
  return {
    database,
    close: async () => {
      globalThis.ledgerBridgePrisma = undefined;
      process.env = { ...saved };
      resetEnvForTests();
      await database.close();
    },
  };
}

/** The CLI's input/output, captured: what it printed, and files it may read (none unless added). */
export function captureCliIo() {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  return {
    out,
    err,
    files,
    io: {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      readFile: async (path: string) => {
        const content = files.get(path);
        if (content === undefined) throw new Error(`ENOENT: ${path}`);
        return content;
      },
    },
  };
}
