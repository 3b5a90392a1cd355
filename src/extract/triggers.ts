// Trigger parsers: find lexicon phrases in a sentence's words. Each match keeps its character span;
// whether it is a real event is decided by the refiners that follow (arguments, modality, attribution).

import type { Token } from '../annotate/index.ts';
import type { TriggerLexicon, TriggerPhrase } from '../knowledge/triggers.ts';
import { DETERMINERS as BASE_DETERMINERS, extend } from './function-words.ts';

export interface TriggerMatch {
  phrase: TriggerPhrase;
  /** word indexes [from, to) */
  from: number;
  to: number;
  start: number;
  end: number;
  text: string;
  passive: boolean;
  /** word index of the required object (send *troops*), -1 without one: the earlier object decides the type */
  objectAt: number;
}

const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got', 'get', 'gets']);
const OBJECT_WINDOW = 8;
const PREPOSITIONS = new Set([
  'in',
  'during',
  'amid',
  'after',
  'following',
  'of',
  'from',
  'by',
  'despite',
  'against',
  'since',
  'before',
]);
const NOUN_OPENERS = extend(
  BASE_DETERMINERS,
  'any',
  'no',
  'every',
  'each',
  'another',
  'new',
  'fresh',
  'further',
  'latest',
  'major',
  'deadly',
  'first',
  'second',
  'last',
);
const STOP = new Set([';', ':', '.', '(', ')', '—', '–']);

function wordsMatch(words: Token[], at: number, seq: string[]): boolean {
  if (at + seq.length > words.length) return false;
  for (let k = 0; k < seq.length; k++) if (words[at + k].lower !== seq[k]) return false;
  return true;
}

/** Lexicon phrases as word sequences, split once per phrase list rather than at every match. */
const splitCache = new WeakMap<string[], string[][]>();
function sequences(phrases: string[]): string[][] {
  let seqs = splitCache.get(phrases);
  if (!seqs) {
    seqs = phrases.map((p) => p.toLowerCase().split(/\s+/));
    splitCache.set(phrases, seqs);
  }
  return seqs;
}

function anyFollows(words: Token[], at: number, phrases: string[] | undefined): boolean {
  if (!phrases) return false;
  for (const seq of sequences(phrases)) if (wordsMatch(words, at, seq)) return true;
  return false;
}

function anyPrecedes(words: Token[], at: number, phrases: string[] | undefined): boolean {
  if (!phrases) return false;
  for (const seq of sequences(phrases))
    if (at - seq.length >= 0 && wordsMatch(words, at - seq.length, seq)) return true;
  return false;
}

/** Whether an object of the class follows within a short window in the same clause. */
export function objectFollows(words: Token[], at: number, cls: string[][]): number {
  for (let i = at; i < Math.min(words.length, at + OBJECT_WINDOW); i++) {
    if (STOP.has(words[i].text)) return -1;
    for (const seq of cls) if (wordsMatch(words, i, seq)) return i;
  }
  return -1;
}

/** The first word after the object's phrase ("sent 145 drones *against*", "air-defence systems *to*"). */
function wordAfterObject(words: Token[], objectAt: number): string {
  for (let i = objectAt + 1; i < Math.min(words.length, objectAt + 4); i++) {
    const w = words[i].lower;
    if (STOP.has(w) || w === ',') return '';
    if (OBJECT_LINKS.has(w)) return w;
  }
  return '';
}
const OBJECT_LINKS = new Set([
  'against',
  'at',
  'on',
  'into',
  'towards',
  'toward',
  'to',
  'for',
  'over',
  'ablaze',
  'alight',
  'afire',
]);

/**
 * All trigger matches in a sentence. A capitalised word in mid-sentence is a name ("March", "Strike Force"),
 * not a trigger. Overlapping matches keep the longest phrase; matches of equal span keep every entry so that
 * the refiners can choose by their constraints (objects, actors).
 */
