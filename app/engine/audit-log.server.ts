import type { Prisma, PrismaClient } from "@prisma/client";
import type { AuditText } from "../i18n/audit-text";
import { withAuditText } from "../i18n/audit-text";
import { originalJson, originalText, storableJson, storableText } from "../lib/storable-text";

export type AuditLevel = "info" | "warn" | "error";

export interface AuditInput {
  shopId: string;
  orderId: string;
  jobId?: string;
  /** customer, products, invoice, book, payment, email, creditNote, refund, queue, … */
  step: string;
  level: AuditLevel;
  message: string;
  /** Ledger ids and numbers, error kinds — never credentials. */
  data?: Prisma.InputJsonValue;
  /** `message` as a catalogue key, for the order page in the merchant's language. */
  messageText?: AuditText;
}

/**
 * Messages and data quote the buyer's text (names, SKUs, what a ledger refused), so both are
 * written in storable form: an audit entry never fails, and never fails the step it records.
 */
export async function appendAudit(db: PrismaClient, entry: AuditInput): Promise<void> {
  const data = withAuditText(entry.data, entry.messageText) as Prisma.InputJsonValue | undefined;
  await db.auditEntry.create({
    data: {
      shopId: entry.shopId,
      orderId: entry.orderId,
      jobId: entry.jobId ?? null,
      step: entry.step,
      level: entry.level,
      message: storableText(entry.message),
      ...(data === undefined ? {} : { data: storableJson(data) }),
    },
  });
}

/** An order's audit entries, oldest first, with the platform's text as it was sent (decoded from storage). */
export async function auditTrail(db: PrismaClient, shopId: string, orderId: string) {
  const entries = await db.auditEntry.findMany({ where: { shopId, orderId }, orderBy: { id: "asc" } });
  return entries.map((entry) => ({
    ...entry,
    message: originalText(entry.message),
    data: entry.data === null ? null : originalJson(entry.data),
  }));
}
