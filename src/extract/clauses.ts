// Clause segmentation without a parser: news sentences are chains of clauses joined by punctuation,
// subordinators and reporting frames. Arguments of a trigger are looked for inside its clause first.

import type { Token } from '../annotate/index.ts';
import { DETERMINERS as BASE_DETERMINERS, extend } from './function-words.ts';

/** Words that open a new clause when they follow a comma (or stand alone for the strong ones). */
const AFTER_COMMA = new Set([
  'and',
  'but',
  'while',
  'as',
  'after',
  'before',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'when',
  'although',
  'though',
  'because',
  'since',
  'until',
  'whereas',
  'saying',
  'adding',
  'with',
  'so',
  'yet',
  'then',
  'prompting',
  'forcing',
  'leaving',
  'bringing',
  'killing',
  'wounding',
  'sending',
  'according',
]);
const ALWAYS = new Set(['while', 'whereas', 'although', 'because', 'but', 'unless', 'whether']);
/** "as", "after", "before", "when", "since", "until" open a clause only when a subject-like word follows. */
const SUBORDINATORS = new Set(['as', 'after', 'before', 'when', 'since', 'until', 'if', 'once']);
const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'should',
  'did',
  'does',
  'do',
  'then',
  'also',
  'later',
  'now',
  'subsequently',
  'have',
  'been',
]);
const SUBJECT_OPENERS = extend(BASE_DETERMINERS, 'they', 'it', 'he', 'she', 'we', 'i');

export interface Clause {
  /** index of the first and one past the last word */
  from: number;
  to: number;
  /** the clause opens with ", V-ing" (an adjunct whose subject is the main clause's subject) */
  participial: boolean;
  /** the clause resumes a main clause after a relative clause: "X, which …, had taken Y" */
  resumed?: boolean;
}

const isPunct = (t: Token): boolean => t.text.length === 1 && !/[\p{L}\p{N}]/u.test(t.text);
const isCapitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text);

export function segmentClauses(words: Token[], reportingVerbIndexes: Set<number>): Clause[] {
  const starts: Array<{ at: number; participial: boolean; resumed?: boolean }> = [
    { at: 0, participial: false },
  ];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const prev = words[i - 1];
    if (w.text === '(') {
      // a short aside in brackets ("Kurdistan Workers Party (PKK) militants", "15 km (nine miles)") belongs
      // to the clause around it
      let close = -1;
      for (let k = i + 1; k < Math.min(words.length, i + 8); k++)
        if (words[k].text === ')') {
          close = k;
          break;
        } else if (words[k].text === '(') break;
      if (close > 0) {
        i = close;
        continue;
      }
    }
    if (
      w.text === ';' ||
      w.text === ':' ||
      w.text === '(' ||
      w.text === ')' ||
      w.text === '—' ||
      w.text === '–'
    ) {
      starts.push({ at: i + 1, participial: false });
      continue;
    }
    if (w.text === '-' && prev.end < w.start) {
      // a spaced dash " - " sets off an aside
      starts.push({ at: i + 1, participial: false });
      continue;
    }
    if (prev.text === ',' && AUXILIARIES.has(w.lower) && w.lower !== 'then' && w.lower !== 'now') {
      starts.push({ at: i, participial: false, resumed: true });
      continue;
    }
    if (prev.text === ',' && AFTER_COMMA.has(w.lower)) {
      starts.push({ at: i, participial: w.lower.endsWith('ing') && w.lower !== 'according' });
      continue;
    }
    if (prev.text === ',' && w.lower.endsWith('ing') && !isCapitalised(w) && w.lower.length > 5) {
      starts.push({ at: i, participial: true });
      continue;
    }
    if (ALWAYS.has(w.lower)) {
      starts.push({ at: i, participial: false });
      continue;
    }
    if (SUBORDINATORS.has(w.lower) && i + 1 < words.length) {
      const next = words[i + 1];
      if (
        SUBJECT_OPENERS.has(next.lower) ||
        isCapitalised(next) ||
        /^\d/.test(next.text) ||
        next.lower.endsWith('s')
      ) {
        starts.push({ at: i, participial: false });
        continue;
      }
    }
    if (w.lower === 'and' && i + 1 < words.length && AUXILIARIES.has(words[i + 1].lower)) {
      starts.push({ at: i, participial: false });
      continue;
    }
    if ((w.lower === 'that' || w.lower === 'which' || w.lower === 'who') && !isPunct(prev)) {
      starts.push({ at: i, participial: false });
      continue;
    }
    // A reporting verb ends the speaker's clause: "X said [that] Y captured Z" → Y's clause starts after it.
    if (reportingVerbIndexes.has(i - 1)) starts.push({ at: i, participial: false });
  }
  const clauses: Clause[] = [];
  const uniq = [...new Map(starts.map((s) => [s.at, s])).values()].sort((a, b) => a.at - b.at);
  for (let k = 0; k < uniq.length; k++) {
    const from = uniq[k].at;
    const to = k + 1 < uniq.length ? uniq[k + 1].at : words.length;
    if (from < to) clauses.push({ from, to, participial: uniq[k].participial, resumed: uniq[k].resumed });
  }
  return clauses;
}

export function clauseOf(clauses: Clause[], wordIndex: number): Clause {
  for (const c of clauses) if (wordIndex >= c.from && wordIndex < c.to) return c;
  return clauses[clauses.length - 1];
}
