import { z } from "zod";

/**
 * Billy's error body: `{ meta: { statusCode, success: false }, errorMessage, errorCode, errorTime,
 * helpUrl }`; validation failures (422) add `validationErrors: { <record>: { message, attributes } }`.
 */
const errorBodySchema = z.object({
  errorMessage: z.string().nullish(),
  errorCode: z.string().nullish(),
  validationErrors: z
    .record(
      z.string(),
      z.object({
        message: z.string().nullish(),
        attributes: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .nullish(),
});

export interface BillyErrorBody {
  errorMessage?: string;
  errorCode?: string;
  /** Per field (`contactId`, `lines.0.productId`), Billy's message. */
  attributes: Record<string, string>;
  /** Billy's words on what was wrong: the field messages, else the record messages, else the error. */
  reason: string;
}

export function parseBillyErrorBody(text: string): BillyErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { attributes: {}, reason: "" };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { attributes: {}, reason: "" };
  const attributes: Record<string, string> = {};
  const messages: string[] = [];
  for (const record of Object.values(parsed.data.validationErrors ?? {})) {
    for (const [key, value] of Object.entries(record.attributes ?? {})) {
      if (typeof value === "string") attributes[key] = value;
    }
    if (record.message) messages.push(record.message);
  }
  const attributeMessages = Object.values(attributes);
  const parts =
    attributeMessages.length > 0
      ? attributeMessages
      : messages.length > 0
        ? messages
        : [parsed.data.errorMessage ?? ""];
  return {
    ...(parsed.data.errorMessage ? { errorMessage: parsed.data.errorMessage } : {}),
    ...(parsed.data.errorCode ? { errorCode: parsed.data.errorCode } : {}),
    attributes,
    reason: [...new Set(parts.filter(Boolean))].join(" ").trim(),
  };
}
