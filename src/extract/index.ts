// The extraction pipeline, chrono-node style: trigger parsers find candidate events in each sentence,
// then refiners decide their arguments, modality and attribution; the in-article merge runs last.
//
//   annotate → triggers → arguments → modality → attribution → resolve (places, actors, dates) → merge

import rules from '../../data/event-rules.json' with { type: 'json' };
import cues from '../../data/modality-cues.json' with { type: 'json' };
import { annotate, stripDateHeader, type Token } from '../annotate/index.ts';
import { articleId } from '../input/article-id.ts';
import { actorLexicon } from '../knowledge/actors.ts';
import { triggerLexicon } from '../knowledge/triggers.ts';
import { typeInfo } from '../knowledge/types.ts';
import { mergeInArticle } from '../merge/in-article.ts';
import { actorById, actorKindIn, findActors } from '../resolve/actors.ts';
import { capitalOf, countryPlace } from '../resolve/countries.ts';
import { type DateMention, findDates, NUMBER_WORDS } from '../resolve/dates.ts';
import { geoparseArticle, type Place } from '../resolve/places.ts';
import type { Actor, Article, EventRecord, EventType, Location, Modality, Source, Span } from '../types.ts';
import { chooseActors, choosePlaces, type PlaceChoice } from './arguments.ts';
import {
  type ActorSpan,
  classifySpeaker,
  type Frame,
  findFrames,
  reportingVerbIndexes,
} from './attribution.ts';
import { clauseOf, segmentClauses } from './clauses.ts';
import { findFatalities } from './fatalities.ts';
import { modalityOf } from './modality.ts';
import { acledCodes, eventId, ploverCodes } from './record.ts';
import { findTriggers, type TriggerMatch } from './triggers.ts';

export interface ExtractOptions {
  /** publication date (YYYY-MM-DD) when the article carries none */
  date?: string;
}

/** Development aid: SITREP_TRACE=1 prints why each trigger was dropped (stderr). */
const TRACE = typeof process !== 'undefined' && !!process.env.SITREP_TRACE;
const trace = (trigger: TriggerMatch, why: string) => {
  if (TRACE) console.error(`drop ${trigger.phrase.entry.type} @${trigger.start}: ${why}`);
};

/** Below this confidence a candidate is dropped: it is more likely noise than an event. */
const MIN_CONFIDENCE = 0.3;

interface SentenceInfo {
  index: number;
  start: number;
  end: number;
  text: string;
  readonly words: Token[];
  readonly frames: Frame[];
}

/** One candidate event before merging: the record plus what the merge needs. */
export interface Candidate {
  record: EventRecord;
  sentence: number;
  triggerStart: number;
  /** where the trigger's required object is (earlier wins among alternatives of one span) */
  objectAt: number;
  family: string;
}

function toActor(span: ActorSpan | null): Actor | null {
  if (!span) return null;
  return { name: span.actor.name, id: span.actor.id, kind: span.actor.kind, country: span.actor.country };
}

function toLocation(choice: PlaceChoice | null, fallback: Place | null): Location | null {
  const place = choice?.toponym.place ?? fallback;
  if (!place) return null;
  return {
    name: place.name,
    lat: place.lat,
    lon: place.lon,
    admin1: place.admin1,
    country: place.country,
    precision: choice ? choice.precision : place.precision,
    geonameId: place.geonameId,
  };
}

function normaliseArticle(input: Article | string, opts: ExtractOptions): Article {
  if (typeof input === 'string') {
    const { date } = stripDateHeader(input);
    return { id: articleId(input), date: date ?? opts.date ?? null, text: input };
  }
  const { date } = stripDateHeader(input.text);
  return { ...input, date: input.date ?? date ?? opts.date ?? null };
}

/** Whether the span lies in a speaker phrase (a place or actor there is who speaks, not where things happen). */
function speakerSpans(frames: Frame[]): Array<[number, number]> {
  return frames.map((f) => [f.speakerStart, f.speakerEnd]);
}

/** What may stand before a town that fronts its sentence as the scene: "In", "Meanwhile in the city of". */
const FRONTED_SCENE =
  /^\s*(?:\w+,\s*)?(?:in|at|near|outside|around)\s+(?:the\s+)?(?:\w+\s+)?(?:(?:city|town|village|capital)\s+of\s+)?$/i;

const DAY_MS = 86_400_000;
/** ", a day after …" / ", two weeks after …" with no clause break up to the trigger. */
const RELATIVE_AFTER = /,\s*(a|one|two|three|four|five|six|seven|\d+)\s+(days?|weeks?)\s+after\b[^,;:]*$/i;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * No date in the text: the article's date, except for a past perfect ("had been abducted", "had taken"),
 * which the report places before its own time: the week up to the article's date.
 */
function undatedEventDate(anchor: string | null, words: Token[], trigger: TriggerMatch): EventRecord['date'] {
  if (!anchor) return { value: null, end: null, precision: null, text: null };
  const before = words.slice(Math.max(0, trigger.from - 3), trigger.from).map((w) => w.lower);
  if (before.includes('had') && (trigger.phrase.form === 'participle' || trigger.phrase.form === 'past'))
    return { value: isoDay(Date.parse(anchor) - 6 * DAY_MS), end: anchor, precision: 'week', text: null };
  return { value: anchor, end: null, precision: 'day', text: null };
}

const WEEKDAY_ONLY =
  /^(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:night|morning|afternoon|evening))?$/i;

