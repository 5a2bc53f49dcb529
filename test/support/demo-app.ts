import { randomBytes, randomUUID } from "node:crypto";
import type { DemoActionResult } from "../../demo/demo-actions.server";
import type { DemoOverview } from "../../demo/demo-overview.server";
import type { AppProcess } from "./app-process";
import { startAppProcess } from "./app-process";
import type { TestDatabase } from "./test-database";
import { createPostgresDatabase } from "./test-database";

/** The demo page's data (Remix's `_data` of the route), as its loader and action answer it. */
export const DEMO_DATA = "_data=routes%2Fapp.demo";
export const demoOnPostgres = Boolean(process.env.DATABASE_URL?.startsWith("postgres"));

export interface DemoApp {
  app: AppProcess;
  /** What /app/demo shows; throws when the demo is off. */
  overview(): Promise<DemoOverview>;
  /** Presses a button on /app/demo: its form fields in, the action's status and answer out. */
  press(fields: Record<string, string>): Promise<{ status: number; result: DemoActionResult }>;
  close(): Promise<void>;
}

/**
 * A real `ledger-bridge start` in local mode with the demo's simulators, on a fresh in-memory
 * PGlite (or its own PostgreSQL database when DATABASE_URL points at one).
 */
export async function startDemoApp(env: Record<string, string>): Promise<DemoApp> {
  const postgres: TestDatabase | undefined = demoOnPostgres
    ? await createPostgresDatabase({ migrate: false })
    : undefined;
  const app = await startAppProcess(
    {
      ...(postgres
        ? { DATABASE_URL: postgres.url ?? "" }
        : { PGLITE_DATA_DIR: `memory://demo-${randomUUID()}` }),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      WORKER_POLL_MS: "200",
      WORKER_WRITE_MARGIN_MS: "500",
      LOG_LEVEL: "info",
      ...env,
    },
    300_000,
  );
  const url = `${app.url}/app/demo?${DEMO_DATA}`;
  return {
    app,
    async overview() {
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`/app/demo answered ${response.status}`);
      const body = (await response.json()) as { overview: DemoOverview | null };
      if (!body.overview) throw new Error("the demo is off");
      return body.overview;
    },
    async press(fields) {
      const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields) });
      return { status: response.status, result: (await response.json()) as DemoActionResult };
    },
    async close() {
      await app.stop();
      await postgres?.close();
    },
  };
}
