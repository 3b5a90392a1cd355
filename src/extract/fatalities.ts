// Fatality counts: people killed, as the text gives them ("at least 12", "between 10 and 15", "dozens").
// A count counts only when a killing phrase governs it: before it ("killing 5", "death toll rose to 40")
// or after it, past a short noun phrase ("12 people, most of them children, were killed"). Counts of the
// wounded, arrested or displaced are not fatalities. Vague counts take ACLED's conventional minimum
// (data/fatality-vague.json documents the source).

import data from '../../data/fatality-vague.json' with { type: 'json' };

export interface FatalityMention {
  start: number;
  end: number;
  text: string;
  /** The count as stated; null for vague counts and open ranges ("up to 20", "dozens"). */
  value: number | null;
  /** Lower bound ("at least 12", "dozens" -> 12 per ACLED); null when none is stated. */
  min: number | null;
  /** Upper bound ("up to 20", "between 10 and 15" -> 15); null when none is stated. */
  max: number | null;
}

const VAGUE = data.vague as Record<string, number>;
const NUMBERS = data.numbers as Record<string, number>;
const MULTIPLIERS = data.multipliers as Record<string, number>;
const UNITS = new Set(data.units_after.map((w) => w.toLowerCase()));
const NOT_KILLED = new Set(data.not_killed);

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');

const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNITS_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A number: digits (1,200 / 1.5 million), a word (twenty-five, two dozen, a dozen), or a vague word. */
const NUMBER = `(?:${alt(Object.keys(VAGUE))})(?!\\w)|(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s+(?:${alt(Object.keys(MULTIPLIERS))}))?|(?:${alt(TENS)})[-\\s](?:${alt(UNITS_WORDS)})|(?:${alt(Object.keys(NUMBERS).filter((w) => w !== 'a' && w !== 'an'))})(?:\\s+(?:${alt(Object.keys(MULTIPLIERS))})s?(?!\\s+of))?|an?(?=\\s)`;
const QUALIFIER =
  'at least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than|at most|an estimated|roughly|approximately|close to|upwards of|in excess of|no fewer than|no less than|a total of|a further|another|between';
const COUNT = new RegExp(
  `\\b(?:(${QUALIFIER})\\s+)?(${NUMBER})(?:\\s*(?:and|to|or|-|–)\\s*(${NUMBER}))?(?![\\w,]*\\d)`,
  'gi',
);
const KILLED_AFTER = new RegExp(`^(?:${alt(data.killed_after)})\\b`, 'i');
const KILLED_AFTER_SINGULAR = new RegExp(`^(?:${alt(data.killed_after_singular)})\\b`, 'i');
const KILLED_BEFORE = new RegExp(
  `\\b(?:${alt(data.killed_before)}|(?:${alt(data.toll_nouns)})(?:\\s+\\w+){0,2}?\\s+(?:${alt(data.toll_verbs)})(?:\\s+(?:to|at|past|of|over|above))?)\\s*$`,
  'i',
);
/** Words that open a subset of a count already taken ("including three children"): numbers after them do not stop the walk. */
const SUBSET_WORDS = new Set(['including', 'among']);
const SUBSET_BEFORE = new RegExp(`\\b(?:${alt(data.subset_before)})\\s*$`, 'i');
const MONTH_BEFORE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$/;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[,;:.!?()"“”]/gu;

/** The numeric value of one number phrase, or [null, vague min] for vague words. */
function numberOf(phrase: string): { n: number | null; vagueMin: number | null } {
  const p = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  if (p in VAGUE) return { n: null, vagueMin: VAGUE[p] };
  const digits = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: (\w+))?$/.exec(p);
  if (digits) {
    const base = Number(digits[1].replace(/,/g, ''));
    const mult = digits[2] ? (MULTIPLIERS[digits[2]] ?? 1) : 1;
    return { n: Math.round(base * mult), vagueMin: null };
  }
  const compound = /^(\w+)[- ](\w+)$/.exec(p);
  if (compound && TENS.includes(compound[1]) && UNITS_WORDS.includes(compound[2]))
    return { n: NUMBERS[compound[1]] + NUMBERS[compound[2]], vagueMin: null };
  if (p in NUMBERS) return { n: NUMBERS[p], vagueMin: null };
  const multiplied = /^(.+?) (\w+?)s?$/.exec(p);
  if (multiplied && multiplied[1] in NUMBERS && multiplied[2] in MULTIPLIERS)
    return { n: NUMBERS[multiplied[1]] * MULTIPLIERS[multiplied[2]], vagueMin: null };
  return { n: null, vagueMin: null };
}

