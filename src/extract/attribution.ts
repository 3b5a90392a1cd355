// Attribution: who says so. Reporting frames ("X said", ", said X", "according to X", "X told Reuters")
// are found per sentence; each covers part of the sentence, and quotes are tied to the frame beside them.

import data from '../../data/attribution.json' with { type: 'json' };
import type { Token } from '../annotate/index.ts';
import type { Actor, SourceKind } from '../types.ts';
import { DETERMINERS, extend } from './function-words.ts';

export interface ActorSpan {
  start: number;
  end: number;
  text: string;
  actor: Actor;
  generic: boolean;
}

export interface Frame {
  /** character span of the speaker phrase */
  speakerStart: number;
  speakerEnd: number;
  speaker: string;
  /** character span of the reporting verb */
  verbStart: number;
  verbEnd: number;
  verb: string;
  /** character range of the sentence that this frame attributes */
  scopeStart: number;
  scopeEnd: number;
  kind: SourceKind;
  name: string | null;
  /** the actor speaking, when the speaker is (or leads) a known actor */
  actor: Actor | null;
  /** the speaker is a pronoun or a definite anaphor resolved to an earlier frame */
  anaphoric: boolean;
}

const REPORTING = new Set(data.reportingVerbs);
const ACCORDING = data.accordingTo.map((p) => p.split(' '));
const INDEFINITE = new Set(data.indefiniteDeterminers);
const ANONYMOUS = data.anonymousCues;
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
/** Words that may stand between a speaker and its verb without being part of the speaker. */
const TRAILING = new Set([
  'earlier',
  'also',
  'later',
  'previously',
  'has',
  'have',
  'had',
  'separately',
  'meanwhile',
  'further',
  'then',
  'again',
  'repeatedly',
  'publicly',
  'subsequently',
  'initially',
  'first',
]);
/** "the claim", "a report", "its statement": after these a reporting word is a noun, not a verb. */
const NOUN_BEFORE = extend(DETERMINERS, 'such', 'any');
const PASSIVE_AUX = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be']);
const SPEAKER_BOUNDARY = new Set([',', '"', '“', '”', ';', ':', '(', ')', '—', '–']);
const SPEAKER_OPENERS = new Set([
  'as',
  'and',
  'but',
  'while',
  'that',
  'when',
  'after',
  'because',
  'since',
  'although',
]);
const MEDIA_AUDIENCE = new Set([
  'reuters',
  'cnn',
  'reporters',
  'journalists',
  'afp',
  'bbc',
  'ap',
  'the',
  'a',
]);

/** Per source kind: its one-word cues as a set, its longer cues as word sequences (looked up per speaker). */
const KIND_CUES = new Map(
  (['witness', 'organization', 'media', 'official', 'party_to_conflict'] as SourceKind[]).map((k) => {
    const cues = (data.kinds as Record<string, string[]>)[k];
    return [
      k,
      {
        single: new Set(cues.filter((w) => !w.includes(' '))),
        multi: cues.filter((w) => w.includes(' ')).map((w) => w.split(' ')),
      },
    ] as const;
  }),
);
/** First words of the "according to" frames, so that most words are ruled out by one lookup. */
const ACCORDING_FIRST = new Set(ACCORDING.map((seq) => seq[0]));

function containsSeq(words: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let k = 0; k < seq.length; k++) if (words[i + k] !== seq[k]) continue outer;
    return true;
  }
  return false;
}

const NON_STATE = new Set(['rebel', 'militia']);

