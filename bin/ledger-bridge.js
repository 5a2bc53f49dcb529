#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so operators need no build step
// for commands; `start` builds the web bundle itself when it is missing or stale.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
