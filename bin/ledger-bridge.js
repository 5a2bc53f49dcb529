#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so operators need no build step
// for commands; `start` builds the web bundle itself when it is missing or stale.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../cli/run-cli.ts");
await runCli(process.argv.slice(2));
