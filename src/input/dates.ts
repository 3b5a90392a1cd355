// Publication dates as they come in input files, feeds and page metadata.
// The date kept is the calendar date *as written* by the publisher (never shifted to UTC), because it is the
// anchor for relative dates in the text ("on Friday" means the Friday before the publisher's local date).

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// RFC 822 / 2822 as used by RSS pubDate: "Fri, 06 Dec 2024 10:00:00 GMT"; the weekday and time are optional.
const RFC_2822 =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(?:[+-]\d{4}|[a-z]{1,5}))?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Checks that year/month/day name a real calendar day; the reason says what is wrong. */
function calendarDate(raw: string, year: number, month: number, day: number): DateResult {
  if (year < 1) return { ok: false, reason: `impossible date "${raw}": year ${year}` };
  if (month < 1 || month > 12) return { ok: false, reason: `impossible date "${raw}": no month ${month}` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return {
      ok: false,
      reason: `impossible date "${raw}": ${MONTH_NAMES[month - 1]} ${year} has ${last} days`,
    };
  }
  return { ok: true, date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

function timeOfDay(
  raw: string,
  hour: string | undefined,
  minute: string | undefined,
  second?: string,
): string | null {
  if (hour === undefined || minute === undefined) return null;
  // 24:00 and leap second 60 are not used by feeds in practice; anything above is not a time.
  if (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 60)) {
    return `impossible time in "${raw}"`;
  }
  return null;
}

/**
 * Parses a publication date given as YYYY-MM-DD, an ISO 8601 date-time or an RFC 2822 date (RSS).
 * Anything else ("yesterday", "2024-02-30", "12/06/2024") is refused with a reason, never turned into null.
 */
export function parsePublicationDate(input: string): DateResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty date' };
  let m = ISO_DATE.exec(raw);
  if (m) return calendarDate(raw, Number(m[1]), Number(m[2]), Number(m[3]));
  m = ISO_DATE_TIME.exec(raw);
  if (m) {
    const bad = timeOfDay(raw, m[4], m[5], m[6]);
    if (bad) return { ok: false, reason: bad };
    return calendarDate(raw, Number(m[1]), Number(m[2]), Number(m[3]));
  }
  m = RFC_2822.exec(raw);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (month === 0) return { ok: false, reason: `not a date: "${raw}" (unknown month "${m[2]}")` };
    const bad = timeOfDay(raw, m[4], m[5], m[6]);
    if (bad) return { ok: false, reason: bad };
    return calendarDate(raw, Number(m[3]), month, Number(m[1]));
  }
  return { ok: false, reason: `not a date: "${raw}" (expected YYYY-MM-DD)` };
}

/** Validates a `--date` option: only the plain YYYY-MM-DD form is accepted there. */
export function parseDateOption(input: string): DateResult {
  if (!ISO_DATE.test(input.trim())) return { ok: false, reason: `--date "${input}" is not YYYY-MM-DD` };
  return parsePublicationDate(input);
}
