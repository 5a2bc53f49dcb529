import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { LOCAL_SHOP_DOMAIN } from "../app/auth/local-shop.server";
import { env } from "../app/config/env.server";
import type { DemoEnvironment } from "../demo/demo-types";
import { connectLocalDemoStores, startLocalDemo } from "../demo/start-local-demo.server";
import { databaseTarget } from "../app/db/driver-adapter.server";
import { disconnectDatabase, prepareDatabase, prisma } from "../app/db/prisma.server";
import { log } from "../app/lib/log.server";
import { refuseOddInput } from "../app/lib/request-input-guard";
import { upsertInstalledShop } from "../app/shops/shop-repo.server";
import { shopifyWebhookFastPath } from "../app/webhooks/fast-path/shopify-fast-path.server";
import { answerFaviconQuietly, withQuietNotFound } from "./quiet-not-found";
import { startWorker } from "./start-worker";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SERVER_BUILD_PATH = path.join(ROOT, "build/server/index.js");

export interface StartedServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts the app: validates configuration, migrates the database, then serves the Remix app
 * (the production build, or Vite in middleware mode with `dev`).
 */
export async function startServer(options: { dev?: boolean; port?: number } = {}): Promise<StartedServer> {
  const config = env();
  const { applied } = await prepareDatabase();
  if (applied.length > 0) log.info("database migrated", { applied });
  const localShop = config.localMode
    ? await upsertInstalledShop({ platform: "shopify", domain: LOCAL_SHOP_DOMAIN })
    : undefined;
  // Before the web bundle and the worker read their configuration: the demo points them at its
  // simulators.
  const demo = localShop && config.DEMO_SIMULATORS ? await startLocalDemo(prisma(), localShop) : undefined;
  try {
    const started = await serve(options, demo);
    // The demo's WooCommerce store delivers its webhooks to the app: connected once it listens.
    if (demo && localShop) await connectLocalDemoStores(prisma(), demo, localShop);
    return started;
  } catch (error) {
    await demo?.close();
    throw error;
  }
}

async function serve(
  options: { dev?: boolean; port?: number },
  demo: DemoEnvironment | undefined,
): Promise<StartedServer> {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  // Before any route, static file or Vite: odd addresses are refused in this one place.
  app.use((req, res, next) => {
    const refused = refuseOddInput(req.originalUrl, Object.entries(req.headers));
    if (!refused) return next();
    res.status(refused.status).type("text/plain").send(refused.reason);
  });
  // Shopify's order webhooks are answered here, on the bare request, not by the page framework:
  // they are the load that arrives in bursts and must be answered within Shopify's 5 s.
  app.use(shopifyWebhookFastPath());
  answerFaviconQuietly(app);
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite: (() => Promise<void>) | undefined;
  if (options.dev) {
    const vite = await import("vite");
    const devServer = await vite.createServer({ root: ROOT, server: { middlewareMode: true } });
    closeVite = () => devServer.close();
    app.use(devServer.middlewares);
    build = async () =>
      withQuietNotFound((await devServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild);
  } else {
    if (!fs.existsSync(SERVER_BUILD_PATH)) {
      throw new Error(
        "No production build found: run `npm run build` (or `npm start`, which builds when needed)",
      );
    }
    app.use(
      "/assets",
      express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }),
    );
    app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h" }));
    build = withQuietNotFound((await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild);
  }
  app.all(
    "*",
    createRequestHandler({
      build,
      // The TCP peer, for per-client limits on unauthenticated routes (not a spoofable header).
      getLoadContext: (req) => ({ clientAddress: req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  // The worker runs inside the web process by default; `ledger-bridge worker` scales it out.
  const stopWorker = config.WORKER_IN_PROCESS ? startWorker(config.WORKER_CONCURRENCY) : undefined;

  const port = options.port ?? config.PORT;
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, config.HOST, () => resolve(listening));
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://localhost:${actualPort}`;
  if (demo) demo.appUrl = `http://${loopbackHost(config.HOST)}:${actualPort}`;
  log.info("Ledger Bridge is listening", {
    url,
    mode: config.localMode ? "local demo" : config.mode,
    database: databaseTarget().kind,
  });
  return {
    url,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopWorker?.();
      await demo?.close();
      await closeVite?.();
      await disconnectDatabase();
    },
  };
}

/** Where this process reaches its own server (the demo sends webhooks to itself). */
function loopbackHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