/** "will march on Thursday": a bare weekday in a plan is the coming one, not the last one. */
function futureWeekday(date: DateMention, anchor: string): Partial<EventRecord['date']> {
  if (!WEEKDAY_ONLY.test(date.text) || date.value >= anchor) return {};
  return { value: isoDay(Date.parse(date.value) + 7 * DAY_MS), end: null };
}

const SUBORDINATE = new Set([
  'since',
  'after',
  'before',
  'until',
  'when',
  'while',
  'as',
  'which',
  'who',
  'that',
  'because',
  'where',
]);

/**
 * The event's date mention: one in the trigger's clause, else one in a main clause of the sentence (a date in
 * "since …" or "after …" belongs to that clause's own event), never the date of the reporting verb unless
 * nothing else is given ("said on Friday" dates the statement).
 */
function pickDate(
  dates: DateMention[],
  trigger: TriggerMatch,
  clause: { start: number; end: number },
  clauses: Array<{ start: number; end: number; opener: string }>,
  frames: Frame[],
): DateMention | null {
  if (!dates.length) return null;
  const isSpeechDate = (d: DateMention) =>
    frames.some((f) => d.start >= f.verbEnd && d.start - f.verbEnd <= 4);
  const inSubordinate = (d: DateMention) =>
    clauses.some((c) => d.start >= c.start && d.end <= c.end && SUBORDINATE.has(c.opener));
  const inClause = dates.filter((d) => d.start >= clause.start && d.end <= clause.end && !isSpeechDate(d));
  const pool = inClause.length ? inClause : dates.filter((d) => !isSpeechDate(d) && !inSubordinate(d));
  const candidates = pool.length ? pool : dates.filter(isSpeechDate);
  if (!candidates.length) return null;
  let best = candidates[0];
  for (const d of candidates)
    if (Math.abs(d.start - trigger.start) < Math.abs(best.start - trigger.start)) best = d;
  return best;
}

/** A simple past with no date continues the time of the sentence before it ("… 13 years ago. Assad regained …"). */
function narrativeDate(
  trigger: TriggerMatch,
  words: Token[],
  previous: SentenceInfo | undefined,
  anchor: string,
): DateMention | null {
  if (!previous || trigger.phrase.pos !== 'verb' || trigger.phrase.form !== 'past') return null;
  const aux = words[trigger.from - 1]?.lower ?? '';
  if (['has', 'have', 'had', 'was', 'were', 'is', 'are', 'been'].includes(aux)) return null;
  const dates = findDates(previous.text, anchor, previous.start);
  const last = dates[dates.length - 1];
  if (!last) return null;
  const value = last.endValue ?? last.value;
  // only a clearly older time frame: a date within the last month is the news itself
  const ageDays =
    (Date.parse(anchor) -
      Date.parse(value.length === 4 ? `${value}-12-31` : value.length === 7 ? `${value}-28` : value)) /
    86_400_000;
  return ageDays > 31 ? last : null;
}