/** SPEC source.kind of a speaker phrase. */
export function classifySpeaker(
  speaker: string,
  sentence: string,
  actors: ActorSpan[],
): { kind: SourceKind; name: string | null; actor: Actor | null } {
  const words: string[] = speaker.toLowerCase().match(/[\p{L}\p{N}.'’-]+/gu) ?? [];
  const has = (k: SourceKind) => {
    const cues = KIND_CUES.get(k)!;
    return words.some((w) => cues.single.has(w)) || cues.multi.some((seq) => containsSeq(words, seq));
  };
  const named = actors.find((a) => !a.generic) ?? null;
  const span = named ?? actors[0] ?? null;
  const actor = span?.actor ?? null;
  const lowerSentence = sentence.toLowerCase();
  const anonymous =
    words.includes('source') ||
    words.includes('sources') ||
    ANONYMOUS.some((cue) => cue.includes(' ') && lowerSentence.includes(cue)) ||
    (INDEFINITE.has(words[0] ?? '') &&
      has('official') &&
      !words.some((w) => w.startsWith('spokes')) &&
      !/\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(speaker));
  const properName = /(?:\p{Lu}[\p{L}'’-]+\s?){2,}/u.exec(speaker)?.[0]?.trim() ?? null;
  const name = named?.actor.name ?? properName;
  if (has('witness') && !has('organization') && !has('official')) return { kind: 'witness', name, actor };
  if (has('organization') && !(actor && NON_STATE.has(actor.kind ?? '') && !words.includes('observatory')))
    return { kind: 'organization', name: properName ?? name, actor };
  if (has('media') && !has('official') && !anonymous)
    return { kind: 'media', name: properName ?? name, actor };
  // "a Houthi official", "an HTS source": an armed group speaks even when its speaker is unnamed
  if (actor && NON_STATE.has(actor.kind ?? '')) return { kind: 'party_to_conflict', name, actor };
  if (anonymous) return { kind: 'anonymous_official', name, actor };
  if (has('party_to_conflict') && !has('official')) return { kind: 'party_to_conflict', name, actor };
  if (has('official') || actor?.kind === 'state_forces') return { kind: 'official', name, actor };
  if (actor) return { kind: actor.kind === 'civilians' ? 'witness' : 'official', name, actor };
  if (has('media')) return { kind: 'media', name: properName, actor: null };
  return { kind: properName ? 'witness' : 'media', name: properName, actor: null };
}

const RELATIVE = new Set(['which', 'who', 'whose']);

const NAME_WORD = /^(\p{Lu}[\p{L}.'’-]*|of|for|the|and|al|el|de|on|in|al-\p{L}+)$/u;
const isNameRun = (words: Token[], from: number, to: number) =>
  to > from &&
  to - from <= 10 &&
  /^\p{Lu}/u.test(words[from].text) &&
  words.slice(from, to).every((w) => NAME_WORD.test(w.text));

/**
 * "The Observatory for Human Rights, a UK-based monitor, said …" and "Jane Doe, a resident, said …":
 * a name at the head of the sentence, then an apposition between commas, then the verb.
 * `b` is where the words before the verb start (after a boundary).
 */
function appositiveSpeaker(words: Token[], b: number, r: number): [number, number] | null {
  let open: number;
  let end: number;
  if (b === r && words[r - 1]?.text === ',') {
    // "NAME, APPOSITION, said": find the comma that opens the apposition
    open = -1;
    for (let i = r - 2; i >= 0; i--)
      if (words[i].text === ',') {
        open = i;
        break;
      }
    end = r - 1;
  } else if (b > 0 && words[b - 1].text === ',') {
    // "NAME, APPOSITION earlier said"
    open = b - 1;
    end = trimSpeaker(words, b, r)[1];
  } else return null;
  if (open <= 0 || end <= open + 1) return null;
  const first = words[open + 1];
  // "the ministry, which uses …, said": a relative clause describes the speaker, who stands before it
  if (RELATIVE.has(first.lower)) {
    let head = open;
    while (head > 0 && !SPEAKER_BOUNDARY.has(words[head - 1].text)) head--;
    const [from, to] = trimSpeaker(words, head, open);
    return to > from && to - from <= 8 ? [from, to] : null;
  }
  if (!['a', 'an', 'the', 'one', 'two'].includes(first.lower) && !/^\p{Lu}/u.test(first.text)) return null;
  let head = open;
  while (head > 0 && !SPEAKER_BOUNDARY.has(words[head - 1].text)) head--;
  // the head is a name ("Jane Doe, a resident") or a role with its name in apposition ("a police officer, Capt. X")
  const roleHead =
    ['a', 'an', 'the'].includes(words[head].lower) && open - head <= 6 && /^\p{Lu}/u.test(first.text);
  return isNameRun(words, head, open) || roleHead ? [head, end] : null;
}

function trimSpeaker(words: Token[], from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (b > a && (TRAILING.has(words[b - 1].lower) || words[b - 1].lower.endsWith('ly'))) b--;
  // "on Friday" / "in a statement" before the verb belong to the verb, not the speaker
  while (a < b && SPEAKER_OPENERS.has(words[a].lower)) a++;
  return [a, b];
}

/** Reporting frames of one sentence. `words` are the sentence's tokens, offsets in the article. */
export function findFrames(
  words: Token[],
  sentenceStart: number,
  sentenceEnd: number,
  sentenceText: string,
  actorsIn: (start: number, end: number) => ActorSpan[],
): Frame[] {
  const frames: Frame[] = [];
  for (let r = 0; r < words.length; r++) {
    const w = words[r];
    let speakerFrom = -1;
    let speakerTo = -1;
    let verbTo = r + 1;
    let final = false;
    const according = ACCORDING_FIRST.has(w.lower)
      ? ACCORDING.find((seq) => seq.every((s, k) => words[r + k]?.lower === s))
      : undefined;
    if (according) {
      verbTo = r + according.length;
      speakerFrom = verbTo;
      speakerTo = verbTo;
      while (
        speakerTo < words.length &&
        !SPEAKER_BOUNDARY.has(words[speakerTo].text) &&
        words[speakerTo].text !== '.'
      )
        speakerTo++;
      final = r > 0 && words[r - 1].text === ',';
      if (!final && r === 0) final = false;
    } else if (
      REPORTING.has(w.lower) &&
      !/^\p{Lu}/u.test(w.text) &&
      // "fighting was reported in X", "he is said to": a passive names no speaker
      !PASSIVE_AUX.has(words[r - 1]?.lower ?? '') &&
      // "rejected the claim", "a report": a noun, not a verb
      !NOUN_BEFORE.has(words[r - 1]?.lower ?? '')
    ) {
      let b = r;
      while (b > 0 && !SPEAKER_BOUNDARY.has(words[b - 1].text)) b--;
      const apposed = appositiveSpeaker(words, b, r);
      const [from, to] = apposed ?? trimSpeaker(words, b, r);
      if (apposed) {
        speakerFrom = from;
        speakerTo = to;
        // "…, a police officer, Capt. X, said.": an apposed speaker after a comma closes the sentence
        final = from > 0 && [',', '”', '"'].includes(words[from - 1].text);
      } else if (to > from) {
        speakerFrom = from;
        speakerTo = to;
        final = b > 0 && [',', '”', '"'].includes(words[b - 1].text);
      } else if (r > 0 && [',', '”', '"'].includes(words[r - 1].text)) {
        // inversion: `…, said the ministry.`
        speakerFrom = r + 1;
        speakerTo = speakerFrom;
        while (
          speakerTo < words.length &&
          !SPEAKER_BOUNDARY.has(words[speakerTo].text) &&
          words[speakerTo].text !== '.'
        )
          speakerTo++;
        final = true;
      }
      if (speakerFrom >= 0 && w.lower === 'told') {
        // "X told Reuters that …": the audience is not part of the frame's scope
        while (verbTo < words.length && MEDIA_AUDIENCE.has(words[verbTo].lower)) verbTo++;
      }
      // a subject that is itself a long clause is not a speaker ("… that rebels said" is handled as initial)
      if (speakerTo - speakerFrom > 18) speakerFrom = -1;
    }
    if (speakerFrom < 0 || speakerTo <= speakerFrom) continue;
    const sStart = words[speakerFrom].start;
    const sEnd = words[speakerTo - 1].end;
    const speaker = sentenceText.slice(sStart - sentenceStart, sEnd - sentenceStart);
    const first = words[speakerFrom].lower;
    const anaphoric =
      (PRONOUNS.has(first) && speakerTo - speakerFrom === 1) ||
      /^the (official|spokesman|spokeswoman|spokesperson|source|officer|commander|minister|statement|group|monitor)$/i.test(
        speaker,
      );
    // A frame after a comma is sentence-final (", a source said on Friday.") only when no complement
    // follows the verb; ", the ministry said it had arrested 12" opens its own complement.
    if (final && !according && hasComplement(words, verbTo)) final = false;
    const prevFrame = frames[frames.length - 1];
    const scopeStart = final
      ? prevFrame
        ? prevFrame.scopeEnd
        : sentenceStart
      : words[Math.min(verbTo, words.length - 1)].start;
    const scopeEnd = final ? sStart : complementEnd(words, verbTo, sentenceEnd);
    const actors = actorsIn(sStart, sEnd);
    const { kind, name, actor } = classifySpeaker(speaker, sentenceText, actors);
    frames.push({
      speakerStart: sStart,
      speakerEnd: sEnd,
      speaker,
      verbStart: w.start,
      verbEnd: words[verbTo - 1].end,
      verb: w.text,
      scopeStart,
      scopeEnd,
      kind,
      name,
      actor,
      anaphoric,
    });
    r = Math.max(r, verbTo - 1);
  }
  return frames;
}

/** Words after a verb that belong to the frame itself, not to what is reported. */
const FRAME_TAIL = new Set([
  'on',
  'in',
  'a',
  'an',
  'the',
  'statement',
  'condition',
  'of',
  'anonymity',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'late',
  'earlier',
  'later',
  'today',
  'yesterday',
  'reuters',
  'reporters',
  'journalists',
  'cnn',
  'afp',
  'bbc',
  'television',
  'video',
  'post',
  'online',
  'briefing',
  'told',
  'separately',
  'also',
  'night',
  'morning',
  'evening',
  'afternoon',
  'that',
  'by',
  'phone',
  'telephone',
  'interview',
  'news',
  'conference',
]);
const COMPLEMENT_STOP = new Set([
  'as',
  'while',
  'after',
  'when',
  'before',
  'since',
  'adding',
  'saying',
  'but',
  'and',
  'amid',
]);

function hasComplement(words: Token[], from: number): boolean {
  let n = 0;
  for (let i = from; i < words.length; i++) {
    const w = words[i];
    if (w.text === '.' || w.text === ';') break;
    if (w.text === ',' || COMPLEMENT_STOP.has(w.lower)) break;
    if (!FRAME_TAIL.has(w.lower) && /\p{L}/u.test(w.text)) n++;
  }
  return n >= 3;
}

/** What a frame reports ends where the reporter's own clause begins (", a day after …", " as …"). */
function complementEnd(words: Token[], from: number, sentenceEnd: number): number {
  for (let i = from + 1; i < words.length; i++) {
    if (words[i - 1].text !== ',') continue;
    const a = words[i].lower;
    const b = words[i + 1]?.lower ?? '';
    if (['after', 'as', 'while', 'hours', 'days', 'weeks', 'since', 'when'].includes(a))
      return words[i].start;
    if ((a === 'a' || a === 'one' || a === 'two') && ['day', 'week', 'days', 'weeks'].includes(b))
      return words[i].start;
  }
  return sentenceEnd;
}

/** Indexes of words that are reporting verbs (used to cut clauses after "X said"). */
export function reportingVerbIndexes(words: Token[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < words.length; i++) if (REPORTING.has(words[i].lower)) out.add(i);
  return out;
}
