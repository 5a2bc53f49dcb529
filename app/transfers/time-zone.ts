/**
 * The merchants are Danish and so are their books: days in the chart and times on the pages are
 * Copenhagen time, the same on the server and in the browser (no hydration mismatch).
 */
export const APP_TIME_ZONE = "Europe/Copenhagen";

/** The UTC instant a calendar day (YYYY-MM-DD) starts at in `timeZone`. */
export function startOfDay(day: string, timeZone: string = APP_TIME_ZONE): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnightUtc)) throw new RangeError(`not a date: ${day}`);
  // Two passes settle the offset on days where it changes (summer time).
  let instant = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
  instant = midnightUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The last millisecond of a calendar day in `timeZone`. */
export function endOfDay(day: string, timeZone: string = APP_TIME_ZONE): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(startOfDay(next.toISOString().slice(0, 10), timeZone).getTime() - 1);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function calendarDay(instant: Date, timeZone: string = APP_TIME_ZONE): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}
