import { z } from "zod";

/**
 * Gateway name → a value per gateway (a deposit account, days of terms). A gateway may be called
 * anything a platform sends — "constructor", "__proto__" and "toString" too — so this is not
 * zod's record (which drops a "__proto__" key) and the result has no prototype: a lookup finds
 * only what the merchant set.
 */
export function gatewayMap<T>(
  input: z.ZodUnknown,
  valueSchema: z.ZodType<T>,
  limits: { max: number; expected: string; tooMany: string },
) {
  return input.transform((value, ctx): Readonly<Record<string, T>> => {
    const result = Object.create(null) as Record<string, T>;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.issues.push({ code: "custom", message: limits.expected, input: value });
      return z.NEVER;
    }
    const names = Object.keys(value);
    if (names.length > limits.max) {
      ctx.issues.push({ code: "custom", message: limits.tooMany, input: value });
      return z.NEVER;
    }
    for (const name of names) {
      if (name.length === 0 || name.length > 200) {
        ctx.issues.push({
          code: "custom",
          message: "A gateway name has 1 to 200 characters",
          path: [name],
          input: name,
        });
        continue;
      }
      const parsed = valueSchema.safeParse((value as Record<string, unknown>)[name]);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.issues.push({ code: "custom", message: issue.message, path: [name], input: issue.input });
        }
        continue;
      }
      result[name] = parsed.data;
    }
    return result;
  });
}
