// Modality: how sure the text is that the event happened (SPEC "modality"). Cues come from
// data/modality-cues.json; each is looked for in the trigger's clause, before or just after it.

import cues from '../../data/modality-cues.json' with { type: 'json' };
import type { Token } from '../annotate/index.ts';
import type { Modality } from '../types.ts';
import type { Clause } from './clauses.ts';

const seqs = (list: string[]) => list.map((p) => p.toLowerCase().split(' '));
const NEGATED_BEFORE = seqs(cues.negated.before);
const NEGATED_AFTER = seqs(cues.negated.after);
const DENIED_SCOPE = seqs(cues.denied.scope);
const DENIED_AFTER = seqs(cues.denied.after);
const HYPOTHETICAL_BEFORE = seqs(cues.hypothetical.before);
const PLANNED_BEFORE = seqs(cues.planned.before);
const REPORTED_WOULD = seqs(cues.planned.reportedWould);
const POSSIBLE_BEFORE = seqs(cues.possible.before);
const INTENT = new Set(cues.intentVerbs);
const REALIZED = new Set(cues.realizedIntentVerbs);
const SUPPRESS_AFTER = new Set(cues.suppressAfter);
/** A denial verb followed by these is about access, not about an event ("denied entry"). */
const NOT_DENIAL = new Set([
  'access',
  'entry',
  'permission',
  'visas',
  'visa',
  'bail',
  'the',
  'him',
  'her',
  'them',
]);

/** "could not be verified": a modal about the report, not the event. */
const VERIFICATION = new Set(['verified', 'confirmed', 'independently', 'reached', 'identified']);

function matchAt(words: Token[], at: number, seq: string[]): boolean {
  if (at < 0 || at + seq.length > words.length) return false;
  for (let k = 0; k < seq.length; k++) if (words[at + k].lower !== seq[k]) return false;
  // "since May": the month, not the modal, when capitalised inside a sentence
  if (seq[0] === 'may' && at > 0 && words[at].text === 'May') return false;
  return true;
}

/** Small fixed cue lists (constants, so that their word index is built once). */
const CUES_DENIED_DENIES_DENY = [['denied'], ['denies'], ['deny']];
const CUES_WOULD_COULD_MIGHT = [['would'], ['could'], ['might']];
const CUES_LIKELY_MAY_MIGHT_COULD_POSSIBLY = [['likely'], ['may'], ['might'], ['could'], ['possibly']];
const CUES_COULD_MIGHT_MAY_WILL = [['could'], ['might'], ['may'], ['will']];

/** Intent that reaches a later verb of its clause ("plans to … and deploy"). */
const CUES_SCOPED_INTENT = [['steps', 'to'], ['plans', 'to'], ['plan', 'to'], ['intends', 'to'], ['will']];

// Cue lists are looked up by a word of the cue (its last word when scanning back, its first when scanning
// forward) instead of trying every cue at every position: the lists run to hundreds of phrases.
const byFirst = new WeakMap<string[][], Map<string, string[][]>>();
const byLast = new WeakMap<string[][], Map<string, string[][]>>();
function indexed(
  cache: WeakMap<string[][], Map<string, string[][]>>,
  list: string[][],
  pick: (seq: string[]) => string,
) {
  let index = cache.get(list);
  if (!index) {
    index = new Map();
    for (const seq of list) {
      const key = pick(seq);
      const bucket = index.get(key);
      if (bucket) bucket.push(seq);
      else index.set(key, [seq]);
    }
    cache.set(list, index);
  }
  return index;
}

/** Whether a cue phrase ends within `window` words before `at` (within [from, at)). */
function cueBefore(words: Token[], from: number, at: number, list: string[][], window: number): number {
  const index = indexed(byLast, list, (seq) => seq[seq.length - 1]);
  for (let end = at; end > Math.max(from, at - window - 1); end--) {
    const candidates = index.get(words[end - 1]?.lower ?? '');
    if (!candidates) continue;
    for (const seq of candidates)
      if (matchAt(words, end - seq.length, seq) && end - seq.length >= from) return end - seq.length;
  }
  return -1;
}

function cueIn(words: Token[], from: number, to: number, list: string[][]): number {
  const index = indexed(byFirst, list, (seq) => seq[0]);
  for (let i = Math.max(0, from); i < to; i++) {
    const candidates = index.get(words[i]?.lower ?? '');
    if (candidates) for (const seq of candidates) if (matchAt(words, i, seq)) return i;
  }
  return -1;
}

export interface ModalityResult {
  modality: Modality;
  /** the trigger is a purpose or complement ("to prevent rebels from seizing X"), not an event of its own */
  suppressed: boolean;
  cue: string | null;
}

/**
 * Modality of a trigger at words [from, to) in clause `clause` of a sentence of `words`.
 * `sentenceWords` is the whole sentence for cues whose scope is the sentence (denials).
 */
