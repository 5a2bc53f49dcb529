import type { HandleErrorFunction, ServerBuild } from "@remix-run/node";
import type { Express } from "express";
import { log } from "../app/lib/log.server";

/**
 * Browsers ask every site for /favicon.ico. The admin shows Shopify's icon, so there is none to
 * serve: "no content", cached for a day, instead of a trip through Remix.
 */
export function answerFaviconQuietly(app: Express): void {
  app.get("/favicon.ico", (_req, res) => {
    res.status(204).set("Cache-Control", "public, max-age=86400").end();
  });
}

/**
 * Remix reports an address no route matches through the build's handleError, whose default
 * prints the whole stack (19 lines per request). Such a 404 is the visitor's miss, not the app's
 * fault: one info line. Every other error still reaches the app's own handler or the default.
 */
export function withQuietNotFound(build: ServerBuild): ServerBuild {
  const original = build.entry.module.handleError;
  const handleError: HandleErrorFunction = (error, args) => {
    if (isUnmatchedRoute(error)) {
      const url = new URL(args.request.url);
      log.info("no route matches", { method: args.request.method, path: url.pathname, status: 404 });
      return;
    }
    if (original) return original(error, args);
    if (!args.request.signal.aborted) console.error(internalError(error) ?? error);
  };
  return { ...build, entry: { ...build.entry, module: { ...build.entry.module, handleError } } };
}

/** Remix's own "No route matches URL" answer: an internal 404 error response. */
function isUnmatchedRoute(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const response = error as { status?: unknown; internal?: unknown };
  return response.status === 404 && response.internal === true;
}

function internalError(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("internal" in error)) return undefined;
  return (error as { error?: unknown }).error;
}
