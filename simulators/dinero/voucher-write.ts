import type { z } from "zod";
import type { SimResponse } from "../kit/router";
import type { RouteContext } from "./api-routes";
import { bind } from "./api-routes";
import { timestampOutdated, voucherNotFound } from "./dinero-error-bodies";
import type { VoucherKind, VoucherRecord } from "./simulator-state";
import { findVoucher, guidKind } from "./voucher-paths";

/** Dinero's answer for a `{guid}` that names no (undeleted) voucher of this kind. */
export function missingVoucher(kind: VoucherKind, { request }: RouteContext): SimResponse {
  return voucherNotFound(guidKind(kind), request.params.guid ?? "");
}

/**
 * What every write to one voucher checks first, in Dinero's order: the voucher exists, the body
 * binds to `schema`, and a Timestamp, when given, is still the voucher's (optimistic locking).
 * Schemas that require the Timestamp make it mandatory.
 */
export function voucherToWrite<T extends { Timestamp?: string | null | undefined } | null | undefined>(
  kind: VoucherKind,
  context: RouteContext,
  schema: z.ZodType<T>,
): { ok: true; voucher: VoucherRecord; input: T } | { ok: false; response: SimResponse } {
  const voucher = findVoucher(context.org, kind, context.request.params.guid);
  if (!voucher) return { ok: false, response: missingVoucher(kind, context) };
  const input = bind(schema, context.body);
  if (!input.ok) return input;
  if (input.value?.Timestamp && input.value.Timestamp !== voucher.TimeStamp) {
    return { ok: false, response: timestampOutdated() };
  }
  return { ok: true, voucher, input: input.value };
}
