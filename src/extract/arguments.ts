// Arguments of a trigger: who acts (actor1), on whom (actor2), where, from the clause around it.
// Without a parser, position does the work: the subject is the first actor of the clause before the
// trigger, the object the first after it; a place's role comes from the preposition in front of it.
import type { Token } from '../annotate/index.ts';
import type { Toponym } from '../resolve/places.ts';
import type { ActorSpan } from './attribution.ts';
import type { Clause } from './clauses.ts';
import type { TriggerMatch } from './triggers.ts';

export type PlaceRole =
  | 'object'
  | 'subject'
  | 'of'
  | 'in'
  | 'near'
  | 'from'
  | 'to'
  | 'toward'
  | 'with'
  | 'possessive'
  | 'other';

export interface PlaceChoice {
  toponym: Toponym;
  role: PlaceRole;
  /** SPEC precision after the role: "near X" is 2 */
  precision: 1 | 2 | 3 | 4;
}

export interface PlacePreference {
  place: 'origin' | 'destination' | 'target';
  directional: boolean;
}

const FILLER = new Set([
  'the',
  'a',
  'an',
  'city',
  'town',
  'village',
  'villages',
  'towns',
  'cities',
  'of',
  'key',
  'crossroads',
  'strategic',
  'capital',
  'besieged',
  'nearby',
  'border',
  'eastern',
  'western',
  'northern',
  'southern',
  'northeastern',
  'northwestern',
  'southeastern',
  'southwestern',
  'central',
  'coastal',
  'port',
  'frontline',
  'front-line',
  'rebel-held',
  'government-held',
  'embattled',
  'contested',
  'key',
  'main',
  'major',
  'small',
  'province',
  'region',
  'district',
  'area',
  'governorate',
  'outskirts',
  'heart',
  'centre',
  'center',
  'parts',
  'part',
  'most',
  'some',
  'areas',
  'suburbs',
  'suburb',
  'countryside',
  'ancient',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'north',
  'south',
  'east',
  'west',
  'entire',
  'whole',
  'rural',
  'mountainous',
  'industrial',
  'nearby',
]);
const PREPOSITIONS: Record<string, PlaceRole> = {
  in: 'in',
  at: 'in',
  inside: 'in',
  across: 'in',
  throughout: 'in',
  within: 'in',
  over: 'in',
  along: 'in',
  on: 'in',
  near: 'near',
  outside: 'near',
  around: 'near',
  close: 'near',
  outskirts: 'near',
  toward: 'toward',
  towards: 'toward',
  from: 'from',
  to: 'to',
  into: 'to',
  with: 'with',
  // "on the road between X and Y": near both, the first stands for the pair
  between: 'near',
  of: 'of',
  against: 'object',
  for: 'other',
  via: 'other',
  through: 'in',
  by: 'other',
  beyond: 'near',
  off: 'near',
  north: 'near',
  south: 'near',
  east: 'near',
  west: 'near',
  northeast: 'near',
  northwest: 'near',
  southeast: 'near',
  southwest: 'near',
  en: 'toward',
};
const NEAR_WORDS = new Set([
  'outskirts',
  'near',
  'outside',
  'around',
  'close',
  'north',
  'south',
  'east',
  'west',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'beyond',
  'off',
  'edge',
  'countryside',
  'suburbs',
  'suburb',
  'vicinity',
]);

