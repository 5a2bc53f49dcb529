import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "../../app/db/pglite-lock.server";
import { cleanEnv } from "../support/app-process";
import { spawnCli, stopProcess, waitForOutput } from "../support/cli-process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA = path.join(ROOT, "node_modules/prisma/build/index.js");
const BOUND_MS = 150_000;

function runPrisma(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PRISMA, ...args], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), BOUND_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * `npm ci` runs `prisma generate` (ours) and, from @prisma/client's postinstall, `prisma -v`.
 * Both load prisma.config.ts; neither may open the embedded database: `-v` used to, and hung
 * for ever on PGlite's timer whenever the folder existed. Run here while another process holds
 * the folder, as in the walk where `npm ci` hung.
 */
describe.skipIf(process.env.CI_TEST_PASS === "postgres")("the Prisma CLI at install time", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-prisma-install-"));
  // Inside the project, or Prisma looks for a package.json above the schema and installs itself.
  fs.mkdirSync(path.join(ROOT, "node_modules/.cache"), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(ROOT, "node_modules/.cache/lb-prisma-install-"));
  let holder: ChildProcess | undefined;
  afterAll(async () => {
    if (holder) await stopProcess(holder, "SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it("prisma generate and prisma -v finish while a live process holds the PGlite folder", async () => {
    holder = spawnCli(["worker"], { PGLITE_DATA_DIR: dataDir });
    await waitForOutput(holder, "Transfer worker running", 60_000);
    const lock = path.join(dataDir, LOCK_FILE_NAME);
    const holderPid = holder.pid;

    // The project's schema, generated into a scratch folder so the suite's own client is not
    // rewritten under the other test files.
    const schema = fs
      .readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8")
      .replace(
        /engineType(\s*)= "client"/,
        `engineType$1= "client"\n  output = ${JSON.stringify(path.join(outDir, "client"))}`,
      );
    const schemaPath = path.join(outDir, "schema.prisma");
    fs.writeFileSync(schemaPath, schema);

    const env = { PGLITE_DATA_DIR: dataDir, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
    const generate = await runPrisma(["generate", "--schema", schemaPath], env);
    expect(generate.code, generate.output).toBe(0);
    expect(generate.output).toContain("Generated Prisma Client");
    expect(fs.existsSync(path.join(outDir, "client", "index.js"))).toBe(true);

    const version = await runPrisma(["-v"], env);
    expect(version.code, version.output).toBe(0);
    expect(version.output).toContain("pglite-prisma-adapter");

    // Neither touched the folder: the holder still runs and still owns it.
    expect(holder.exitCode).toBeNull();
    expect(JSON.parse(fs.readFileSync(lock, "utf8"))).toMatchObject({ pid: holderPid });
  }, 400_000);
});
