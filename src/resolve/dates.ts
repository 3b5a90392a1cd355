// Date mentions resolved against the article's date (the anchor). News reports speak of the past, so every
// underspecified date leans back: "on Friday" is the last Friday on or before the anchor, "Nov. 27" the last
// Nov. 27 not after it. Relative phrases ("last week", "overnight", "13 years ago", "since 2011") are read by
// the rules below; calendar dates and weekdays by chrono-node, which is slow, so it only sees short windows
// around a month or weekday name or a numeric date.

import { createRequire } from 'node:module';
import type { ParsedComponents } from 'chrono-node';
import type * as ChronoEn from 'chrono-node/en';
import type { DatePrecision } from '../types.ts';

export interface DateMention {
  start: number;
  end: number;
  /** As written, e.g. "Thursday night", "last week". */
  text: string;
  /** Start of the period: YYYY-MM-DD (day, week), YYYY-MM (month), YYYY (year). */
  value: string;
  /** Inclusive last day (YYYY-MM-DD) when the mention is a span ("last week", "overnight", "since 2011"), else null. */
  endValue: string | null;
  precision: DatePrecision;
}

// ---------- day arithmetic on UTC dates ----------

const DAY = 86_400_000;
type Day = number; // days since the epoch

function parseDay(iso: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
  return t / DAY;
}
const iso = (d: Day): string => new Date(d * DAY).toISOString().slice(0, 10);
const ymd = (d: Day): [number, number, number] => {
  const x = new Date(d * DAY);
  return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate()];
};
const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / DAY;
const weekday = (d: Day): number => new Date(d * DAY).getUTCDay(); // 0 = Sunday
/** Monday of the ISO week holding `d`. */
const monday = (d: Day): Day => d - ((weekday(d) + 6) % 7);
const pad = (n: number): string => String(n).padStart(2, '0');
const monthValue = (y: number, m: number): string => `${y}-${pad(m)}`;
const lastDayOfMonth = (y: number, m: number): Day => dayOf(y, m + 1, 1) - 1;

function addMonths(y: number, m: number, k: number): [number, number] {
  const i = y * 12 + (m - 1) + k;
  return [Math.floor(i / 12), (i % 12) + 1];
}

// ---------- relative phrases (own rules) ----------

/** Small counts written as words ("three days ago", "a day after"). */
export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};

interface Resolved {
  value: string;
  endValue: string | null;
  precision: DatePrecision;
}

interface Rule {
  re: RegExp;
  /** A cheap test that must pass before `re` runs (most sentences hold no date words at all). */
  gate?: RegExp;
  resolve: (m: RegExpExecArray, anchor: Day) => Resolved | null;
}

const day = (d: Day, end: Day | null = null): Resolved => ({
  value: iso(d),
  endValue: end === null ? null : iso(end),
  precision: 'day',
});
const week = (from: Day, to: Day): Resolved => ({ value: iso(from), endValue: iso(to), precision: 'week' });

function periodOf(unit: string, rel: string, early: string | undefined, a: Day): Resolved | null {
  const [y, m] = ymd(a);
  const earlier = early?.toLowerCase() === 'earlier';
  const r = rel.toLowerCase();
  if (unit === 'week' || unit === 'weekend') {
    if (unit === 'weekend') {
      // The most recent Saturday-Sunday that started on or before the anchor (past-leaning).
      const sat = a - ((weekday(a) + 1) % 7);
      const shift =
        r === 'next' || r === 'coming'
          ? 7
          : r === 'last' || r === 'previous'
            ? weekday(a) === 6 || weekday(a) === 0
              ? -7
              : 0
            : 0;
      return week(sat + shift, sat + shift + 1);
    }
    if (r === 'past') return week(a - 6, a);
    const mon = monday(a) + (r === 'last' || r === 'previous' ? -7 : r === 'next' || r === 'coming' ? 7 : 0);
    return week(mon, earlier && r === 'this' ? a : mon + 6);
  }
  if (unit === 'month') {
    if (r === 'past') {
      const [py, pm] = ymd(a - 30);
      return { value: monthValue(py, pm), endValue: iso(a), precision: 'month' };
    }
    const k = r === 'last' || r === 'previous' ? -1 : r === 'next' || r === 'coming' ? 1 : 0;
    const [yy, mm] = addMonths(y, m, k);
    return { value: monthValue(yy, mm), endValue: earlier && k === 0 ? iso(a) : null, precision: 'month' };
  }
  if (unit === 'year') {
    if (r === 'past') return { value: String(y - 1), endValue: iso(a), precision: 'year' };
    const k = r === 'last' || r === 'previous' ? -1 : r === 'next' || r === 'coming' ? 1 : 0;
    return { value: String(y + k), endValue: earlier && k === 0 ? iso(a) : null, precision: 'year' };
  }
  return null;
}

