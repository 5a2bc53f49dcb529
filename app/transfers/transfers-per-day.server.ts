import type { PrismaClient } from "@prisma/client";
import { APP_TIME_ZONE, calendarDay } from "./time-zone";

export interface TransfersOnDay {
  /** Calendar day (YYYY-MM-DD) in the app's time zone. */
  day: string;
  succeeded: number;
  failed: number;
}

/**
 * Finished transfers per day for the chart, oldest first, one entry for every one of the last
 * `days` days (today included) even when nothing finished that day. A job counts on the day it
 * last finished, under its current status: a failure retried into a success counts once, as a
 * success.
 */
export async function transfersPerDay(
  db: PrismaClient,
  shopId: string,
  days: number,
  options: { now?: Date; timeZone?: string } = {},
): Promise<TransfersOnDay[]> {
  const span = Math.min(Math.max(Math.trunc(days), 1), 366);
  const timeZone = options.timeZone ?? APP_TIME_ZONE;
  const now = options.now ?? new Date();
  const today = calendarDay(now, timeZone);
  const first = addDays(today, -(span - 1));
  // A day more than asked on the UTC side covers every offset; the day grouping trims it.
  const since = new Date(Date.parse(`${first}T00:00:00Z`) - 24 * 60 * 60 * 1000);
  // "finishedAt" is a UTC timestamp without zone: read it as UTC, then as the local calendar day.
  const rows = await db.$queryRaw<Array<{ day: string; succeeded: number; failed: number }>>`
    SELECT to_char((("finishedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
           count(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM "Job"
     WHERE "shopId" = ${shopId}
       AND kind <> 'payout'
       AND status IN ('succeeded', 'failed')
       AND "finishedAt" >= ${since}
     GROUP BY 1`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: span }, (_, index) => {
    const day = addDays(first, index);
    const found = byDay.get(day);
    return { day, succeeded: found?.succeeded ?? 0, failed: found?.failed ?? 0 };
  });
}

function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
