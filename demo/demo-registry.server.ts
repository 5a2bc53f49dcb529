import type { DemoEnvironment } from "./demo-types";

/**
 * The demo environment of this process. The server starts it through its own module graph and
 * the Remix bundle has another copy of app/, so the object lives on globalThis (like the
 * Prisma client and the worker registry).
 */
declare global {
  var ledgerBridgeDemo: DemoEnvironment | undefined;
}

export function currentDemo(): DemoEnvironment | undefined {
  return globalThis.ledgerBridgeDemo;
}

export function registerDemo(demo: DemoEnvironment | undefined): void {
  globalThis.ledgerBridgeDemo = demo;
}