export function modalityOf(
  words: Token[],
  from: number,
  to: number,
  clause: Clause,
  isVerb: boolean,
): ModalityResult {
  // Purposes and complements: "a window to fight back", "prevent X from seizing", "urged them to defect".
  // Only verbs: a noun after "to" is the object of a preposition ("in response to attacks").
  // "vowed to deal with": a lexicon noun after a bare "to" is really a verb, and not this event
  if (!isVerb && words[from - 1]?.lower === 'to' && !words[from].lower.endsWith('s'))
    return { modality: 'hypothetical', suppressed: true, cue: 'to' };
  let k = isVerb ? from - 1 : -1;
  while (k >= clause.from && words[k].lower.endsWith('ly') && words[k].lower.length > 3) k--;
  if (isVerb && k >= 0 && (words[k].lower === 'to' || words[k].lower === 'from')) {
    const governor = words[k - 1]?.lower ?? '';
    const beforeGovernor = words[k - 2]?.lower ?? '';
    if (words[k].lower === 'from') {
      // "prevent rebels from seizing": look back a few words for a preventing verb
      for (let g = k - 1; g >= Math.max(0, k - 5); g--) {
        if (SUPPRESS_AFTER.has(words[g].lower) && words[g].lower !== 'from')
          return { modality: 'hypothetical', suppressed: true, cue: words[g].lower };
      }
    } else if (REALIZED.has(governor)) {
      // "began to shell": it happened
    } else if (INTENT.has(governor) || INTENT.has(beforeGovernor)) {
      if (['would', 'be'].includes(governor))
        return { modality: 'hypothetical', suppressed: false, cue: governor };
      return { modality: 'planned', suppressed: false, cue: `${governor} to` };
    } else {
      // a bare "to V" after a noun or another verb is a purpose or a complement
      return { modality: 'hypothetical', suppressed: true, cue: 'to' };
    }
  }
  // Gerund after a realised aspect verb: "began seizing", "continued shelling" — asserted.
  // "No convoy of ours was attacked", "None of the shells hit": a negated subject negates its clause
  const subjectNegated =
    ['no', 'none', 'neither'].includes(words[clause.from]?.lower ?? '') && clause.from < from;
  if (subjectNegated && isVerb)
    return { modality: 'negated', suppressed: false, cue: words[clause.from].lower };
  const negBefore = cueBefore(words, clause.from, from, NEGATED_BEFORE, 3);
  if (negBefore >= 0 || cueIn(words, to, Math.min(clause.to, to + 3), NEGATED_AFTER) >= 0)
    return { modality: 'negated', suppressed: false, cue: 'not' };
  // Denial anywhere in the sentence before the trigger, or a denial tail after it.
  const denial = cueIn(words, 0, from, DENIED_SCOPE);
  if (denial >= 0 && !NOT_DENIAL.has(words[denial + 1]?.lower ?? ''))
    return { modality: 'denied', suppressed: false, cue: words[denial].lower };
  if (cueIn(words, to, words.length, DENIED_AFTER) >= 0)
    return { modality: 'denied', suppressed: false, cue: 'false' };
  const tailDenial = cueIn(words, to, words.length, CUES_DENIED_DENIES_DENY);
  if (tailDenial >= 0 && !NOT_DENIAL.has(words[tailDenial + 1]?.lower ?? '')) {
    const subject = words.slice(tailDenial - 4, tailDenial).map((w) => w.lower);
    if (subject.includes('which') || subject.includes(','))
      return { modality: 'denied', suppressed: false, cue: 'denied' };
  }
  // "said it would send" is a plan reported in the past; a bare "would" is a hypothetical.
  if (cueIn(words, clause.from > 3 ? clause.from - 4 : 0, from, REPORTED_WOULD) >= 0)
    return { modality: 'planned', suppressed: false, cue: 'said it would' };
  const hypo = cueBefore(words, clause.from, from, HYPOTHETICAL_BEFORE, 6);
  const wouldAfter = cueIn(words, to, Math.min(clause.to, to + 5), CUES_WOULD_COULD_MIGHT);
  if (hypo >= 0 || (wouldAfter >= 0 && words[from].lower.endsWith('ing')))
    return { modality: 'hypothetical', suppressed: false, cue: hypo >= 0 ? words[hypo].lower : 'would' };
  // A noun's modality is in its own modifiers ("a planned offensive", "possible strikes"), not in the
  // verbs of the clause ("sought to capitalise on their takeover" says nothing about the takeover).
  const planned = cueBefore(words, clause.from, from, PLANNED_BEFORE, isVerb ? 6 : 2);
  const possible = cueBefore(words, clause.from, from, POSSIBLE_BEFORE, isVerb ? 8 : 2);
  const possibleSentence = cueIn(words, 0, from, CUES_LIKELY_MAY_MIGHT_COULD_POSSIBLY);
  if (possible >= 0 || (isVerb && possibleSentence >= 0 && possibleSentence >= clause.from - 6)) {
    const cue = words[possible >= 0 ? possible : possibleSentence].lower;
    if (!cues.possible.weakOnly.includes(cue)) return { modality: 'possible', suppressed: false, cue };
  }
  if (planned >= 0) return { modality: 'planned', suppressed: false, cue: words[planned].lower };
  // "a broader ceasefire could be discussed", "a truce will take effect": a noun that is the subject of a
  // modal verb is as sure as that verb ("could not be verified" is about the report, not the event)
  if (!isVerb) {
    const modal = cueIn(words, to, Math.min(clause.to, to + 6), CUES_COULD_MIGHT_MAY_WILL);
    if (
      modal >= 0 &&
      !VERIFICATION.has(words[modal + 3]?.lower ?? '') &&
      !VERIFICATION.has(words[modal + 2]?.lower ?? '')
    )
      return {
        modality: words[modal].lower === 'will' ? 'planned' : 'possible',
        suppressed: false,
        cue: words[modal].lower,
      };
  }
  // A whole clause under "plans to … and deploy": the intent reaches the second verb.
  const scoped = isVerb ? cueIn(words, clause.from, from, CUES_SCOPED_INTENT) : -1;
  if (scoped >= 0) return { modality: 'planned', suppressed: false, cue: words[scoped].lower };
  return { modality: 'asserted', suppressed: false, cue: null };
}
