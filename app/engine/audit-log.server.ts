import type { Prisma, PrismaClient } from "@prisma/client";

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
}

export async function appendAudit(db: PrismaClient, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      shopId: entry.shopId,
      orderId: entry.orderId,
      jobId: entry.jobId ?? null,
      step: entry.step,
      level: entry.level,
      message: entry.message,
      ...(entry.data === undefined ? {} : { data: entry.data }),
    },
  });
}

export async function auditTrail(db: PrismaClient, shopId: string, orderId: string) {
  return db.auditEntry.findMany({ where: { shopId, orderId }, orderBy: { id: "asc" } });
}
