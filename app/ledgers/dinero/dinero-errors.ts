import type { NetworkContext } from "../http-failure";
import { ledgerHttpError, ledgerNetworkError, parseRetryAfter, reading } from "../http-failure";
import type { LedgerError } from "../ledger-error";
import type { DineroErrorBody, DineroResponseFailure } from "./dinero-error-body";
import {
  DINERO_ERROR_CODE as C,
  collectMessages,
  hasIssue,
  mentions,
  parseDineroErrorBody,
} from "./dinero-error-body";

export { DINERO_ERROR_CODE } from "./dinero-error-body";
export const DINERO_PROVIDER = "dinero";

/** `operation` is for logs; `sentGuid` lets a duplicate name the record we created before. */
export interface DineroErrorContext {
  operation: string;
  sentGuid?: string;
}

export function dineroErrorFromResponse(f: DineroResponseFailure, context: DineroErrorContext): LedgerError {
  const body = parseDineroErrorBody(f.text);
  const code = body?.code ?? undefined;
  const messages = collectMessages(body);
  const said = messages.length ? messages.join("; ") : f.text.slice(0, 200);
  const failure = {
    status: f.status,
    reason: messages.slice(0, 3).join("; "),
    providerCode: code === undefined ? undefined : String(code),
    detail: `${context.operation}: HTTP ${f.status}${code === undefined ? "" : ` code ${code}`}${said ? ` — ${said}` : ""}`,
    retryAfterMs: parseRetryAfter(f.headers.get("retry-after")) ?? 60_000,
    authKey: f.status === 401 ? "ledgerError.dinero.unauthorized" : "ledgerError.dinero.noAccess",
  } as const;
  return ledgerHttpError("dinero", failure, dineroReading(f.status, code, body, context.sentGuid));
}

/** What Dinero's codes and words say beyond the status; undefined leaves it to the status. */
function dineroReading(status: number, code?: number, body?: DineroErrorBody, guid?: string) {
  if (status === 403 && (code === C.noPro || code === C.noProLegacy)) {
    return reading("authentication", "ledgerError.dinero.noPro");
  }
  if (status === 401 || status === 403 || status === 429) return undefined;
  if (status === 409 || code === C.duplicatedEntity || mentions(body, /guidMustBeUnique/i)) {
    return reading("conflict", "ledgerError.existingUsed", guid ? { existingId: guid } : {});
  }
  if (code === C.timestampOutdated) return reading("conflict", "ledgerError.changedMeanwhile");
  if (hasIssue(body, "Number", /in use|taken|already/i))
    return reading("conflict", "ledgerError.numberTaken");
  if (mentions(body, /already booked/i)) return reading("conflict", "ledgerError.alreadyBooked");
  if (status === 413) return reading("validation", "ledgerError.tooLarge", { params: { limit: "6 MB" } });
  const gone = code === C.voucherNotFound || code === C.notFound;
  if (status === 400 && gone) return reading("validation", "ledgerError.notFound");
  // Brownout: Dinero randomly fails a deprecated endpoint before removing it; a retry may pass.
  return status === 480 ? reading("unavailable", "ledgerError.retiring") : undefined;
}

/** Timeouts and connection failures: the request may or may not have reached Dinero. */
export const dineroErrorFromNetwork = (error: unknown, context: NetworkContext): LedgerError =>
  ledgerNetworkError("dinero", error, context);