function ago(nText: string, unit: string, a: Day): Resolved | null {
  const n = /^\d+$/.test(nText) ? Number(nText) : NUMBER_WORDS[nText.toLowerCase()];
  if (n === undefined || n > 200) return null;
  const u = unit.toLowerCase();
  if (u.startsWith('day')) return day(a - n);
  if (u.startsWith('week')) {
    const mon = monday(a - 7 * n);
    return week(mon, mon + 6);
  }
  const [y, m] = ymd(a);
  if (u.startsWith('month')) {
    const [yy, mm] = addMonths(y, m, -n);
    return { value: monthValue(yy, mm), endValue: null, precision: 'month' };
  }
  if (u.startsWith('decade')) return { value: String(y - 10 * n), endValue: null, precision: 'year' };
  return { value: String(y - n), endValue: null, precision: 'year' };
}

const NUM = `\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}`;
/** Words after which a bare year is a date ("in 2016", "since 2011", "by early 2020"). */
const YEAR_LEAD =
  'in|since|by|until|till|from|during|through|throughout|before|after|of|early|late|mid|end of|beginning of|start of|spring|summer|autumn|fall|winter';

const YEAR = /\b(?:19|20)\d\d\b/;
const RULES: Rule[] = [
  { re: /\byesterday\b/gi, resolve: (_m, a) => day(a - 1) },
  { re: /\btomorrow\b/gi, resolve: (_m, a) => day(a + 1) },
  { re: /\b(?:today|tonight|this (?:morning|afternoon|evening))\b/gi, resolve: (_m, a) => day(a) },
  // Overnight into the day of the report: the night spans the day before and the anchor.
  { re: /\b(?:overnight|last night|late last night)\b/gi, resolve: (_m, a) => day(a - 1, a) },
  {
    gate: /week|month|year/i,
    re: /\b(?:(earlier|later) )?(?:(?:in|over|during|at) )?(?:the )?(this|last|past|previous|next|coming) (weekend|week|month|year)\b/gi,
    resolve: (m, a) => periodOf(m[3].toLowerCase(), m[2], m[1], a),
  },
  {
    // "in the past 24 hours": the day before the report and the report's day.
    gate: /hours/i,
    re: /\b(?:in|over|during|within) the (?:past|last|previous) (?:24|48|twenty-four|forty-eight) hours\b/gi,
    resolve: (m, a) => day(/48|forty/i.test(m[0]) ? a - 2 : a - 1, a),
  },
  {
    // "in recent days": the past week; "in recent weeks", "the past two weeks": up to the report (month precision).
    gate: /recent|past|last/i,
    re: new RegExp(
      `\\b(?:in|over|during) (?:the )?(?:recent|past|last) (?:(few|several|couple of|${NUM}) )?(days|weeks)\\b`,
      'gi',
    ),
    resolve: (m, a) => {
      // "few", "several": no number; days default to a week, weeks to four.
      const n = m[1] && /^\d+$/.test(m[1]) ? Number(m[1]) : (NUMBER_WORDS[m[1]?.toLowerCase() ?? ''] ?? null);
      const days = m[2].toLowerCase() === 'days' ? (n ?? 7) : 7 * (n ?? 4);
      if (days <= 7) return week(a - days + 1, a);
      const [y, mo] = ymd(a - days);
      return { value: monthValue(y, mo), endValue: iso(a), precision: 'month' };
    },
  },
  {
    gate: /weekend/i,
    re: /\b(?:over|at|during) the weekend\b/gi,
    resolve: (_m, a) => periodOf('weekend', 'this', undefined, a),
  },
  {
    gate: /\bago\b/i,
    re: new RegExp(`\\b(${NUM}) (days?|weeks?|months?|years?|decades?) ago\\b`, 'gi'),
    resolve: (m, a) => ago(m[1], m[2], a),
  },
  {
    // "2011-2016", "2014–15": a span of years.
    gate: YEAR,
    re: /\b((?:19|20)\d{2})[-–]((?:19|20)?\d{2})\b(?![-–/.]\d)/g,
    resolve: (m) => {
      const end = m[2].length === 2 ? `${m[1].slice(0, 2)}${m[2]}` : m[2];
      return end > m[1] ? { value: m[1], endValue: `${end}-12-31`, precision: 'year' } : null;
    },
  },
  {
    gate: YEAR,
    re: /\bbetween ((?:19|20)\d{2}) and ((?:19|20)\d{2})\b/gi,
    resolve: (m) => ({ value: m[1], endValue: `${m[2]}-12-31`, precision: 'year' }),
  },
  {
    gate: YEAR,
    re: /\bfrom ((?:19|20)\d{2}) (?:to|until|till) ((?:19|20)\d{2})\b/gi,
    resolve: (m) => ({ value: m[1], endValue: `${m[2]}-12-31`, precision: 'year' }),
  },
  {
    // "since 2011": from that year up to the report's day.
    gate: YEAR,
    re: /\bsince ((?:19|20)\d{2})\b(?![\s,]*(?:people|civilians|fighters|soldiers|troops|men|women|children|km|kilometres|kilometers|miles|tons|tonnes|%))/gi,
    resolve: (m, a) => ({ value: m[1], endValue: iso(a), precision: 'year' }),
  },
  {
    gate: YEAR,
    re: new RegExp(
      `\\b(?:${YEAR_LEAD})(?:[ -](?:early|late|mid))?[ -]((?:19|20)\\d{2})\\b(?![\\s,]*(?:people|civilians|fighters|soldiers|troops|men|women|children|km|kilometres|kilometers|miles|tons|tonnes|%|[-–]))`,
      'gi',
    ),
    resolve: (m) => ({ value: m[1], endValue: null, precision: 'year' }),
  },
  // "the 2011 uprising", "the 2020 election": a year used as a modifier.
  {
    gate: YEAR,
    re: /\bthe ((?:19|20)\d{2})(?= \p{Ll})/giu,
    resolve: (m) => ({ value: m[1], endValue: null, precision: 'year' }),
  },
];