/**
 * Is a killing phrase right after the count, past a short noun phrase without another number? For a count of
 * one written "a"/"an", only a singular death phrase counts ("a soldier was killed", not "a strike killed 4").
 */
function killedAfter(sentence: string, from: number, singular: boolean): boolean {
  const rest = sentence.slice(from, from + 200);
  const killed = singular ? KILLED_AFTER_SINGULAR : KILLED_AFTER;
  WORD.lastIndex = 0;
  let words = 0;
  let inSubset = false;
  for (let m = WORD.exec(rest); m !== null; m = WORD.exec(rest)) {
    const w = m[0].toLowerCase();
    if (killed.test(rest.slice(m.index))) return true;
    if (w === ';' || w === '.' || w === '?' || w === '!') return false;
    if (NOT_KILLED.has(w)) {
      // "were abducted and shot dead": a death phrase right after "and" still counts.
      const after = /^\S+\s+and\s+/.exec(rest.slice(m.index));
      if (after && killed.test(rest.slice(m.index + after[0].length))) return true;
      return false;
    }
    if (SUBSET_WORDS.has(w)) inSubset = true;
    if (w === ',' && inSubset) inSubset = false;
    const isCount = /^\d/.test(w) || (w in NUMBERS && w !== 'a' && w !== 'an') || w in VAGUE;
    if (isCount && !inSubset) return false; // the next count owns what follows
    if (words === 0 && UNITS.has(w)) return false; // "40 km", "13 years"
    if (++words > 14) return false;
  }
  return false;
}

function qualify(
  qual: string | undefined,
  a: { n: number | null; vagueMin: number | null },
  b: { n: number | null } | null,
) {
  const q = qual?.toLowerCase();
  if (b && a.n !== null && b.n !== null) return { value: null, min: a.n, max: b.n };
  if (a.n === null) return { value: null, min: a.vagueMin, max: null };
  const n = a.n;
  switch (q) {
    case 'at least':
    case 'more than':
    case 'over':
    case 'upwards of':
    case 'in excess of':
    case 'no fewer than':
    case 'no less than':
      return { value: n, min: n, max: null };
    case 'up to':
    case 'as many as':
    case 'at most':
      return { value: null, min: null, max: n };
    case 'nearly':
    case 'almost':
    case 'fewer than':
    case 'less than':
    case 'close to':
      return { value: n, min: null, max: n };
    case 'about':
    case 'around':
    case 'some':
    case 'an estimated':
    case 'roughly':
    case 'approximately':
      return { value: n, min: null, max: null };
    default:
      return { value: n, min: n, max: n };
  }
}

/** Fatality counts in one sentence; `offset` is added to start/end. */
export function findFatalities(sentence: string, offset = 0): FatalityMention[] {
  const out: FatalityMention[] = [];
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(sentence); m !== null; m = COUNT.exec(sentence)) {
    const [whole, qual, first, second] = m;
    const start = m.index;
    const end = start + whole.length;
    const before = sentence.slice(Math.max(0, start - 50), start);
    if (MONTH_BEFORE.test(before)) continue; // "Nov. 27"
    if (SUBSET_BEFORE.test(before)) continue; // "including three children": part of a count already taken
    const a = numberOf(first);
    if (a.n === null && a.vagueMin === null) continue;
    const singular = /^an?$/i.test(first);
    // "in a village", "by a drone": an article after a preposition is not a count.
    if (
      singular &&
      /\b(?:in|on|at|of|from|by|with|into|near|for|to|after|during|through|under|over)\s+$/i.test(before)
    )
      continue;
    if (qual?.toLowerCase() === 'between' && !second) continue;
    const b = second ? numberOf(second) : null;
    if (
      singular
        ? !killedAfter(sentence, end, true)
        : !(KILLED_BEFORE.test(before) || killedAfter(sentence, end, false))
    )
      continue;
    out.push({ start: start + offset, end: end + offset, text: whole, ...qualify(qual, a, b) });
  }
  return out;
}