function wordIndexAt(words: Token[], charPos: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (words[mid].start <= charPos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The role of a toponym from the words in front of it ("the eastern city of X" → what precedes "the"). */
export function placeRole(
  words: Token[],
  toponymWord: number,
  toponymEndWord: number,
  trigger: TriggerMatch,
): { role: PlaceRole; near: boolean } {
  const next = words[toponymEndWord];
  if (next && (next.lower === "'s" || next.lower === '’s' || words[toponymEndWord - 1]?.lower.endsWith("'s")))
    return { role: 'possessive', near: false };
  let near = false;
  for (let k = toponymWord - 1; k >= Math.max(0, toponymWord - 6); k--) {
    const w = words[k].lower;
    if (NEAR_WORDS.has(w)) near = true;
    if (k < trigger.to && k >= trigger.from) return { role: 'object', near };
    const role = PREPOSITIONS[w];
    if (
      role &&
      !(
        w === 'of' &&
        FILLER.has(words[k - 1]?.lower ?? '') &&
        k - 1 >= 0 &&
        !(k - 1 < trigger.to && k - 1 >= trigger.from)
      )
    ) {
      if (
        w === 'of' &&
        k > 0 &&
        (words[k - 1].lower === 'north' ||
          words[k - 1].lower === 'south' ||
          words[k - 1].lower === 'east' ||
          words[k - 1].lower === 'west')
      )
        return { role: 'near', near: true };
      return { role: role === 'near' ? 'near' : role, near: near || role === 'near' };
    }
    if (FILLER.has(w) || words[k].text === ',') {
      if (words[k].text === ',') break;
      continue;
    }
    if (k === trigger.to - 1) return { role: 'object', near };
    break;
  }
  if (toponymWord === trigger.to || (toponymWord > trigger.to && toponymWord - trigger.to <= 3))
    return { role: 'object', near };
  if (toponymWord < trigger.from) return { role: 'subject', near };
  return { role: 'other', near };
}

const ROLE_WEIGHT: Record<PlacePreference['place'], Partial<Record<PlaceRole, number>>> = {
  target: {
    object: 5,
    of: 5,
    in: 4,
    near: 3.5,
    subject: 3,
    from: 2,
    to: 1.5,
    toward: 1,
    other: 1,
    possessive: 0.5,
  },
  origin: {
    from: 5,
    in: 4,
    near: 3.5,
    object: 3,
    of: 3,
    subject: 3,
    other: 1,
    to: 0.3,
    toward: 0.2,
    possessive: 0.5,
  },
  destination: {
    to: 5,
    in: 4,
    near: 3.5,
    object: 2.5,
    of: 2,
    subject: 1,
    other: 1,
    from: 0.3,
    toward: 2,
    possessive: 0.5,
  },
};

export interface PlaceContext {
  words: Token[];
  clause: Clause;
  trigger: TriggerMatch;
  toponyms: Toponym[];
  /** character spans that are speakers, not scene */
  excluded: Array<[number, number]>;
  pref: PlacePreference;
  /** spans read as actors: a capital acting ("Moscow opened a new front") is not the scene */
  actorSpans?: Array<[number, number]>;
}

const inSpans = (spans: Array<[number, number]>, s: number, e: number) =>
  spans.some(([a, b]) => s >= a && e <= b);

/** The event's place(s): the best-placed toponym, plus any coordinated with it ("the towns of X and Y"). */
export function choosePlaces(ctx: PlaceContext): PlaceChoice[] {
  const { words, clause, trigger, pref } = ctx;
  const clauseStart = words[clause.from].start;
  const clauseEnd = words[clause.to - 1].end;
  type Scored = PlaceChoice & { score: number; word: number; endWord: number };
  const scored: Scored[] = [];
  // roles first: a toponym coordinated with the one before ("towards X and Y") shares its role
  const read: Array<{ t: Toponym; w: number; we: number; role: PlaceRole; near: boolean }> = [];
  for (const t of ctx.toponyms) {
    if (inSpans(ctx.excluded, t.start, t.end)) continue;
    const w = wordIndexAt(words, t.start);
    const we = wordIndexAt(words, t.end - 1) + 1;
    const prior = read[read.length - 1];
    const link = words[w - 1]?.lower ?? '';
    if (prior && prior.we === w - 1 && (link === 'and' || link === 'or' || link === ','))
      read.push({ t, w, we, role: prior.role, near: prior.near });
    else read.push({ t, w, we, ...placeRole(words, w, we, trigger) });
  }
  for (const { t, w, we, role, near } of read) {
    if (role === 'with') continue;
    if (
      role === 'subject' &&
      !trigger.passive &&
      ctx.actorSpans?.some(([a, b]) => a === t.start && b === t.end)
    )
      continue;
    if (role === 'toward' && !pref.directional) continue;
    if (role === 'to' && !pref.directional && pref.place !== 'destination') continue;
    let score = ROLE_WEIGHT[pref.place][role] ?? 1;
    // "In Kinshasa, protesters attacked …": a place fronting the sentence is the scene of what follows,
    // however far the trigger stands from it
    const fronted =
      w <= 2 &&
      FRONTING.has(words[w - 1]?.lower ?? '') &&
      words.slice(we, we + 4).some((x) => x.text === ',');
    if (fronted) score = 6;
    const inClause = t.start >= clauseStart && t.end <= clauseEnd;
    // a place in another clause is that clause's business unless nothing closer is named
    if (!inClause && role === 'subject') continue;
    if (!inClause) score *= 0.2;
    if (t.place.precision === 4) score *= 0.3;
    else if (t.place.precision === 3) score *= 0.6;
    const distance = fronted ? 0 : Math.abs(w - trigger.from);
    score *= 1 / (1 + distance / 25);
    let precision = t.place.precision;
    const towardTrigger = /\b(toward|towards|on|into)$/.test(trigger.phrase.lemma);
    if (
      (near || role === 'near' || role === 'toward' || (towardTrigger && role === 'object')) &&
      precision === 1
    )
      precision = 2;
    scored.push({ toponym: t, role, precision, score, word: w, endWord: we });
  }
  if (!scored.length) return [];
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const chosen: Scored[] = [best];
  // "the road between X and Y" is one place between two towns, not an event in each
  if (words[best.word - 1]?.lower === 'between')
    return [{ toponym: best.toponym, role: best.role, precision: best.precision }];
  // Coordination: "X and Y", "X, Y and Z", "X in the north and Y in the west".
  const others = scored.filter(
    (s) =>
      s !== best && s.toponym.place.precision <= 2 && s.toponym.place.country === best.toponym.place.country,
  );
  others.sort((a, b) => a.word - b.word);
  let last = best;
  for (const o of others) {
    if (o.word < last.word) continue;
    const between = words.slice(last.endWord, o.word).map((w) => w.lower);
    if (!between.length || between.length > 6) continue;
    if (!between.includes('and') && !between.includes(',')) continue;
    if (
      !between.every(
        (b) => b === 'and' || b === ',' || b === 'in' || b === 'as' || b === 'well' || FILLER.has(b),
      )
    )
      continue;
    chosen.push({ ...o, role: last.role, precision: o.precision });
    last = o;
  }
  return chosen.map(({ toponym, role, precision }) => ({ toponym, role, precision }));
}

export interface ActorContext {
  words: Token[];
  clauses: Clause[];
  clause: Clause;
  trigger: TriggerMatch;
  actors: ActorSpan[];
  excluded: Array<[number, number]>;
  /** toponyms with a prepositional role are places, not actors ("to Syria") */
  placeSpans: Array<[number, number]>;
}

export interface ActorChoice {
  actor1: ActorSpan | null;
  actor2: ActorSpan | null;
  /** the subject is a pronoun ("they had taken"): resolve it against the frame or the previous events */
  pronoun: Token | null;
  /** words of the subject phrase, for lexicon constraints ("warplanes struck") */
  subjectWords: string[];
}

const SUBJECT_PRONOUNS = new Set(['they', 'it', 'he', 'she', 'we']);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her', 'our']);
/** Owner pronouns that may head a subject ("its forces", "their fighters"); not his/her (a person's). */
const OWNER_PRONOUNS = new Set(['its', 'their', 'our']);
/** Time words that may open a reported clause before its subject. */
const TIME_WORDS = new Set([
  'on',
  'late',
  'early',
  'earlier',
  'last',
  'this',
  'overnight',
  'night',
  'morning',
  'afternoon',
  'evening',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'that',
]);
const FRONTING = new Set(['in', 'at', 'near', 'around', 'outside']);
/** Clauses that cannot hold the subject a resumed main clause continues. */
const NOT_MAIN = new Set([
  'which',
  'who',
  'whom',
  'whose',
  'before',
  'after',
  'since',
  'when',
  'while',
  'as',
  'until',
  'because',
  'although',
  'where',
]);
/** Prepositions that put a noun trigger inside a phrase of the clause ("in fighting", "during clashes"). */
const PP_OPENERS = new Set(['in', 'during', 'amid', 'after', 'following', 'through', 'since']);
/** A clause that opens with one of these starts with an adverbial ("In a setback for X, …"), not its subject. */
const FRONTED = new Set([
  'in',
  'at',
  'after',
  'amid',
  'despite',
  'following',
  'during',
  'on',
  'for',
  'with',
  'near',
  'outside',
  'before',
  'since',
  'under',
  'as',
  'by',
  'earlier',
  'later',
  'meanwhile',
  'elsewhere',
  'separately',
  'overnight',
  'late',
]);

/** "was hit by an air strike", "were wounded by (the) shelling": the noun is the agent of a passive verb. */
function agentOfPassive(words: Token[], from: number): boolean {
  for (let k = from - 1; k >= Math.max(0, from - 4); k--) {
    if (words[k].lower !== 'by') continue;
    const verb = words[k - 1]?.lower ?? '';
    const aux = words[k - 2]?.lower ?? '';
    return /(?:ed|en|hit|struck|shot|caught)$/.test(verb) && PASSIVE_AUX.has(aux);
  }
  return false;
}
function passiveBetween(words: Token[], from: number, to: number): boolean {
  for (let k = from; k + 1 < to; k++)
    if (PASSIVE_AUX.has(words[k].lower) && /(?:ed|en|hit|struck|shot|caught|hurt)$/.test(words[k + 1].lower))
      return true;
  return false;
}
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got']);

/** Lower-cased words lying between two character offsets. */
function text(words: Token[], from: number, to: number): string[] {
  return words.filter((w) => w.start >= from && w.end <= to).map((w) => w.lower);
}

/** Words that may stand between a clause's opener and its verb without being a subject. */
const NON_SUBJECT = new Set([
  'which',
  'who',
  'and',
  'but',
  'or',
  'then',
  'that',
  'also',
  'had',
  'has',
  'have',
  'was',
  'were',
  'is',
  'are',
  'been',
  'be',
  'later',
  'still',
  'reportedly',
  'allegedly',
  'again',
  'subsequently',
  'meanwhile',
  'not',
  'never',
  'would',
  'will',
  'could',
  'may',
  'might',
  'should',
  'can',
  'did',
  'do',
  'does',
  'themselves',
  'itself',
  ',',
]);

/** "…, and thousands of people fled": the clause names its own subject, so it borrows none from before. */
function hasOwnSubject(words: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const w = words[k].lower;
    if (NON_SUBJECT.has(w) || w.endsWith('ly') || !/[\p{L}\p{N}]/u.test(w)) continue;
    // the first content word opens a noun phrase (determiner, quantity, name) or is already the verb phrase
    return SUBJECT_OPENERS.has(w) || /^\d/.test(w) || (k > 0 && /^\p{Lu}/u.test(words[k].text));
  }
  return false;
}
const SUBJECT_OPENERS = new Set([
  'the',
  'a',
  'an',
  'some',
  'many',
  'several',
  'thousands',
  'hundreds',
  'dozens',
  'tens',
  'millions',
  'most',
  'all',
  'both',
  'few',
  'no',
  'other',
  'more',
  'his',
  'her',
  'its',
  'their',
  'our',
  'these',
  'those',
  'they',
  'he',
  'she',
  'it',
  'we',
  'people',
  'residents',
  'civilians',
  'families',
]);

export function chooseActors(ctx: ActorContext): ActorChoice {
  const { words, clause, trigger } = ctx;
  const start = (i: number) => words[Math.max(0, Math.min(i, words.length - 1))].start;
  const usable = ctx.actors.filter(
    (a) => !inSpans(ctx.excluded, a.start, a.end) && !inSpans(ctx.placeSpans, a.start, a.end),
  );
  const trigStart = trigger.start;
  const trigEnd = trigger.end;
  const clauseEnd = words[clause.to - 1].end;
  // "In a further setback for Assad, Kurdish forces seized …": the subject comes after the fronted phrase.
  let subjectFrom = clause.from;
  if (FRONTED.has(words[clause.from].lower)) {
    const comma = words.findIndex((w, i) => i > clause.from && i < trigger.from && w.text === ',');
    if (comma > 0) subjectFrom = comma + 1;
  }
  const after = usable.filter((a) => a.start >= trigEnd && a.end <= clauseEnd);
  const beforeInClause = usable.filter((a) => a.start >= start(subjectFrom) && a.end <= trigStart);
  const subjectWords = words.slice(subjectFrom, trigger.from).map((w) => w.lower);

  if (trigger.passive || trigger.phrase.entry.agentAfter) {
    const byIndex = words.findIndex(
      (w, i) =>
        i >= trigger.to &&
        i < clause.to &&
        (w.lower === 'by' || (trigger.phrase.entry.agentAfter && i === trigger.to)),
    );
    const agent = byIndex >= 0 ? (after.find((a) => a.start >= words[byIndex].start) ?? null) : null;
    const patient = beforeInClause[0] ?? null;
    return { actor1: agent, actor2: patient, pronoun: null, subjectWords };
  }
  if (clause.resumed) {
    // "the group, which …, had now taken control of …": the subject stands before the relative clause
    const idx = ctx.clauses.indexOf(clause);
    for (let c = idx - 1; c >= 0; c--) {
      if (NOT_MAIN.has(words[ctx.clauses[c].from].lower)) continue;
      const subject = usable.find(
        (a) => a.start >= start(ctx.clauses[c].from) && a.end <= start(ctx.clauses[c].to),
      );
      if (subject) return { actor1: subject, actor2: after[0] ?? null, pronoun: null, subjectWords };
      break;
    }
  }
  let headAt = subjectFrom;
  // "said on Monday its men had …": the frame's time words stand before the subject
  while (headAt < trigger.from && TIME_WORDS.has(words[headAt].lower)) headAt++;
  const head = words[headAt];
  const pronounSubject =
    head && headAt < trigger.from && (SUBJECT_PRONOUNS.has(head.lower) || OWNER_PRONOUNS.has(head.lower))
      ? head
      : null;
  if (trigger.phrase.pos === 'noun' && PP_OPENERS.has(words[trigger.from - 1]?.lower ?? '')) {
    // "Israel weakened Hezbollah in fighting …": a noun in a prepositional phrase takes the clause's participants;
    // "its jets killed 11 militants in air strikes": the subject is the pronoun, the actor before is the object
    if (pronounSubject)
      return { actor1: null, actor2: beforeInClause[0] ?? null, pronoun: pronounSubject, subjectWords };
    const actor1 = beforeInClause[0] ?? null;
    const actor2 =
      beforeInClause.find((a) => a !== actor1 && a.actor.id !== actor1?.actor.id) ?? after[0] ?? null;
    if (actor1) return { actor1, actor2, pronoun: null, subjectWords };
  }
  if (trigger.phrase.pos === 'noun' && agentOfPassive(words, trigger.from)) {
    // "the convoy was hit by an air strike": the subject is what was hit; the noun's own modifier is the actor
    const modifier = usable.find((a) => a.start < trigStart && a.end > trigStart) ?? null;
    return { actor1: modifier, actor2: beforeInClause[0] ?? null, pronoun: null, subjectWords };
  }
  if (trigger.phrase.pos === 'noun') {
    // "Russian bombing", "an RSF attack", "the rebels' takeover": a modifier right before (or fused with) the noun
    const modifier =
      usable.find((a) => a.start < trigStart && a.end > trigStart) ??
      beforeInClause.filter((a) => trigStart - a.end <= 14).pop() ??
      null;
    const byIndex = words.findIndex(
      (w, k) => k >= trigger.to && k <= trigger.to + 2 && (w.lower === 'by' || w.lower === 'from'),
    );
    const byAgent = byIndex >= 0 ? (after.find((a) => a.start >= words[byIndex].start) ?? null) : null;
    const prev = words[trigger.from - 1]?.lower ?? '';
    const prev2 = words[trigger.from - 2]?.lower ?? '';
    const possessive = POSSESSIVE_PRONOUNS.has(prev)
      ? words[trigger.from - 1]
      : POSSESSIVE_PRONOUNS.has(prev2)
        ? words[trigger.from - 2]
        : null;
    const actor1 = modifier ?? byAgent ?? (possessive ? null : (beforeInClause[0] ?? null));
    const actor2 = after.find((a) => a !== actor1 && (!actor1 || a.actor.id !== actor1.actor.id)) ?? null;
    // "it had conducted an air strike": the subject pronoun of the light verb
    let pronoun: Token | null = possessive;
    if (!actor1 && !pronoun)
      for (let k = subjectFrom; k < trigger.from; k++)
        if (
          SUBJECT_PRONOUNS.has(words[k].lower) ||
          (k === subjectFrom && OWNER_PRONOUNS.has(words[k].lower))
        ) {
          pronoun = words[k];
          break;
        }
    return { actor1, actor2, pronoun: actor1 ? null : pronoun, subjectWords };
  }
  let pronoun: Token | null = null;
  for (let k = subjectFrom; k < trigger.from; k++)
    if (SUBJECT_PRONOUNS.has(words[k].lower)) {
      pronoun = words[k];
      break;
    }
  // ", assassinating its officials and devastating …": a participle's subject is the main clause's
  // "police shot dead protesters and demonstrators stormed parliament": the actor right before the verb is
  // its subject, before the first actor of the clause
  // (not one inside a phrase: "a strike on the camp in northern Lebanon killed", "a commander in the state")
  const inPhrase = (a: ActorSpan) => {
    let j = wordIndexAt(words, a.start) - 1;
    while (j >= 0 && (['the', 'a', 'an'].includes(words[j].lower) || /ern$/.test(words[j].lower))) j--;
    return j >= 0 && Object.hasOwn(PREPOSITIONS, words[j].lower);
  };
  const subjects = beforeInClause.filter((a) => !inPhrase(a));
  const adjacent = subjects.find((a) =>
    text(words, a.end, trigStart).every((w) => NON_SUBJECT.has(w) || w.endsWith('ly')),
  );
  let actor1 = clause.participial ? null : (adjacent ?? subjects[0] ?? null);
  if (actor1 && pronoun && pronoun.start < actor1.start) actor1 = null;
  if (clause.participial) pronoun = null;
  // "the ministry said its jets struck …": an owner pronoun heading a subject that names no actor stands for it
  if (
    !actor1 &&
    !pronoun &&
    !clause.participial &&
    pronounSubject &&
    OWNER_PRONOUNS.has(pronounSubject.lower)
  )
    pronoun = pronounSubject;
  if (!actor1 && !pronoun) {
    // ", assassinating its officials" and "X, meanwhile, sent": the nearest earlier actor of the sentence
    // that is neither a speaker nor a place
    const idx = ctx.clauses.indexOf(clause);
    const earlier = usable.filter((a) => a.end <= start(clause.from));
    if (clause.participial || (idx > 0 && !hasOwnSubject(words, clause.from, trigger.from)))
      actor1 = earlier[0] ?? null;
    // "the convoy was hit by an air strike, killing three": the subject of a passive suffered, it did not act
    if (actor1 && passiveBetween(words, wordIndexAt(words, actor1.end - 1) + 1, clause.from)) actor1 = null;
  }
  const actor2 = after.find((a) => !actor1 || a.actor.id !== actor1.actor.id) ?? null;
  return { actor1, actor2, pronoun: actor1 ? null : pronoun, subjectWords };
}
