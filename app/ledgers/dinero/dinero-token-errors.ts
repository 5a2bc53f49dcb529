import { z } from "zod";
import { ledgerHttpError } from "../http-failure";
import type { LedgerError } from "../ledger-error";
import type { DineroResponseFailure } from "./dinero-error-body";
import { dineroErrorFromResponse } from "./dinero-errors";

export type DineroGrant = "apiKey" | "authorizationCode" | "refreshToken";

const GRANT_KEYS = {
  apiKey: "ledgerError.dinero.apiKey",
  refreshToken: "ledgerError.dinero.loginExpired",
  authorizationCode: "ledgerError.dinero.connectFailed",
} as const;

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().nullish() });

/** Token hosts answer RFC 6749 errors (`{ error: "invalid_grant" }`), not Dinero's API shape. */
export function dineroErrorFromTokenResponse(
  failure: DineroResponseFailure,
  grant: DineroGrant,
): LedgerError {
  if (failure.status === 429 || failure.status >= 500) {
    return dineroErrorFromResponse(failure, { operation: "token request" });
  }
  let parsed: z.infer<typeof oauthErrorSchema> | undefined;
  try {
    parsed = oauthErrorSchema.safeParse(JSON.parse(failure.text)).data;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error ?? "";
  const messageKey =
    error === "invalid_client" || error === "unauthorized_client"
      ? "ledgerError.dinero.badClient"
      : GRANT_KEYS[grant];
  const described = parsed?.error_description ? ` — ${parsed.error_description}` : "";
  return ledgerHttpError(
    "dinero",
    {
      status: failure.status,
      reason: "",
      detail: `token request (${grant}): HTTP ${failure.status} ${error}${described}`,
      providerCode: error || undefined,
      retryAfterMs: 0,
      authKey: messageKey,
    },
    { kind: "authentication", messageKey },
  );
}
