import type { SimHandler, SimRequest, SimResponse, SimRouter } from "../kit/router";
import { FilterSyntaxError, filterFields, matchesFilter, parseFilter } from "./economic-filter";
import { legacyError, notFoundError } from "./economic-sim-errors";
import type { Json } from "./economic-sim-state";

/** Helpers shared by the simulator's routes: self links, collections, references, amounts. */

/** Self links point back at whatever host the client used, like restapi.e-conomic.com does. */
export function baseUrl(request: SimRequest): string {
  return `http://${request.header("host") ?? "127.0.0.1"}`;
}

export const MAX_PAGE_SIZE = 1000;

/** Renders a paged, filtered collection: `{ collection, pagination, self }`. */
export function collection(
  request: SimRequest,
  items: Json[],
  options: { path: string; filterable: readonly string[] },
): SimResponse {
  const pageSize = Number(request.query.get("pagesize") ?? "20");
  const skipPages = Number(request.query.get("skippages") ?? "0");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return legacyError(400, `The pagesize must be between 1 and ${MAX_PAGE_SIZE}.`, "Lower the pagesize.", {
      errorCode: "E04810",
    });
  }
  let filtered = items;
  const filterText = request.query.get("filter");
  if (filterText) {
    try {
      const filter = parseFilter(filterText);
      const notAllowed = filterFields(filter).filter((field) => !options.filterable.includes(field));
      if (notAllowed.length > 0) {
        return legacyError(
          400,
          "Could not parse query string filter.",
          "Filter only on the allowed fields.",
          {
            errors: notAllowed.map((field) => `Filtering is not allowed on property '${field}'.`),
            allowedFilteringFields: options.filterable,
          },
        );
      }
      filtered = items.filter((item) => matchesFilter(filter, item));
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      return legacyError(
        400,
        "Could not parse query string filter.",
        "Check the filter syntax and escaping.",
        {
          errors: [error.message],
        },
      );
    }
  }
  const base = `${baseUrl(request)}${options.path}`;
  const link = (page: number) =>
    `${base}?skippages=${page}&pagesize=${pageSize}${filterText ? `&filter=${encodeURIComponent(filterText)}` : ""}`;
  const lastPage = Math.max(0, Math.ceil(filtered.length / pageSize) - 1);
  return {
    status: 200,
    body: {
      collection: filtered.slice(skipPages * pageSize, (skipPages + 1) * pageSize),
      pagination: {
        skipPages,
        pageSize,
        maxPageSizeAllowed: MAX_PAGE_SIZE,
        results: filtered.length,
        resultsWithoutFilter: items.length,
        firstPage: link(0),
        ...(skipPages < lastPage ? { nextPage: link(skipPages + 1) } : {}),
        lastPage: link(lastPage),
      },
      self: link(skipPages),
    },
  };
}

/** A resource read the same way everywhere: listed as a collection at `path`, one at `path/:key`. */
export interface ReadableResource<T> {
  path: string;
  filterable: readonly string[];
  all: () => T[];
  find: (key: string) => T | undefined;
  /** `single`: the item on its own, not inside a collection. */
  render: (item: T, base: string, single: boolean) => Json;
  /** Named in the 404, e.g. "Customer". */
  noun: string;
}

export function registerReadRoutes<T>(
  router: SimRouter,
  api: (handler: SimHandler) => SimHandler,
  resource: ReadableResource<T>,
): void {
  const { path, filterable } = resource;
  router.on(
    "GET",
    path,
    api((request) =>
      collection(
        request,
        resource.all().map((item) => resource.render(item, baseUrl(request), false)),
        { path, filterable },
      ),
    ),
  );
  router.on(
    "GET",
    `${path}/:key`,
    api((request) => {
      const item = resource.find(request.params.key ?? "");
      return item
        ? { status: 200, body: resource.render(item, baseUrl(request), true) }
        : notFoundError(resource.noun);
    }),
  );
}

export function created(body: Json): SimResponse {
  return { status: 201, headers: { Location: String(body.self) }, body };
}

/** Reads a reference given as `{ <key>: n }` or `{ self: ".../n" }`, as the API accepts both. */
export function referenceNumber(reference: unknown, key: string): number | undefined {
  if (!reference || typeof reference !== "object") return undefined;
  const record = reference as Json;
  const direct = record[key];
  if (typeof direct === "number") return direct;
  if (typeof record.self === "string") {
    const last = record.self.split("?")[0]?.split("/").filter(Boolean).pop();
    const number = Number(last);
    return Number.isInteger(number) ? number : undefined;
  }
  return undefined;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Integer hundredths of a JSON number, or undefined when it has more than two decimals. */
export function toHundredths(value: number): number | undefined {
  const scaled = Math.round(value * 100);
  return Math.abs(scaled - value * 100) < 1e-6 ? scaled : undefined;
}

export function fromHundredths(value: number): number {
  return value / 100;
}

/** Rounds half away from zero, as money is rounded on invoices. */
export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function nowStamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}
