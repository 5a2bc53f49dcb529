import type { z } from "zod";
import type { SimRequest, SimResponse, SimRouter } from "../kit/router";
import { missingModel, validationError } from "./dinero-error-bodies";
import type { OpenApiRequestValidator } from "./openapi-request-validator";
import type { DineroSimulatorState, OrganizationState } from "./simulator-state";

/**
 * Registers Dinero routes by their OpenAPI path (`/v1.2/{organizationId}/invoices/{guid}`), so the
 * exact per-endpoint version is written once and the request body is validated against that very
 * operation in the spec before the handler runs.
 */

export interface RouteContext {
  request: SimRequest;
  org: OrganizationState;
  state: DineroSimulatorState;
  /** The parsed JSON body (undefined when the operation takes none). */
  body: unknown;
}

export type RouteHandler = (context: RouteContext) => SimResponse;

export class DineroApiRoutes {
  constructor(
    private readonly router: SimRouter,
    readonly state: DineroSimulatorState,
    private readonly validator: OpenApiRequestValidator | undefined,
  ) {}

  on(
    method: "GET" | "POST" | "PUT" | "DELETE",
    specPath: string,
    handler: RouteHandler,
    options: { body?: "required" | "optional" } = {},
  ): this {
    const pattern = specPath.replace(/\{([^}]+)\}/g, ":$1");
    this.router.on(method, pattern, (request) => {
      const org = this.state.organizations.get(Number(request.params.organizationId));
      if (!org) return { status: 403, body: { code: 41, message: "Unauthorized" } };
      let body: unknown;
      if (options.body) {
        const isJson = (request.header("content-type") ?? "").toLowerCase().includes("json");
        if (request.rawBody.length === 0 || !isJson) {
          if (options.body === "required") return missingModel();
        } else {
          body = request.json();
          const issues = this.validator?.validate(method, specPath, body) ?? [];
          if (issues.length > 0) return validationError(issues);
        }
      }
      return handler({ request, org, state: this.state, body });
    });
    return this;
  }

  /** Routes outside any organisation (e.g. `GET /v1/organizations`). */
  onGlobal(method: "GET", specPath: string, handler: (request: SimRequest) => SimResponse): this {
    this.router.on(method, specPath, handler);
    return this;
  }
}

/** Model binding after schema validation: turns the body into typed input or Dinero's 400. */
export function bind<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; response: SimResponse } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: validationError(
      parsed.error.issues.map((issue) => ({
        property: issue.path
          .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
          .join(".")
          .replace(/\.\[/g, "["),
        message: issue.message,
      })),
    ),
  };
}

export function ok(body?: unknown): SimResponse {
  return body === undefined ? { status: 200 } : { status: 200, body };
}

export function nowIso(): string {
  return new Date().toISOString();
}