// ---------- calendar dates and weekdays (own rules; chrono only for numeric dates and ranges) ----------

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
/** Capitalised month names: "May" the month, not "may" the verb. */
const MONTH_RE =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY_RE = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const monthNo = (w: string): number => MONTHS[w.replace('.', '').toLowerCase()];

/** A day of a month without a year: the last such date not after the anchor. */
function monthDay(month: number, d: number, year: string | undefined, a: Day): Resolved | null {
  if (d < 1 || d > 31) return null;
  if (year) return day(dayOf(Number(year), month, d));
  const [ay] = ymd(a);
  const x = dayOf(ay, month, d);
  return day(x > a ? dayOf(ay - 1, month, d) : x);
}

const HAS_MONTH = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
const HAS_MONTH_ANY_CASE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const HAS_WEEKDAY = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/;
const CALENDAR_RULES: Rule[] = [
  {
    // "Monday, Dec. 2", "Nov. 27", "November 27, 2023"
    gate: HAS_MONTH,
    re: new RegExp(
      `\\b(?:${WEEKDAY_RE},? )?${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? ((?:19|20)\\d{2})\\b)?`,
      'g',
    ),
    resolve: (m, a) => monthDay(monthNo(m[2]), Number(m[3]), m[4], a),
  },
  {
    // "27 November", "27th of November 2023"
    gate: HAS_MONTH,
    re: new RegExp(
      `\\b(?:${WEEKDAY_RE},? )?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_RE}(?!\\w)(?:,? ((?:19|20)\\d{2})\\b)?`,
      'g',
    ),
    resolve: (m, a) => monthDay(monthNo(m[3]), Number(m[2]), m[4], a),
  },
  {
    // "October 2023"
    gate: HAS_MONTH,
    re: new RegExp(`\\b${MONTH_RE},? ((?:19|20)\\d{2})\\b`, 'g'),
    resolve: (m) => ({ value: monthValue(Number(m[2]), monthNo(m[1])), endValue: null, precision: 'month' }),
  },
  {
    // "in March", "since early December", "mid-November": the last such month not after the anchor.
    gate: HAS_MONTH_ANY_CASE,
    re: /\b(?:in|since|by|until|till|during|from|of|through|early|late|mid|end of|beginning of)[ -](?:(?:early|late|mid)[ -])?(January|February|March|April|May|June|July|August|September|October|November|December)\b(?! \d)/gi,
    resolve: (m, a) => {
      if (!/^\p{Lu}/u.test(m[1])) return null;
      const month = monthNo(m[1]);
      const [ay, am] = ymd(a);
      return { value: monthValue(month > am ? ay - 1 : ay, month), endValue: null, precision: 'month' };
    },
  },
  {
    // "on Friday", "Thursday night", "last Friday", "Friday's attack"
    gate: HAS_WEEKDAY,
    re: new RegExp(
      `\\b(?:(last|next|this|previous|coming|early|late) )?${WEEKDAY_RE}(?: (?:night|morning|afternoon|evening))?\\b`,
      'g',
    ),
    resolve: (m, a) => day(resolveWeekday(WEEKDAYS[m[2].toLowerCase()], m[1] ?? '', a)),
  },
];

