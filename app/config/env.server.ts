import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Anything else in the code reads
 * configuration from here, never from `process.env`, so the README's table is complete by
 * construction.
 */

// The Prisma CLI needs *some* URL to stay on the JS engine; treat that placeholder as "unset".
const EMBEDDED_PLACEHOLDER = "postgresql://pglite/embedded";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    DATABASE_URL: z.preprocess(
      (value) => (value === EMBEDDED_PLACEHOLDER ? undefined : emptyToUndefined(value)),
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    PGLITE_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("data/pglite")),
    SHOPIFY_API_KEY: optionalString,
    SHOPIFY_API_SECRET: optionalString,
    SHOPIFY_APP_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    SCOPES: z.preprocess(
      emptyToUndefined,
      z.string().default("read_orders,read_all_orders,read_customers,read_products"),
    ),
    LOCAL_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(16).default("local-demo-webhook-secret"),
    ),
    ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (value) => Buffer.from(value, "base64").length === 32,
          "must be 32 bytes, base64-encoded (openssl rand -base64 32)",
        )
        .optional(),
    ),
    ENCRYPTION_KEY_PREVIOUS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (value) => value.split(",").every((key) => Buffer.from(key.trim(), "base64").length === 32),
          "must be a comma-separated list of 32-byte base64 keys",
        )
        .optional(),
    ),
    SHOPIFY_ADMIN_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    // Where WooCommerce stores reach the app (wc-auth callback, webhooks); defaults to SHOPIFY_APP_URL.
    PUBLIC_APP_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    // Every ledger host is configurable so tests and the demo can point at the simulators.
    DINERO_API_BASE_URL: z.preprocess(emptyToUndefined, z.url().default("https://api.dinero.dk")),
    DINERO_AUTH_BASE_URL: z.preprocess(emptyToUndefined, z.url().default("https://connect.visma.com")),
    // Ledger Bridge's own Visma Connect client, for "Connect with Dinero" (authorization code flow).
    DINERO_CLIENT_ID: optionalString,
    DINERO_CLIENT_SECRET: optionalString,
    BILLY_API_BASE_URL: z.preprocess(emptyToUndefined, z.url().default("https://api.billysbilling.com/v2")),
    ECONOMIC_API_BASE_URL: z.preprocess(emptyToUndefined, z.url().default("https://restapi.e-conomic.com")),
    DYNACCOUNT_API_BASE_URL: z.preprocess(emptyToUndefined, z.url().default("https://api.dynaccount.com")),
    WORKER_IN_PROCESS: z.preprocess(
      emptyToUndefined,
      z
        .enum(["true", "false"])
        .default("true")
        .transform((value) => value === "true"),
    ),
    WORKER_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(4)),
    WORKER_LEASE_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(500).max(3_600_000).default(60_000),
    ),
    WORKER_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(60_000).default(1000)),
    // Retry backoff of a failed ledger call: doubles from the base up to the cap (with jitter).
    WORKER_RETRY_BASE_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(3_600_000).default(2_000),
    ),
    WORKER_RETRY_MAX_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(86_400_000).default(900_000),
    ),
    // How long a ledger may still store a write after our side gave up on it (see worker.server.ts).
    WORKER_WRITE_MARGIN_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(600_000).default(10_000),
    ),
    LEDGER_REQUESTS_PER_MINUTE: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(1_000_000).optional(),
    ),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    // Local mode only: the demo's in-process Shopify and ledger simulators (demo/).
    DEMO_SIMULATORS: z.preprocess(
      (value) => (typeof value === "string" ? emptyToUndefined(value.toLowerCase()) : value),
      z
        .enum(["on", "off"])
        .default("on")
        .transform((value) => value === "on"),
    ),
    // A deployment for WooCommerce stores only: no Shopify, no demo shop, no simulators.
    WOOCOMMERCE_ONLY: z.preprocess(
      emptyToUndefined,
      z
        .enum(["true", "false"])
        .default("false")
        .transform((value) => value === "true"),
    ),
    DEMO_LEDGER: z.preprocess(
      (value) => (typeof value === "string" ? emptyToUndefined(value.toLowerCase()) : value),
      z.enum(["dinero", "billy", "economic", "dynaccount"]).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const shopifyKeys = ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"] as const;
    const present = shopifyKeys.filter((key) => env[key] !== undefined);
    // Half-configured Shopify credentials must not silently fall back to local mode, where
    // authentication is replaced by the demo shop.
    if (present.length > 0 && present.length < shopifyKeys.length) {
      for (const key of shopifyKeys.filter((k) => env[k] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is required because ${present.join(", ")} ${present.length === 1 ? "is" : "are"} set`,
        });
      }
    }
    if (env.WOOCOMMERCE_ONLY) {
      // Without Shopify the app would otherwise fall back to local mode, whose demo shop needs no
      // login and whose simulator clients and private store addresses must never face the internet.
      for (const key of present) {
        ctx.addIssue({ code: "custom", path: [key], message: "must be unset when WOOCOMMERCE_ONLY=true" });
      }
      for (const key of ["ENCRYPTION_KEY", "PUBLIC_APP_URL"] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: "is required when WOOCOMMERCE_ONLY=true" });
        }
      }
      if (env.DEMO_LEDGER !== undefined) {
        ctx.addIssue({ code: "custom", path: ["DEMO_LEDGER"], message: "is for the local demo; unset it" });
      }
    }
    if (present.length > 0 && env.DEMO_LEDGER !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_LEDGER"],
        message: "connects the local demo shop only; unset it when Shopify credentials are configured",
      });
    }
    if (present.length === shopifyKeys.length && env.ENCRYPTION_KEY === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY"],
        message: "is required when Shopify credentials are configured (secrets are encrypted at rest)",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  /**
   * `shopify` with Shopify credentials; `woocommerce` with WOOCOMMERCE_ONLY=true (stores sign in
   * from WordPress, nothing else); `local` otherwise: the demo shop, no login, simulators.
   */
  readonly mode: "shopify" | "woocommerce" | "local";
  /** True in `local` mode only: the app serves the demo shop without any login. */
  readonly localMode: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  const env = result.data;
  return {
    ...env,
    PGLITE_DATA_DIR: env.PGLITE_DATA_DIR.startsWith("memory://")
      ? env.PGLITE_DATA_DIR
      : path.resolve(env.PGLITE_DATA_DIR),
    mode: env.SHOPIFY_API_KEY !== undefined ? "shopify" : env.WOOCOMMERCE_ONLY ? "woocommerce" : "local",
    localMode: env.SHOPIFY_API_KEY === undefined && !env.WOOCOMMERCE_ONLY,
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Sets variables the user left unset (empty counts as unset) and re-reads the environment on
 * the next `env()`. The local demo uses it to point the app at the simulators it started;
 * anything set explicitly wins.
 */
export function applyEnvDefaults(defaults: Record<string, string>): string[] {
  const applied: string[] = [];
  for (const [key, value] of Object.entries(defaults)) {
    if ((process.env[key] ?? "").trim() !== "") continue;
    process.env[key] = value;
    applied.push(key);
  }
  cached = undefined;
  return applied;
}

/** Tests change the environment between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