// a quote closed by a full stop, or followed by a new paragraph, is finished: the next sentence's
// speaker is not its source
const ADJACENT_AFTER = /^[,!?…]?[ \t]*["”’']?[ \t]*,?[ \t]*$/;
const ADJACENT_BEFORE = /^\s*(?:on \w+|in a statement|in a post)?\s*[:,]?\s*["“‘']?\s*$/;

/** The frame that attributes a position: the quote's speaker for quoted text, else a frame whose scope covers it. */
function frameFor(
  text: string,
  pos: number,
  sentence: SentenceInfo,
  sentences: SentenceInfo[],
  quotes: Array<{ start: number; end: number }>,
): Frame | null {
  const quote = quotes.find((q) => pos >= q.start && pos < q.end);
  let frame: Frame | null = null;
  if (quote) {
    const all = sentences
      .filter((s) => s.end >= quote.start - 200 && s.start <= quote.end + 200)
      .flatMap((s) => s.frames);
    // the frame stands right after the closing mark (`," the official said`) or right before the opening one
    frame =
      all.find(
        (f) =>
          text[quote.end - 1] !== '.' &&
          f.verbStart >= quote.end &&
          ADJACENT_AFTER.test(text.slice(quote.end, Math.min(f.speakerStart, f.verbStart))),
      ) ??
      all.find((f) => f.verbEnd <= quote.start && ADJACENT_BEFORE.test(text.slice(f.verbEnd, quote.start))) ??
      null;
    if (!frame) {
      // a quote that opens a new paragraph without its own frame continues the last speaker
      const before = sentences
        .filter((s) => s.start < quote.start && s.index >= sentence.index - 3)
        .flatMap((s) => s.frames);
      frame = before[before.length - 1] ?? null;
    }
  } else {
    frame =
      sentence.frames.find(
        (f) => pos >= f.scopeStart && pos < f.scopeEnd && !(pos >= f.speakerStart && pos < f.speakerEnd),
      ) ?? null;
  }
  if (frame?.anaphoric) {
    const earlier = sentences
      .filter((s) => s.index < sentence.index && s.index >= sentence.index - 4)
      .flatMap((s) => s.frames)
      .filter((f) => !f.anaphoric);
    const antecedent = earlier[earlier.length - 1];
    if (antecedent)
      frame = {
        ...antecedent,
        speakerStart: frame.speakerStart,
        speakerEnd: frame.speakerEnd,
        scopeStart: frame.scopeStart,
        scopeEnd: frame.scopeEnd,
      };
  }
  return frame;
}

/** Verbs whose subject is an attack itself: a munition or blast that did something. */
const IMPACT_VERBS = new Set([
  'landed',
  'struck',
  'hit',
  'killed',
  'exploded',
  'detonated',
  'wounded',
  'injured',
  'destroyed',
  'damaged',
  'targeted',
  'tore',
  'ripped',
  'rocked',
  'shook',
  'went',
  'fell',
  'slammed',
  'pounded',
]);
const ANAPHORIC_DENIAL = cues.anaphoricDenial.patterns.map((p) => new RegExp(p, 'i'));
const REQUEST_TYPES = new Set(['appeal', 'threat']);
const DEFAULT_ACTOR1 = rules.defaultActor1 as Partial<Record<EventType, string>>;
const NON_STATE = new Set(rules.nonStateActor1);
const PASSIVE_SUBJECT_IS_ACTOR1 = new Set(rules.passiveSubjectIsActor1);
const SYMMETRIC = new Set(rules.symmetric);
const CAPITAL_INSTITUTIONS = new RegExp(
  `\\b(?:${rules.capitalInstitutions.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`,
  'i',
);

/** Whether a toponym within an actor's span is a word of its name: a capitalised name word touches it. */
function insideName(text: string, actor: ActorSpan, t: { start: number; end: number }): boolean {
  if (actor.start === t.start && actor.end === t.end) return false;
  return (
    /^[\s-]+\p{Lu}/u.test(text.slice(t.end, actor.end)) ||
    /\p{Lu}[\p{L}'’]*[\s-]+$/u.test(text.slice(actor.start, t.start))
  );
}

/** What follows a passive killing that names its cause or agent ("killed in the strike", "killed by"). */
const CAUSE_AFTER = new Set(['in', 'during', 'by', 'when', 'after', 'amid', 'as', 'while']);
/** "in northern Myanmar", "from the east of Syria": a country named as a place, not as an actor. */
const LOCATIVE_BEFORE =
  /\b(?:in|at|near|from|across|into|inside|outside|throughout|to|of)\s+(?:the\s+)?(?:[\p{Ll}-]+ern\s+|central\s+)?$/u;
const OWNER_BEFORE = /\b(?:its|their)\s+(?:[\p{L}-]+\s+)?$/iu;
const ARMED_GROUP_KINDS = new Set(['rebel', 'militia']);
const DEFINITE_BEFORE = /\b(?:the|its|their)\s+(?:[\p{L}'’-]+\s+){0,2}$/iu;

/**
 * "The al Qaeda-linked group said its fighters …", "the rebels": a definite description of an unnamed armed
 * group refers back to the group the report last named.
 */
function isDefiniteGroup(text: string, span: ActorSpan): boolean {
  if (!span.generic || !ARMED_GROUP_KINDS.has(span.actor.kind ?? '')) return false;
  return (
    /^the\b/i.test(span.text) || DEFINITE_BEFORE.test(text.slice(Math.max(0, span.start - 40), span.start))
  );
}

/** Bare force words that modify an event noun ("an army air strike"); a pseudo-type for their default actor. */
const FORCE_MODIFIERS = new Set(rules.forceModifiers);
const FORCES_OF = '@forces-of' as const;

/** Who acts when the text names nobody, per data/event-rules.json. */
function defaultActor(type: EventType | typeof FORCES_OF, country: string | null): Actor | null {
  const ref = type === FORCES_OF ? '@forces' : DEFAULT_ACTOR1[type];
  if (!ref) return null;
  if (ref.startsWith('@')) {
    const state = country ? actorLexicon().states.get(country) : undefined;
    if (!state) return null;
    return actorById(ref === '@forces' ? state.forces : state.state);
  }
  return actorById(ref);
}

/** Protesters who attack are rioting: the type follows the actor (data/event-rules.json `retype`). */
function retype(type: EventType, actor1: Actor | null): EventType {
  if (!actor1?.id) return type;
  for (const r of rules.retype)
    if (r.actor1.includes(actor1.id) && r.from.includes(type)) return r.to as EventType;
  return type;
}

export function extract(input: Article | string, opts: ExtractOptions = {}): EventRecord[] {
  const article = normaliseArticle(input, opts);
  const { text } = article;
  const anchor = article.date;
  const annotated = annotate(text);
  const lexicon = triggerLexicon();
  const geo = geoparseArticle(text);
  const { countries } = geo;
  const actorMentions: ActorSpan[] = findActors(text, { countries });
  // a place name inside a group's proper name ("Kurdistan Workers Party", "Hayat Tahrir al-Sham") is no scene
  const toponyms = geo.toponyms.filter(
    (t) => !actorMentions.some((a) => a.start <= t.start && a.end >= t.end && insideName(text, a, t)),
  );
  const actorsIn = (s: number, e: number) => actorMentions.filter((a) => a.start >= s && a.end <= e);
  const mainCountry = countries[0] ? countryPlace(countries[0]) : null;
  const focusTown = focusTownOf(toponyms, countries[0]);

  // Frames (who says what) are found only for the sentences that need them: those with triggers, with
  // a town that may be the scene, or next to a quote or a denial.
  const sentences: SentenceInfo[] = annotated.sentences.map((s) => {
    let frames: Frame[] | null = null;
    return {
      index: s.index,
      start: s.start,
      end: s.end,
      text: s.text,
      get words() {
        return s.tokens;
      },
      get frames() {
        frames ??= s.tokens.length ? findFrames(s.tokens, s.start, s.end, s.text, actorsIn) : [];
        return frames;
      },
    };
  });

  const candidates: Candidate[] = [];
  let lastActor: ActorSpan | null = null;
  /** the last armed group named outright: what "the group" or "its fighters" refer to */
  let lastGroup: ActorSpan | null = null;
  const namedGroup = (spans: ActorSpan[]) =>
    spans.filter((a) => !a.generic && ARMED_GROUP_KINDS.has(a.actor.kind ?? '')).pop() ?? null;
  const resolveDefinite = (span: ActorSpan | null): ActorSpan | null =>
    span && lastGroup && isDefiniteGroup(text, span)
      ? { ...lastGroup, start: span.start, end: span.end, text: span.text }
      : span;
  /** the last town named outside a speaker phrase: the scene of sentences that name none */
  let recentPlace = null as Place | null;
  let recentPlaceSentence = -1;
  for (const sentence of sentences) {
    const { words } = sentence;
    if (!words.length) continue;
    if (recentPlaceSentence < sentence.index - 2) recentPlace = null;
    const triggers = findTriggers(words, lexicon);
    candidates.push(...denialsOfPrevious(article.id, sentence, candidates, triggers, actorMentions));
    const sceneOf = () => {
      const inSentence = toponyms.filter(
        (t) => t.start >= sentence.start && t.end <= sentence.end && t.place.precision <= 2,
      );
      if (!inSentence.length) return;
      const frames = speakerSpans(sentence.frames);
      const towns = inSentence.filter((t) => !frames.some(([a, b]) => t.start >= a && t.end <= b));
      if (towns.length) {
        // "In Kinshasa, … the fall of Goma …": a town fronting the sentence is its scene, else the last one named
        const fronted = FRONTED_SCENE.test(text.slice(sentence.start, towns[0].start)) && towns[0];
        recentPlace = (fronted || towns[towns.length - 1]).place;
        recentPlaceSentence = sentence.index;
      }
    };
    if (!triggers.length) {
      sceneOf();
      lastGroup = namedGroup(actorsIn(sentence.start, sentence.end)) ?? lastGroup;
      lastActor =
        actorsIn(sentence.start, sentence.end)
          .filter((a) => a.actor.kind !== 'civilians')
          .pop() ?? lastActor;
      continue;
    }
    const clauses = segmentClauses(words, reportingVerbIndexes(words));
    // character spans of the clauses, for dating (a date in a "since …" clause is that clause's own)
    const clauseSpans = clauses.map((c) => ({
      start: words[c.from].start,
      end: words[c.to - 1].end,
      opener: words[c.from].lower,
    }));
    const sentenceActors = actorsIn(sentence.start, sentence.end);
    const sentenceActorSpans: Array<[number, number]> = sentenceActors.map((a) => [a.start, a.end]);
    const hasAfter = sentence.text.includes(' after ');
    const sentenceToponyms = toponyms.filter((t) => t.start >= sentence.start && t.end <= sentence.end);
    const excluded = speakerSpans(sentence.frames);
    const placeSpans: Array<[number, number]> = sentenceToponyms
      .filter((t) =>
        /\b(in|to|into|from|at|near|towards?|across|inside|outside|around|of|border with)\s+(the\s+)?$/i.test(
          text.slice(Math.max(sentence.start, t.start - 12), t.start),
        ),
      )
      .map((t) => [t.start, t.end]);
    const dates = anchor ? findDates(sentence.text, anchor, sentence.start) : [];
    const fatalities = findFatalities(sentence.text, sentence.start);

    // Equal-span alternatives (send troops / send missiles) are resolved by which object comes first.
    const bySpan = new Map<string, TriggerMatch[]>();
    for (const t of triggers) {
      const key = `${t.from}:${t.to}`;
      bySpan.set(key, [...(bySpan.get(key) ?? []), t]);
    }
    // What an appeal or threat asks for ("urged the authorities to allow protests") is not an event.
    const requests = triggers.filter((t) => REQUEST_TYPES.has(t.phrase.entry.type));
    const inRequest = (t: TriggerMatch) =>
      requests.some((r) => {
        if (r === t || r.to > t.from || t.from - r.to > 14) return false;
        const between = words.slice(r.to, t.from);
        return (
          between.some((w) => w.lower === 'to' || w.lower === 'for') &&
          !between.some((w) => w.text === ';' || w.text === '.')
        );
      });
    for (const group of bySpan.values()) {
      for (const trigger of group) {
        if (inRequest(trigger)) {
          trace(trigger, 'in request');
          continue;
        }
        const { entry } = trigger.phrase;
        let type = entry.type as EventType;
        let info = typeInfo(type);
        const clause = clauseOf(clauses, trigger.from);
        const mod = modalityOf(words, trigger.from, trigger.to, clause, trigger.phrase.pos === 'verb');
        if (mod.suppressed) {
          trace(trigger, 'modality suppressed');
          continue;
        }
        // "Moscow's defence ministry said its troops had taken …": unnamed forces owned by "its"/"their" are the
        // nearest named actor before them (the speaker included)
        const resolveOwner = (span: ActorSpan | null): ActorSpan | null => {
          if (!span?.generic || !OWNER_BEFORE.test(text.slice(Math.max(0, span.start - 12), span.start)))
            return span;
          const candidates = sentenceActors.filter(
            (a) =>
              a.end <= span.start &&
              !a.generic &&
              a.actor.kind !== 'civilians' &&
              !LOCATIVE_BEFORE.test(text.slice(Math.max(0, a.start - 30), a.start)),
          );
          // "the Joint Forces, an alliance … fighting alongside the army, said its fighters": the speaker's head
          const speaker = sentence.frames.find(
            (f) => span.start >= f.scopeStart && span.start < f.scopeEnd && f.speakerEnd <= span.start,
          );
          const owner =
            (speaker &&
              candidates.find((a) => a.start >= speaker.speakerStart && a.end <= speaker.speakerEnd)) ||
            candidates.pop();
          return owner ? { ...owner, start: span.start, end: span.end, text: span.text } : span;
        };
        const choice = chooseActors({
          words,
          clauses,
          clause,
          trigger,
          actors: sentenceActors,
          excluded,
          placeSpans,
        });
        let actor1 = resolveOwner(resolveDefinite(namedAfterGeneric(choice.actor1, sentenceActors, text)));
        if (TRACE)
          console.error(
            'choice',
            JSON.stringify({
              a1: choice.actor1?.text,
              a2: choice.actor2?.text,
              pr: choice.pronoun?.text,
              sw: choice.subjectWords,
              clause: [clause.from, clause.to, words[clause.from].text],
            }),
          );
        // "troops were deployed to X": the subject of the passive is who moved
        if (trigger.passive && !actor1 && PASSIVE_SUBJECT_IS_ACTOR1.has(type) && choice.actor2) {
          actor1 = choice.actor2;
          choice.actor2 = null;
        }
        let corefToSpeaker = false;
        const frame = frameFor(text, trigger.start, sentence, sentences, annotated.quotes);
        if (!actor1 && choice.pronoun) {
          // nearest actor before the pronoun in this sentence (speakers included), else the last one seen
          const before = sentenceActors.filter(
            (a) =>
              a.end <= choice.pronoun!.start &&
              a.actor.kind !== 'civilians' &&
              !LOCATIVE_BEFORE.test(text.slice(Math.max(0, a.start - 30), a.start)),
          );
          // "the military said … and that it had destroyed …": a singular pronoun in a speaker's report is the speaker
          const speaker =
            frame && /^its?$/i.test(choice.pronoun.text)
              ? before.find((a) => a.start >= frame.speakerStart && a.end <= frame.speakerEnd)
              : undefined;
          actor1 = speaker ?? before[before.length - 1] ?? lastActor;
          if (frame?.actor && actor1 && frame.actor.id === actor1.actor.id) corefToSpeaker = true;
        }
        // "the ministry announced a ceasefire": what a speaker announces or declares, the speaker does
        if (
          !actor1 &&
          frame &&
          /^(announc|declar|proclaim|impos|order)/i.test(frame.verb) &&
          trigger.start >= frame.verbEnd &&
          trigger.start - frame.verbEnd <= 16
        )
          actor1 =
            sentenceActors.find((a) => a.start >= frame.speakerStart && a.end <= frame.speakerEnd) ?? null;
        // "killed in clashes with M23": in a two-sided event the only side named is a side (an ally
        // "alongside" it is not)
        if (
          !actor1 &&
          choice.actor2 &&
          SYMMETRIC.has(type) &&
          choice.actor2.actor.kind !== 'civilians' &&
          !/\b(?:alongside|beside|with the help of|backed by|supported by)\s+(?:the\s+)?$/i.test(
            text.slice(Math.max(0, choice.actor2.start - 24), choice.actor2.start),
          )
        ) {
          actor1 = choice.actor2;
          choice.actor2 = null;
        }
        const subjectWords = new Set([
          ...choice.subjectWords,
          ...(actor1?.text.toLowerCase().split(/\s+/) ?? []),
        ]);
        // "@place": a place named in the subject ("the headquarters had fallen", "Kidal has fallen")
        const subjectPlace =
          entry.requireActorWords?.includes('@place') &&
          sentenceToponyms.some(
            (t) => t.start >= words[clause.from].start && t.end <= trigger.start && t.place.precision <= 3,
          );
        if (
          entry.requireActorWords &&
          !subjectPlace &&
          !entry.requireActorWords.some(
            (w) => subjectWords.has(w) || [...subjectWords].some((s) => s.includes(w) && w.includes(' ')),
          )
        ) {
          trace(trigger, 'requireActorWords');
          continue;
        }
        // "X was killed on Monday, sources said": a passive killing that is the sentence's only event stands alone
        // ("killed in the strike" names its cause: an event told elsewhere)
        const loneEvent =
          trigger.passive &&
          triggers.every((o) => o.from === trigger.from) &&
          !CAUSE_AFTER.has(words[trigger.to]?.lower ?? '');
        if (entry.requireActor && !actor1 && !loneEvent) {
          trace(trigger, 'requireActor');
          continue;
        }
        // Protesters who attack are rioting; a protest is never by a state's forces.
        let a1Actor: Actor | null = toActor(actor1);
        type = retype(type, a1Actor);
        info = typeInfo(type);
        if (NON_STATE.has(type) && a1Actor?.kind === 'state_forces') {
          actor1 = null;
          a1Actor = null;
        }

        const places = choosePlaces({
          words,
          clause,
          trigger,
          toponyms: sentenceToponyms,
          excluded,
          pref: { place: info.place, directional: info.directional },
          actorSpans: sentenceActorSpans,
        });
        const clauseStart = words[clause.from].start;
        const clauseEnd = words[clause.to - 1].end;
        const inClausePlaces = places.filter(
          (p) => p.toponym.start >= clauseStart && p.toponym.end <= clauseEnd,
        );
        if (
          entry.requirePlace &&
          !inClausePlaces.some(
            (p) =>
              ['object', 'of', 'in'].includes(p.role) &&
              p.toponym.start > trigger.start &&
              p.toponym.place.precision <= 3,
          )
        ) {
          trace(trigger, 'requirePlace');
          continue;
        }
        // A noun inside a speaker's description ("the faction leading the assault told CNN") is not an event.
        if (
          (trigger.phrase.pos === 'noun' || trigger.phrase.form === 'ing') &&
          excluded.some(([a, b]) => trigger.start >= a && trigger.end <= b)
        ) {
          trace(trigger, 'noun in speaker phrase');
          continue;
        }
        // A bare noun with nobody and nowhere is a mention, not a report, unless it is the subject of what
        // happened ("mortar rounds landed near the airport", "a roadside bomb killed four").
        if (
          trigger.phrase.pos === 'noun' &&
          !actor1 &&
          !inClausePlaces.length &&
          !choice.actor2 &&
          !words.slice(trigger.to, trigger.to + 4).some((w) => IMPACT_VERBS.has(w.lower))
        ) {
          trace(trigger, 'bare noun');
          continue;
        }

        // Attribution and the party's own claim.
        let modality: Modality = mod.modality;
        let source: Source = { text: null, kind: 'reporter', name: null };
        if (frame) source = { text: frame.speaker, kind: frame.kind, name: frame.name };
        const speakerIsActor =
          frame?.actor &&
          actor1 &&
          (frame.actor.id === actor1.actor.id || corefToSpeaker) &&
          frame.actor.id !== null;
        if (
          modality === 'asserted' &&
          info.claimable &&
          speakerIsActor &&
          (source.kind === 'party_to_conflict' || source.kind === 'official')
        )
          modality = 'claimed';
        // "the group said its fighters captured X": a party speaking of unnamed or its own forces claims it
        const ownForces =
          !!actor1 &&
          (actor1.generic ||
            /^(its|their|our)\b/i.test(
              text
                .slice(Math.max(0, actor1.start - 6), actor1.start)
                .trim()
                .split(/\s+/)
                .pop() ?? '',
            ));
        if (
          modality === 'asserted' &&
          source.kind === 'party_to_conflict' &&
          info.claimable &&
          (!actor1 || ownForces || corefToSpeaker)
        )
          modality = 'claimed';
        if (
          modality === 'asserted' &&
          frame &&
          /^(claimed|claims|claim|alleged|alleges)$/i.test(frame.verb) &&
          info.claimable
        )
          modality = 'claimed';
        if (frame && /^(denied|denies|deny)$/i.test(frame.verb) && modality === 'asserted')
          modality = 'denied';

        const date =
          pickDate(dates, trigger, { start: clauseStart, end: clauseEnd }, clauseSpans, sentence.frames) ??
          (anchor ? narrativeDate(trigger, words, sentences[sentence.index - 1], anchor) : null);
        const eventDate = date
          ? { value: date.value, end: date.endValue, precision: date.precision, text: date.text }
          : undatedEventDate(anchor, words, trigger);
        // ", a day after police shot dead protesters": the time of the main clause, moved back
        const before = hasAfter ? RELATIVE_AFTER.exec(text.slice(sentence.start, trigger.start)) : null;
        if (before && eventDate.value && eventDate.value.length === 10) {
          const n = NUMBER_WORDS[before[1].toLowerCase()] ?? Number(before[1]);
          const days = /week/i.test(before[2]) ? 7 * n : n;
          if (days > 0) {
            eventDate.value = isoDay(Date.parse(eventDate.value) - days * DAY_MS);
            eventDate.end = null;
            eventDate.precision = 'day';
          }
        }
        if (date && (modality === 'planned' || modality === 'possible') && anchor)
          Object.assign(eventDate, futureWeekday(date, anchor));
        const fatal = fatalities.find((f) => f.start >= clauseStart - 40 && f.end <= clauseEnd + 60) ?? null;

        // A hypothetical with nobody doing it ("Seizing X would …") is a musing, not an event.
        if (modality === 'hypothetical' && !actor1) {
          trace(trigger, 'hypothetical without actor');
          continue;
        }
        let fallback: Place | null = null;
        if (!places.length && info.actorCountryFallback && actor1?.actor.country) {
          // a state closing its border acts in its own country, whatever town the story was about
          fallback = countryPlace(actor1.actor.country);
        }
        if (!places.length && !fallback) {
          // "a Homs resident said …": the speaker's town is the scene when nothing else is named
          const speakerPlace = sentenceToponyms.find(
            (t) => excluded.some(([a, b]) => t.start >= a && t.end <= b) && t.place.precision <= 2,
          );
          if (speakerPlace) fallback = { ...speakerPlace.place, precision: 2 };
          // "… Maroun al-Ras and denied that troops had taken the hilltop there": the town named before
          // ("retook the town", "entered the city": the town named before, too)
          if (!fallback && ANAPHORIC_PLACE.test(text.slice(trigger.end, clauseEnd))) {
            const named = sentenceToponyms.filter(
              (t) =>
                t.end <= trigger.start &&
                t.place.precision <= 2 &&
                !excluded.some(([a, b]) => t.start >= a && t.end <= b),
            );
            const there = named[named.length - 1] ?? null;
            if (there) fallback = there.place;
          }
          // "in the capital": the capital of the article's country
          // (a national institution named without a town, "stormed parliament", stands in the capital too)
          if (
            !fallback &&
            (/\bthe (?:\w+ )?capital\b/i.test(text.slice(clauseStart, clauseEnd)) ||
              CAPITAL_INSTITUTIONS.test(text.slice(clauseStart, clauseEnd))) &&
            countries[0]
          )
            fallback = capitalOf(countries[0]);
          // else the town the previous sentences were about, if it is in the actor's or the article's country
          const country =
            actor1?.actor.kind !== 'external' ? (actor1?.actor.country ?? countries[0]) : countries[0];
          // (with nobody named, the scene holds whenever the article is about that country at all)
          if (
            !fallback &&
            recentPlace &&
            (!country ||
              recentPlace.country === country ||
              ((!actor1 || type === 'territory_capture' || type === 'withdrawal') &&
                countries.slice(0, 3).includes(recentPlace.country)))
          )
            fallback = { ...recentPlace, precision: 2 };
        }
        // Control moves only with a place: a capture "of two cities" without names is left to the reports that name them.
        if (!places.length && !fallback && (type === 'territory_capture' || type === 'withdrawal')) {
          trace(trigger, 'control move without place');
          continue;
        }
        if (!places.length && !fallback) {
          if (info.actorCountryFallback && actor1?.actor.country)
            fallback = countryPlace(actor1.actor.country);
          // "strikes against Houthi targets": violence happens where its target is, not at home
          const target = choice.actor2?.actor;
          if (!fallback && info.place === 'target' && target?.country && target.kind !== 'civilians')
            fallback = countryPlace(target.country);
          // "raids into southern Lebanon, and … destroyed launch sites": the country the sentence is set in
          if (!fallback) {
            const setting = sentenceToponyms.find(
              (t) =>
                t.place.precision === 4 &&
                !excluded.some(([a, b]) => t.start >= a && t.end <= b) &&
                LOCATIVE_BEFORE.test(text.slice(Math.max(0, t.start - 30), t.start)),
            );
            if (setting) fallback = setting.place;
          }
          // the town the article keeps coming back to, when the sentence is about its country
          if (
            !fallback &&
            focusTown &&
            (!actor1?.actor.country || actor1.actor.country === focusTown.country)
          )
            fallback = { ...focusTown, precision: 2 };
          fallback ??=
            actor1?.actor.country && actor1.actor.kind !== 'external'
              ? countryPlace(actor1.actor.country)
              : null;
          fallback ??= mainCountry;
        } else if (
          info.actorCountryFallback &&
          places.length > 0 &&
          places[0].toponym.place.precision === 4 &&
          actor1?.actor.country
        ) {
          fallback = countryPlace(actor1.actor.country);
        }
        const placeList: Array<PlaceChoice | null> =
          places.length && !(fallback && info.actorCountryFallback) ? places : [null];
        const confidence = Math.min(
          1,
          entry.confidence *
            (actor1 ? 1 : 0.8) *
            (places.length ? 1 : 0.8) *
            (trigger.phrase.pos === 'noun' ? 0.9 : 1),
        );
        if (confidence < MIN_CONFIDENCE) {
          trace(trigger, 'low confidence');
          continue;
        }

        // "an army air strike", "a military raid": the unnamed forces of the country where it happened
        const forceModified =
          trigger.phrase.pos === 'noun' && FORCE_MODIFIERS.has(words[trigger.from - 1]?.lower ?? '');
        for (const place of placeList) {
          const spans: Span[] = [
            {
              role: 'trigger',
              start: trigger.start,
              end: trigger.end,
              text: text.slice(trigger.start, trigger.end),
            },
          ];
          if (actor1) spans.push({ role: 'actor1', start: actor1.start, end: actor1.end, text: actor1.text });
          if (choice.actor2)
            spans.push({
              role: 'actor2',
              start: choice.actor2.start,
              end: choice.actor2.end,
              text: choice.actor2.text,
            });
          if (place)
            spans.push({
              role: 'place',
              start: place.toponym.start,
              end: place.toponym.end,
              text: place.toponym.text,
            });
          if (date) spans.push({ role: 'date', start: date.start, end: date.end, text: date.text });
          if (frame)
            spans.push({
              role: 'source',
              start: frame.speakerStart,
              end: frame.speakerEnd,
              text: frame.speaker,
            });
          if (fatal) spans.push({ role: 'fatalities', start: fatal.start, end: fatal.end, text: fatal.text });
          const a1Here =
            a1Actor ??
            (actor1
              ? toActor(actor1)
              : defaultActor(
                  forceModified ? FORCES_OF : type,
                  place?.toponym.place.country ?? fallback?.country ?? countries[0] ?? null,
                ));
          const location = toLocation(place, place ? null : fallback);
          // a state's forces are external only outside their own country (ACLED's External/Other forces)
          const atScene = (a: Actor | null): Actor | null =>
            a ? { ...a, kind: actorKindIn(a, location?.country ?? null) } : null;
          const a1 = atScene(a1Here);
          const a2 = atScene(toActor(choice.actor2));
          const record: EventRecord = {
            id: eventId(
              article.id,
              type,
              trigger.start,
              place?.toponym.place.geonameId ?? place?.toponym.text ?? null,
            ),
            type,
            actor1: a1,
            actor2: a2,
            location,
            date: eventDate,
            modality,
            source,
            fatalities: fatal
              ? { value: fatal.value, min: fatal.min, max: fatal.max, text: fatal.text }
              : null,
            acled: acledCodes(type, a1, a2, sentence.text),
            plover: ploverCodes(type),
            evidence: { sentence: sentence.text, start: sentence.start, end: sentence.end, spans },
            confidence: Math.round(confidence * 100) / 100,
            article: article.id,
          };
          candidates.push({
            record,
            sentence: sentence.index,
            triggerStart: trigger.start,
            objectAt: trigger.objectAt,
            family: info.family,
          });
        }
        if (actor1 && actor1.actor.kind !== 'civilians') lastActor = actor1;
      }
    }
    sceneOf();
    lastActor = sentenceActors.filter((a) => a.actor.kind !== 'civilians').pop() ?? lastActor;
    lastGroup = namedGroup(sentenceActors) ?? lastGroup;
  }
  if (TRACE)
    for (const c of candidates)
      console.error(
        `cand ${c.record.type} ${c.record.actor1?.id} ${c.record.location?.name} ${c.record.modality} @${c.triggerStart}`,
      );
  return mergeInArticle(dedupeAlternatives(candidates)).map((c) => c.record);
}

/**
 * "The government said the claim was false": the events of the sentence before, denied by this speaker.
 * They are new records (the denial is its own report), so that the store can set them against the claim.
 */
function denialsOfPrevious(
  articleId: string,
  sentence: SentenceInfo,
  candidates: Candidate[],
  triggers: TriggerMatch[],
  actors: ActorSpan[],
): Candidate[] {
  const cue = ANAPHORIC_DENIAL.map((re) => re.exec(sentence.text)).find((m) => m !== null);
  if (!cue) return [];
  // "denied that its army was fighting …" denies its own clause's event, not the sentence before
  const cueEnd = sentence.start + cue.index + cue[0].length;
  if (/\bthat$/i.test(cue[0]) && triggers.some((t) => t.start >= cueEnd)) return [];
  // the denier: the sentence's speaker, else its subject ("The army rejected the claim")
  let frame: Frame | null = sentence.frames[0] ?? null;
  if (!frame) {
    const subject = actors.find((a) => a.start >= sentence.start && a.end <= sentence.start + cue.index);
    if (subject) {
      const { kind, name, actor } = classifySpeaker(subject.text, sentence.text, [subject]);
      frame = {
        speakerStart: subject.start,
        speakerEnd: subject.end,
        speaker: subject.text,
        verbStart: sentence.start + cue.index,
        verbEnd: cueEnd,
        verb: cue[0].split(/\s+/)[0],
        scopeStart: sentence.start,
        scopeEnd: sentence.end,
        kind,
        name,
        actor,
        anaphoric: false,
      };
    }
  }
  const cueStart = sentence.start + cue.index;
  const previous = candidates.filter(
    (c) =>
      c.sentence === sentence.index - 1 &&
      (c.record.modality === 'asserted' || c.record.modality === 'claimed'),
  );
  return previous.map((c) => {
    const spans: Span[] = [{ role: 'trigger', start: cueStart, end: cueStart + cue[0].length, text: cue[0] }];
    if (frame)
      spans.push({ role: 'source', start: frame.speakerStart, end: frame.speakerEnd, text: frame.speaker });
    const record: EventRecord = {
      ...c.record,
      id: eventId(
        articleId,
        c.record.type,
        cueStart,
        c.record.location?.geonameId ?? c.record.location?.name ?? null,
      ),
      modality: 'denied',
      source: frame
        ? { text: frame.speaker, kind: frame.kind, name: frame.name }
        : { text: null, kind: 'reporter', name: null },
      evidence: { sentence: sentence.text, start: sentence.start, end: sentence.end, spans },
      mentions: undefined,
    };
    return { ...c, record, sentence: sentence.index, triggerStart: cueStart };
  });
}

/** "there", "the town", "the city": a place named before, picked up again. */
const ANAPHORIC_PLACE =
  /\b(?:there|the (?:town|city|village|area|district|camp|base|settlement|locality))\b/i;

/** The town of the article's main country named most often (at least twice): the story's scene. */
function focusTownOf(toponyms: Array<{ place: Place }>, country: string | undefined): Place | null {
  if (!country) return null;
  const counts = new Map<string, { place: Place; n: number }>();
  for (const { place } of toponyms) {
    if (place.precision > 2 || place.country !== country) continue;
    const key = String(place.geonameId ?? place.name);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { place, n: 1 });
  }
  let best: { place: Place; n: number } | null = null;
  for (const e of counts.values()) if (e.n >= 2 && (!best || e.n > best.n)) best = e;
  return best?.place ?? null;
}

const MEMBER_OF =
  /^\s+(?:from|of|loyal to|belonging to|linked to|affiliated with|allied to|allied with)\s+(?:the\s+)?$/i;

/** "Fighters from Islamic State West Africa Province", "militants loyal to X": the named group acts. */
function namedAfterGeneric(actor: ActorSpan | null, actors: ActorSpan[], text: string): ActorSpan | null {
  if (!actor?.generic) return actor;
  const named = actors.find(
    (a) =>
      !a.generic &&
      a.start >= actor.end &&
      a.start - actor.end <= 24 &&
      MEMBER_OF.test(text.slice(actor.end, a.start)),
  );
  return named ? { ...named, start: actor.start, text: text.slice(actor.start, named.end) } : actor;
}

/** Two entries of one trigger span (send → deployment and military aid): the one whose object comes first. */
function dedupeAlternatives(candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Map<string, Candidate>();
  for (const c of candidates) {
    const place = c.record.location?.geonameId ?? c.record.location?.name ?? '';
    const key = `${c.triggerStart}:${place}`;
    const prior = seen.get(key);
    if (!prior) {
      seen.set(key, c);
      out.push(c);
    } else if (better(c, prior)) {
      out[out.indexOf(prior)] = c;
      seen.set(key, c);
    }
  }
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  const ao = a.objectAt < 0 ? Number.MAX_SAFE_INTEGER : a.objectAt;
  const bo = b.objectAt < 0 ? Number.MAX_SAFE_INTEGER : b.objectAt;
  if (ao !== bo) return ao < bo;
  return a.record.confidence > b.record.confidence;
}