/** Case-sensitive: "May" the month, not "may" the verb; "March" the month, not "march". */
const CALENDAR =
  /\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b)/g;
/** What the own rules do not read and chrono does: numeric dates and ranges ("Nov. 27 to Dec. 1", "Dec. 10-12"). */
const CHRONO_GATE =
  /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})? ?(?:-|–|to|until|through|and) ?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? )?\d{1,2}\b/;
/** The cheap gate for the whole function: nothing here, no date (whole words, so "monitor" or "Sunni" do not open it). */
const ANY_DATE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|yesterday|today|tonight|tomorrow|overnight|nights?|mornings?|afternoons?|evenings?|weeks?|weekends?|months?|years?|decades?|ago|hours|days?|recent\w*)\b|(?:19|20)\d\d|\d[/.-]\d/i;
const CHRONO_WINDOW = 45;

interface Candidate extends Resolved {
  start: number;
  end: number;
}

/** Weekday reading: the last such day on or before the anchor; "last X" strictly before; "next X" after. */
function resolveWeekday(wd: number, text: string, a: Day): Day {
  const lower = text.toLowerCase();
  if (/\b(?:next|coming)\b/.test(lower)) {
    const diff = (wd - weekday(a) + 7) % 7;
    return a + (diff === 0 ? 7 : diff);
  }
  let back = (weekday(a) - wd + 7) % 7;
  if (back === 0 && /\b(?:last|previous)\b/.test(lower)) back = 7;
  return a - back;
}

function resolveChrono(c: ParsedComponents, text: string, a: Day): Resolved | null {
  const [ay, am] = ymd(a);
  const hasDay = c.isCertain('day');
  const hasMonth = c.isCertain('month');
  const hasYear = c.isCertain('year');
  const month = c.get('month');
  if (hasDay && hasMonth && month !== null) {
    const d = c.get('day')!;
    if (hasYear) return day(dayOf(c.get('year')!, month, d));
    let x = dayOf(ay, month, d);
    if (x > a) x = dayOf(ay - 1, month, d);
    return day(x);
  }
  if (c.isCertain('weekday')) return day(resolveWeekday(c.get('weekday')!, text, a));
  if (hasMonth && month !== null) {
    if (hasYear) return { value: monthValue(c.get('year')!, month), endValue: null, precision: 'month' };
    return { value: monthValue(month > am ? ay - 1 : ay, month), endValue: null, precision: 'month' };
  }
  if (hasYear) return { value: String(c.get('year')), endValue: null, precision: 'year' };
  return null; // a time alone ("at 3 p.m."), "now": not a date
}

