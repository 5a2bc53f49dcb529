import { disconnectDatabase } from "../app/db/prisma.server";
import { main } from "./main";

/** Printed when something still holds the process open after the command was disposed. */
export const LINGERING_MARKER = "ledger-bridge: the command finished, but";

const LINGER_GRACE_MS = 3_000;

/**
 * The process around one CLI command. Whatever path the command took (answer, usage error,
 * exception), the database it opened is closed here: PGlite keeps a timer running and a
 * PostgreSQL pool keeps idle sockets, either of which held `shops list` open after its answer.
 * `start` and `worker` only return once they were told to stop, and land here too.
 */
export async function runCli(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = 1;
  }
  try {
    await disconnectDatabase();
  } catch (error) {
    process.stderr.write(`ledger-bridge: closing the database failed: ${String(error)}\n`);
    code ||= 1;
  }
  process.exitCode = code;
  exitIfSomethingLingers(code);
}

/**
 * A safety net, not the mechanism: should a command leave a timer or socket behind, the operator
 * still gets the prompt back, and the line names what was left so it gets fixed (the CLI exit
 * tests fail on it).
 */
function exitIfSomethingLingers(code: number): void {
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== "TTYWrap" && kind !== "PipeWrap");
    process.stderr.write(
      `${LINGERING_MARKER} ${open.join(", ") || "something"} kept the process open; exiting.\n`,
    );
    process.exit(code);
  }, LINGER_GRACE_MS).unref();
}
