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
// Optional time after a written date: "10:00", "10:00:00 GMT", "6:30 pm", "23:30:00 -0500", "10:00 +05:30".
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*[ap]\.?m\.?)?(?:\s*(?:[+-]\d{2}:?\d{2}|[a-z]{1,5}))?)?`;
// RFC 822 / 2822 as used by RSS pubDate ("Fri, 06 Dec 2024 10:00:00 GMT") and "6 December 2024".
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})${TIME}$`,
  'i',
);
// "December 6, 2024", "Fri, Dec 6 2024 10:00".
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^(?:[a-z]{3,9}\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`,
  'i',
);

/** Month number of an English month name or its abbreviation ("Sep", "Sept", "September"), or 0. */
function monthNumber(word: string): number {
  const w = word.toLowerCase();
  const k = MONTHS.indexOf(w.slice(0, 3)) + 1;
  if (k === 0) return 0;
  return MONTH_NAMES[k - 1].toLowerCase().startsWith(w) ? k : 0;
}

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
 * Parses a publication date given as YYYY-MM-DD, an ISO 8601 date-time, an RFC 2822 date (RSS) or a date
 * written with an English month name ("6 December 2024", "Dec. 6, 2024"). Anything else ("yesterday",
 * "2024-02-30", the ambiguous "12/06/2024") is refused with a reason, never turned into null.
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
  const written = [DAY_MONTH_YEAR.exec(raw), MONTH_DAY_YEAR.exec(raw)];
  for (const [k, w] of written.entries()) {
    if (!w) continue;
    const [dayText, monthText] = k === 0 ? [w[1], w[2]] : [w[2], w[1]];
    const month = monthNumber(monthText);
    if (month === 0) return { ok: false, reason: `not a date: "${raw}" (unknown month "${monthText}")` };
    const bad = timeOfDay(raw, w[4], w[5], w[6]);
    if (bad) return { ok: false, reason: bad };
    return calendarDate(raw, Number(w[3]), month, Number(dayText));
  }
  return { ok: false, reason: `not a date: "${raw}" (expected YYYY-MM-DD)` };
}

/** Validates a `--date` option: only the plain YYYY-MM-DD form is accepted there. */
export function parseDateOption(input: string): DateResult {
  if (!ISO_DATE.test(input.trim())) return { ok: false, reason: `--date "${input}" is not YYYY-MM-DD` };
  return parsePublicationDate(input);
}