/** Inclusive last day of a resolved value, for range ends ("Nov 27 to Dec 1"). */
function lastDay(r: Resolved): string {
  if (r.precision === 'day' || r.precision === 'week') return r.endValue ?? r.value;
  if (r.precision === 'month') {
    const [y, m] = r.value.split('-').map(Number);
    return iso(lastDayOfMonth(y, m));
  }
  return `${r.value}-12-31`;
}

// chrono-node is loaded on first need, English locale only: the full package takes 350-550 ms to import,
// the English one 100-150 ms, and most articles never need it (own rules read the common forms).
const requireCjs = createRequire(import.meta.url);
let chronoEn: typeof ChronoEn | null = null;
function chronoParser(): typeof ChronoEn.casual {
  if (chronoEn === null) chronoEn = requireCjs('chrono-node/en') as typeof ChronoEn;
  return chronoEn.casual;
}
const ALL_RULES = [...RULES, ...CALENDAR_RULES];

function chronoCandidates(text: string, a: Day, out: Candidate[]): void {
  // Merge windows around each calendar word so chrono parses short strings only.
  if (!CHRONO_GATE.test(text)) return;
  const windows: [number, number][] = [];
  CALENDAR.lastIndex = 0;
  for (let m = CALENDAR.exec(text); m !== null; m = CALENDAR.exec(text)) {
    const s = Math.max(0, m.index - CHRONO_WINDOW);
    const e = Math.min(text.length, m.index + m[0].length + CHRONO_WINDOW);
    const last = windows[windows.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else windows.push([s, e]);
  }
  if (windows.length === 0) return;
  const ref = { instant: new Date(a * DAY + DAY / 2), timezone: 0 };
  for (const [ws, we] of windows) {
    // Widen to word boundaries so a window never starts or ends inside a word.
    let s = ws;
    while (s > 0 && /\S/.test(text[s - 1])) s--;
    let e = we;
    while (e < text.length && /\S/.test(text[e])) e++;
    const slice = text.slice(s, e);
    for (const r of chronoParser().parse(slice, ref)) {
      CALENDAR.lastIndex = 0;
      if (!CALENDAR.test(r.text)) continue; // "now", "at 3 p.m.", lower-case "march": not dates here
      const start = resolveChrono(r.start, r.text, a);
      if (!start) continue;
      let endValue = start.endValue;
      if (r.end) {
        const end = resolveChrono(r.end, r.text, a);
        if (end) endValue = lastDay(end);
      }
      // Prefixes chrono skips: "on", "late on", "early" are kept out of the text but "on" is trimmed.
      let from = s + r.index;
      let text_ = r.text;
      const on = /^(?:on|in|at)\s+/i.exec(text_);
      if (on) {
        from += on[0].length;
        text_ = text_.slice(on[0].length);
      }
      out.push({ ...start, endValue, start: from, end: from + text_.length });
    }
  }
}

/**
 * Date mentions in `text`, resolved against `anchor` (YYYY-MM-DD, the article's date). `offset` is added to
 * the returned start/end (pass the sentence's start to get article offsets). An invalid anchor gives [].
 */
export function findDates(text: string, anchor: string, offset = 0): DateMention[] {
  if (!ANY_DATE.test(text)) return [];
  const a = parseDay(anchor.slice(0, 10)); // a full ISO timestamp is fine too
  if (a === null) return [];
  const cands: Candidate[] = [];
  for (const rule of ALL_RULES) {
    if (rule.gate && !rule.gate.test(text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      const r = rule.resolve(m, a);
      if (r) cands.push({ ...r, start: m.index, end: m.index + m[0].length });
    }
  }
  chronoCandidates(text, a, cands);
  // Overlaps: the longer mention wins ("since 2011" over "2011"; "Monday, Dec. 2" over "Dec. 2"); ties go to the earlier rule.
  cands.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  const kept: Candidate[] = [];
  for (const c of cands) {
    const prev = kept[kept.length - 1];
    if (prev && c.start < prev.end) {
      if (c.end - c.start > prev.end - prev.start) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  return kept.map((c) => ({
    start: c.start + offset,
    end: c.end + offset,
    text: text.slice(c.start, c.end),
    value: c.value,
    endValue: c.endValue,
    precision: c.precision,
  }));
}