export function findTriggers(words: Token[], lexicon: TriggerLexicon): TriggerMatch[] {
  const found: TriggerMatch[] = [];
  // An all-capitals line is a heading ("SURPRISE OFFENSIVE"), not a report of an event.
  if (!words.some((w) => /\p{Ll}/u.test(w.text)) && words.some((w) => /\p{L}/u.test(w.text))) return found;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const phrases = lexicon.byFirstWord.get(w.lower);
    if (!phrases) continue;
    if (i > 0 && /^\p{Lu}/u.test(w.text) && words[i - 1].text !== '"' && words[i - 1].text !== '“') {
      const allCaps = w.text === w.text.toUpperCase() && w.text.length > 1;
      if (!allCaps) continue;
    }
    let best = 0;
    for (const phrase of phrases) {
      if (phrase.words.length < best) break;
      if (!wordsMatch(words, i, phrase.words)) continue;
      const to = i + phrase.words.length;
      const { entry } = phrase;
      if (anyFollows(words, to, entry.notFollowedBy) || anyPrecedes(words, i, entry.notPrecededBy)) continue;
      let objectAt = -1;
      if (entry.objects) {
        const cls = lexicon.objectClasses.get(entry.objects);
        objectAt = cls ? objectFollows(words, to, cls) : -1;
        if (objectAt < 0) continue;
        const then = wordAfterObject(words, objectAt);
        if (entry.objectThen && !entry.objectThen.includes(then)) continue;
        if (entry.notObjectThen?.includes(then)) continue;
      }
      let k = i - 1;
      while (k >= 0 && words[k].lower.endsWith('ly') && words[k].lower.length > 3) k--;
      const passive =
        phrase.pos === 'verb' &&
        // "was hit": irregular verbs share one spelling for base, past and participle, kept once as base
        phrase.form !== 'ing' &&
        phrase.form !== 's' &&
        k >= 0 &&
        PASSIVE_AUX.has(words[k].lower);
      best = phrase.words.length;
      found.push({
        phrase,
        from: i,
        to,
        start: w.start,
        end: words[to - 1].end,
        text: '',
        passive,
        objectAt,
      });
    }
  }
  // A word that is both a verb and a noun in the lexicon ("assault", "attack", "raid") is a noun after a
  // determiner ("the sweeping assault") and a verb otherwise.
  const nounReading = (m: TriggerMatch) =>
    PREPOSITIONS.has(words[m.from - 1]?.lower ?? '') ||
    [words[m.from - 1], words[m.from - 2]].some(
      (w) => w && (NOUN_OPENERS.has(w.lower) || /['’]s$/.test(w.lower)),
    );
  for (let k = found.length - 1; k >= 0; k--) {
    const m = found[k];
    const twin = found.find(
      (o) => o !== m && o.from === m.from && o.to === m.to && o.phrase.pos !== m.phrase.pos,
    );
    if (twin && (m.phrase.pos === 'noun') !== nounReading(m)) found.splice(k, 1);
  }
  // "against Houthi targets", "on the targets": a present-tense verb form with no noun entry of its own, after
  // a preposition or determiner (with at most one name between), is a noun the lexicon does not list
  for (let k = found.length - 1; k >= 0; k--) {
    const m = found[k];
    if (m.phrase.pos !== 'verb' || (m.phrase.form !== 's' && m.phrase.form !== 'base')) continue;
    if (found.some((o) => o !== m && o.from === m.from && o.to === m.to && o.phrase.pos === 'noun')) continue;
    const prev = words[m.from - 1];
    const prev2 = words[m.from - 2];
    const afterName = prev && /^\p{Lu}/u.test(prev.text) && prev2 && PREPOSITIONS.has(prev2.lower);
    if (prev && (PREPOSITIONS.has(prev.lower) || NOUN_OPENERS.has(prev.lower) || afterName))
      found.splice(k, 1);
  }
  // "the storming of parliament", "the shelling of X": a gerund after a determiner is a noun.
  for (const m of found)
    if (m.phrase.form === 'ing' && NOUN_OPENERS.has(words[m.from - 1]?.lower ?? ''))
      m.phrase = { ...m.phrase, pos: 'noun', form: 'noun' };
  // Longest match wins where spans overlap; equal spans are kept together.
  found.sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from));
  const kept: TriggerMatch[] = [];
  for (const m of found) {
    const clash = kept.find((k) => m.from < k.to && k.from < m.to);
    if (!clash) kept.push(m);
    else if (clash.from === m.from && clash.to === m.to) kept.push(m);
  }
  return kept;
}
