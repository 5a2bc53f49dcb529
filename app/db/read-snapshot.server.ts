import { Prisma } from "@prisma/client";
import type { PrismaClient } from "@prisma/client";

/**
 * Runs several reads against one snapshot. A page that reads the shop and its jobs in separate
 * statements can otherwise see a job already failed but the shop not yet paused (the worker
 * commits both together), show no banner, and stop refreshing.
 */
export function readSnapshot<T>(
  db: PrismaClient,
  read: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(read, { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
}
