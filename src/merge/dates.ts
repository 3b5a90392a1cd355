// Calendar helpers for merge windows: ISO dates of any precision (YYYY, YYYY-MM, YYYY-MM-DD) to day ranges.
const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01, UTC) of an ISO day. */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** First and last ISO day covered by a date of any precision; null when it is not a date. */
export function isoRange(value: string | null | undefined): { from: string; to: string } | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : { from: day, to: day };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}
