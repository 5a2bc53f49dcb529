import { z } from "zod";

/**
 * Dinero's error bodies: `{ code, message, validationErrors, languageSpecificMessages }`, some
 * endpoints in PascalCase, some with only an `errorMessageList`. Read here into Dinero's own words.
 */
/** Dinero's documented and client-observed error codes. */
export const DINERO_ERROR_CODE = {
  notFound: 40,
  unauthorized: 41,
  validation: 42,
  limitExceeded: 43,
  noProLegacy: 48,
  timestampOutdated: 58,
  voucherNotFound: 63,
  duplicatedEntity: 72,
  noPro: 90,
} as const;

export interface DineroResponseFailure {
  status: number;
  headers: Headers;
  text: string;
}

const errorBodySchema = z.object({
  code: z.coerce.number().nullish(),
  message: z.string().nullish(),
  validationErrors: z.record(z.string(), z.unknown()).nullish(),
  languageSpecificMessages: z
    .array(z.object({ property: z.string().nullish(), message: z.string().nullish() }))
    .nullish(),
  errorMessageList: z
    .array(z.object({ Code: z.unknown().nullish(), Message: z.string().nullish() }))
    .nullish(),
});

export type DineroErrorBody = z.infer<typeof errorBodySchema>;

export function parseDineroErrorBody(text: string): DineroErrorBody | undefined {
  try {
    const parsed = errorBodySchema.safeParse(lowerFirstKeys(JSON.parse(text)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Dinero's messages, field-named where it names the field ("Date: Invalid date"). */
export function collectMessages(body: DineroErrorBody | undefined): string[] {
  if (!body) return [];
  const messages: string[] = [];
  for (const [property, value] of Object.entries(body.validationErrors ?? {})) {
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    messages.push(property.startsWith("globalErrors") ? text : `${property}: ${text}`);
  }
  if (messages.length === 0) {
    for (const entry of body.languageSpecificMessages ?? []) if (entry.message) messages.push(entry.message);
    for (const entry of body.errorMessageList ?? []) if (entry.Message) messages.push(entry.Message);
  }
  if (messages.length === 0 && body.message) messages.push(body.message);
  return [...new Set(messages)];
}

export function mentions(body: DineroErrorBody | undefined, pattern: RegExp): boolean {
  return (
    collectMessages(body).some((message) => pattern.test(message)) ||
    Object.keys(body?.validationErrors ?? {}).some((key) => pattern.test(key))
  );
}

export function hasIssue(body: DineroErrorBody | undefined, property: string, pattern: RegExp): boolean {
  const value = body?.validationErrors?.[property];
  return value !== undefined && pattern.test(Array.isArray(value) ? value.join(" ") : String(value));
}

/** Some Dinero endpoints answer `Code`/`Message`; normalise to the usual camelCase keys. */
function lowerFirstKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), inner]),
  );
}
