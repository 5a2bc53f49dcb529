import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTES = path.join(ROOT, "app/routes");

/**
 * The app's routes read from app/routes (Remix flat routes), so the hostile-input and isolation
 * suites cover a route the day it is added instead of when someone remembers it.
 */
export interface RouteFile {
  /** File name in app/routes, e.g. "webhooks.orders.paid.tsx". */
  file: string;
  /** URL pattern, e.g. "/webhooks/orders/paid", "/api/orders/:orderId/transfer". */
  pattern: string;
  /** Dynamic segments in order, e.g. ["orderId"]. */
  params: string[];
  source: string;
}

export function routeFiles(): RouteFile[] {
  return fs
    .readdirSync(ROUTES)
    .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file))
    .sort()
    .map((file) => {
      const segments = file
        .replace(/\.(ts|tsx)$/, "")
        .split(".")
        .filter((segment) => segment !== "_index" && !segment.startsWith("_"));
      const params: string[] = [];
      const parts = segments.map((segment) => {
        if (segment === "$") {
          params.push("*");
          return "*";
        }
        if (segment.startsWith("$")) {
          params.push(segment.slice(1));
          return `:${segment.slice(1)}`;
        }
        return segment;
      });
      return {
        file,
        pattern: `/${parts.join("/")}`,
        params,
        source: fs.readFileSync(path.join(ROUTES, file), "utf8"),
      };
    });
}

/** Fills a pattern's dynamic segments in order. */
export function routeUrl(route: RouteFile, values: Record<string, string>): string {
  return route.pattern.replace(/:([A-Za-z]+)|\*/g, (_, name: string | undefined) =>
    encodeURIComponent(values[name ?? "*"] ?? ""),
  );
}

export interface WebhookSubscription {
  uri: string;
  topics: string[];
  compliance: boolean;
}

/** The `[[webhooks.subscriptions]]` of shopify.app.toml (uri and topics). */
export function shopifySubscriptions(): WebhookSubscription[] {
  const toml = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block) => {
      const uri = /^\s*uri\s*=\s*"([^"]+)"/m.exec(block)?.[1] ?? "";
      const topics = /^\s*(compliance_)?topics\s*=\s*\[([^\]]*)\]/m.exec(block);
      return {
        uri,
        topics: [...(topics?.[2] ?? "").matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? ""),
        compliance: Boolean(topics?.[1]),
      };
    });
}
