import type { SimRequest } from "../kit/router";
import { SimValidationError } from "./sim-errors";

/** Billy's request envelope: one root key named after the singular resource. */
export class SimBadBodyError extends Error {}

export function readRoot(request: SimRequest, root: string): Record<string, unknown> {
  const body = request.json();
  if (!isObject(body)) throw new SimBadBodyError();
  const record = body[root];
  if (!isObject(record)) throw new SimBadBodyError();
  return record;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads and checks properties of one record, collecting every problem so a single 422 names
 * all of them, as Billy's per-attribute `validationErrors` do.
 */
export class FieldReader {
  readonly errors: Record<string, string> = {};

  constructor(
    readonly root: string,
    readonly data: Record<string, unknown>,
  ) {}

  has(name: string): boolean {
    return this.data[name] !== undefined;
  }

  fail(name: string, message: string): void {
    this.errors[name] ??= message;
  }

  string(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.data[name];
    if (value === undefined || value === null || value === "") {
      if (options.required) this.fail(name, `${name} is required.`);
      return undefined;
    }
    if (typeof value === "number") return String(value);
    if (typeof value !== "string") {
      this.fail(name, `${name} must be a string.`);
      return undefined;
    }
    return value;
  }

  number(name: string, options: { required?: boolean } = {}): number | undefined {
    const value = this.data[name];
    if (value === undefined || value === null) {
      if (options.required) this.fail(name, `${name} is required.`);
      return undefined;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.fail(name, `${name} must be a number.`);
      return undefined;
    }
    return value;
  }

  integer(name: string, options: { required?: boolean } = {}): number | undefined {
    const value = this.number(name, options);
    if (value !== undefined && !Number.isInteger(value)) {
      this.fail(name, `${name} must be an integer.`);
      return undefined;
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.data[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") {
      this.fail(name, `${name} must be true or false.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.fail(name, `${name} must be one of: ${values.join(", ")}.`);
      return undefined;
    }
    return value as T;
  }

  date(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.string(name, options);
    if (value === undefined) return undefined;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      this.fail(name, `${name} must be a date (YYYY-MM-DD).`);
      return undefined;
    }
    return value;
  }

  array(name: string): Record<string, unknown>[] | undefined {
    const value = this.data[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every(isObject)) {
      this.fail(name, `${name} must be an array of objects.`);
      return undefined;
    }
    return value;
  }

  /** Properties the API refuses to change once the record exists. */
  immutable(names: string[], reason: string): void {
    for (const name of names) if (this.has(name)) this.fail(name, reason.replace("{name}", name));
  }

  done(message?: string): void {
    if (Object.keys(this.errors).length > 0) throw new SimValidationError(this.root, this.errors, message);
  }
}
