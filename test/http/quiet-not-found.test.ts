import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "../../app/db/pglite-lock.server";
import { LINGERING_MARKER } from "../../cli/run-cli";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";

/**
 * Browsers fetch /favicon.ico with every page; each request used to print Remix's 19-line
 * "No route matches URL" stack to the server log. Through the real `ledger-bridge start`.
 */
describe.skipIf(process.env.CI_TEST_PASS === "postgres")(
  "the server's log on addresses nothing serves",
  () => {
    let app: AppProcess;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-quiet-"));
    beforeAll(async () => {
      // As `npm start` runs it: production mode, where Remix logs every error it handles.
      app = await startAppProcess({
        PGLITE_DATA_DIR: dataDir,
        LOG_LEVEL: "info",
        NODE_ENV: "production",
      });
      // /healthz answers while the demo still connects its stores: wait for the last start-up line.
      while (!app.output().includes("Ledger Bridge is running")) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 240_000);
    afterAll(async () => {
      await app?.stop("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** What the server printed while `act` ran (and shortly after: logging is asynchronous). */
    async function logDuring(act: () => Promise<void>): Promise<string> {
      const before = app.output().length;
      await act();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return app.output().slice(before);
    }

    it("answers /favicon.ico with an empty, cacheable 204 and logs nothing", async () => {
      const log = await logDuring(async () => {
        for (let load = 0; load < 3; load++) {
          const response = await fetch(`${app.url}/favicon.ico`);
          expect(response.status).toBe(204);
          expect(await response.text()).toBe("");
          expect(response.headers.get("cache-control")).toContain("max-age=86400");
        }
      });
      expect(log).toBe("");
    });

    it("answers an unknown address 404 with one log line instead of the error handler's stack", async () => {
      const log = await logDuring(async () => {
        for (const address of ["/apple-touch-icon.png", "/no/such/page"]) {
          const response = await fetch(`${app.url}${address}`);
          expect(response.status).toBe(404);
          // The root error page, in both languages (no shop locale outside the app layout).
          const page = await response.text();
          expect(page).toContain("Siden findes ikke");
          expect(page).toContain("This page does not exist");
          expect(page).toContain(`Adressen ${address} er ikke en side i Ledger Bridge.`);
        }
      });
      const entries = log
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.message === "no route matches");
      expect(entries).toEqual([
        expect.objectContaining({ level: "info", path: "/apple-touch-icon.png", status: 404 }),
        expect.objectContaining({ level: "info", path: "/no/such/page", status: 404 }),
      ]);
      // Remix's handleError default printed the bare error with its stack, one per request.
      expect(log).not.toMatch(/^Error: No route matches URL/m);
      // Nor does the root error boundary print one (Remix's default boundary logs the error).
      expect(log).not.toMatch(/^\s+at /m);
    });

    it("a page load with its favicon request logs no stack trace", async () => {
      const log = await logDuring(async () => {
        const page = await fetch(`${app.url}/app?locale=en`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Local demo mode");
        expect((await fetch(`${app.url}/favicon.ico`)).status).toBe(204);
      });
      expect(log).not.toMatch(/^\s+at /m);
      expect(log).not.toContain("No route matches");
    });

    it("stops on SIGTERM with exit code 0 and leaves its database folder free", async () => {
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
      expect(await app.stop("SIGTERM")).toBe(0);
      expect(app.output()).not.toContain(LINGERING_MARKER);
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    });
  },
);
