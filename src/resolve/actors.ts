// Actor mentions: one pass over the tokens with a trie of all aliases (longest match wins), then a few
// combinations read from the data: demonym + force noun ("Israeli troops"), possessive state + noun
// ("Russia's army"), group + member noun ("Hezbollah fighters"), patrons ("Iran-backed militias",
// "pro-Russian separatists"), demonym + generic ("Sudanese civilians"), and context for generic state
// actors ("the army" in a Syrian article is the Syrian army).

import {
  type ActorLexicon,
  type AliasPattern,
  type AliasRole,
  actorLexicon,
  actorTokens,
  type RawToken,
} from '../knowledge/actors.ts';
import type { Actor } from '../types.ts';

export interface ActorMention {
  start: number;
  end: number;
  text: string;
  actor: Actor;
  /** An unnamed actor ('rebels', 'the army', 'Iran-backed militias') rather than a named group or state. */
  generic: boolean;
  /** How it was named: its name or alias, a leader or spokesperson, a capital, a demonym + noun, context, patron. */
  via: AliasRole | 'noun' | 'context' | 'patron';
}

export interface FindActorsOptions {
  /** ISO2 countries of the article, strongest first: resolves "the army" and marks foreign forces external. */
  countries?: string[];
  /** Added to start/end (pass the sentence's start for article offsets). */
  offset?: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  patterns: AliasPattern[] | null;
}

interface NounNode {
  next: Map<string, NounNode>;
  target: 'forces' | 'state' | null;
}

interface Matcher {
  lex: ActorLexicon;
  root: TrieNode;
  nouns: NounNode;
  stateIds: Set<string>;
}

let matcher: Matcher | null = null;

function getMatcher(): Matcher {
  if (matcher) return matcher;
  const lex = actorLexicon();
  const root: TrieNode = { next: new Map(), patterns: null };
  for (const p of lex.patterns) {
    let node = root;
    for (const t of p.tokens) {
      let n = node.next.get(t);
      if (!n) {
        n = { next: new Map(), patterns: null };
        node.next.set(t, n);
      }
      node = n;
    }
    if (node.patterns === null) node.patterns = [];
    node.patterns.push(p);
  }
  const nouns: NounNode = { next: new Map(), target: null };
  const addNoun = (toks: string[], target: 'forces' | 'state'): void => {
    let node = nouns;
    for (const t of toks) {
      let n = node.next.get(t);
      if (!n) {
        n = { next: new Map(), target: null };
        node.next.set(t, n);
      }
      node = n;
    }
    node.target ??= target; // force nouns are added first and win over state nouns
  };
  for (const n of lex.forceNouns) addNoun(n, 'forces');
  for (const n of lex.stateNouns) addNoun(n, 'state');
  const stateIds = new Set([...lex.states.values()].map((s) => s.state));
  matcher = { lex, root, nouns, stateIds };
  return matcher;
}

const CAPITAL = /^\p{Lu}/u;

function casingOk(p: AliasPattern, toks: RawToken[], i: number): boolean {
  for (let k = 0; k < p.casing.length; k++) {
    const c = p.casing[k];
    if (c === null) continue;
    const t = toks[i + k].text;
    if (c.mode === 'exact' ? t.replace(/\./g, '') !== c.text : !CAPITAL.test(t)) return false;
  }
  return true;
}

/** A match before resolution: token range [ti, tj), target id (an actor id, or a country for a demonym). */
interface Raw {
  ti: number;
  tj: number;
  id: string;
  role: AliasRole;
  via: ActorMention['via'];
  /** For demonym + generic: the demonym's country. */
  country?: string;
  /** For patron constructions: the patron's actor id. */
  patron?: string;
}

const ROLE_RANK: Record<AliasRole, number> = {
  name: 0,
  alias: 0,
  leader: 1,
  capital: 2,
  generic: 3,
  demonym: 4,
};

/** Among patterns ending at the same token, prefer one of the article's countries, then by role, then data order. */
function choose(patterns: AliasPattern[], m: Matcher, countries: string[]): AliasPattern {
  const countryRank = (p: AliasPattern): number => {
    const c = p.role === 'demonym' ? p.id : (m.lex.byId.get(p.id)?.actor.country ?? null);
    const i = c ? countries.indexOf(c) : -1;
    return i < 0 ? countries.length : i;
  };
  return [...patterns].sort(
    (a, b) => countryRank(a) - countryRank(b) || ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.order - b.order,
  )[0];
}

/** Longest force/state noun starting at token `i`: [end token, target]. */
function nounAt(m: Matcher, toks: RawToken[], i: number): [number, 'forces' | 'state'] | null {
  let node: NounNode | undefined = m.nouns;
  let best: [number, 'forces' | 'state'] | null = null;
  for (let k = i; k < toks.length; k++) {
    node = node.next.get(toks[k].norm);
    if (!node) break;
    if (node.target) best = [k + 1, node.target];
  }
  return best;
}

/** The longest alias match starting at token `i` (casing checked): its end token and patterns. */
function longestAt(
  m: Matcher,
  toks: RawToken[],
  i: number,
): { end: number; patterns: AliasPattern[] } | null {
  let node: TrieNode | undefined = m.root;
  let best: { end: number; patterns: AliasPattern[] } | null = null;
  for (let k = i; k < toks.length; k++) {
    node = node.next.get(toks[k].norm);
    if (!node) break;
    if (node.patterns) {
      const ok = node.patterns.filter((p) => casingOk(p, toks, i));
      if (ok.length > 0) best = { end: k + 1, patterns: ok };
    }
  }
  return best;
}

/** A named alias that starts inside [from, to) and runs past `to` ("the regime | of Bashar al-Assad"). */
function namedOverlapBeyond(m: Matcher, toks: RawToken[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const next = longestAt(m, toks, j);
    if (next && next.end > to && next.patterns.some((p) => p.role !== 'generic')) return true;
  }
  return false;
}

function scan(m: Matcher, toks: RawToken[], countries: string[]): Raw[] {
  const out: Raw[] = [];
  for (let i = 0; i < toks.length; ) {
    const best = longestAt(m, toks, i);
    if (best === null) {
      i++;
      continue;
    }
    const bestEnd = best.end;
    const bestPatterns = best.patterns;
    // A generic match gives way to a longer named one that overlaps it.
    if (bestPatterns.every((p) => p.role === 'generic') && namedOverlapBeyond(m, toks, i + 1, bestEnd)) {
      i++;
      continue;
    }
    // Demonym + noun ("Israeli troops") or state name + 's + noun ("Russia's army"), if longer.
    let derived: Raw | null = null;
    for (const p of bestPatterns) {
      const isDemonym = p.role === 'demonym';
      const isStateName = (p.role === 'name' || p.role === 'alias') && m.stateIds.has(p.id);
      if (!isDemonym && !isStateName) continue;
      const from = isDemonym ? bestEnd : toks[bestEnd]?.norm === "'s" ? bestEnd + 1 : -1;
      if (from < 0) continue;
      const noun = nounAt(m, toks, from);
      if (!noun) continue;
      const country = isDemonym ? p.id : m.lex.byId.get(p.id)?.actor.country;
      const st = country ? m.lex.states.get(country) : undefined;
      if (!st) continue;
      derived = {
        ti: i,
        tj: noun[0],
        id: noun[1] === 'forces' ? st.forces : st.state,
        role: 'alias',
        via: 'noun',
      };
      break;
    }
    if (derived) {
      out.push(derived);
      i = derived.tj;
      continue;
    }
    const p = choose(bestPatterns, m, countries);
    out.push({ ti: i, tj: bestEnd, id: p.id, role: p.role, via: p.role });
    i = bestEnd;
  }
  return out;
}

function isGenericRaw(m: Matcher, r: Raw): boolean {
  return r.role === 'generic' && (m.lex.byId.get(r.id)?.generic ?? false);
}

/** The patron's actor id: a demonym stands for its state. */
function patronId(m: Matcher, r: Raw): string {
  return r.role === 'demonym' ? (m.lex.states.get(r.id)?.state ?? r.id.toLowerCase()) : r.id;
}

/** "Hezbollah fighters", "Haftar's forces": a member noun after a named mention belongs to it. */
function withMemberNoun(m: Matcher, toks: RawToken[], r: Raw): Raw {
  const poss = toks[r.tj]?.norm === "'s" ? 1 : 0;
  const noun = toks[r.tj + poss];
  if (noun && m.lex.memberNouns.has(noun.norm)) return { ...r, tj: r.tj + poss + 1 };
  return r;
}

/** Combine neighbouring matches (patrons, member nouns, demonym + generic) and drop what is not an actor. */
function combine(m: Matcher, toks: RawToken[], raws: Raw[]): Raw[] {
  const out: Raw[] = [];
  const { memberNouns, patronWords, patronPrefixes, locatives } = m.lex;
  for (let k = 0; k < raws.length; k++) {
    const r = { ...raws[k] };
    const next = raws[k + 1];
    // Patron, "Iran-backed militias": X, then a hyphenated patron word, then a mention or a member noun.
    const pw = toks[r.tj];
    if (r.role !== 'generic' && pw && pw.hyphen && patronWords.has(pw.norm)) {
      if (next && next.ti === r.tj + 1 && isGenericRaw(m, next)) {
        out.push({ ...next, ti: r.ti, patron: patronId(m, r), via: 'patron' });
        k++;
        continue;
      }
      if (next && next.ti === r.tj + 1) {
        // A named actor with its patron ("Turkish-backed SNA"): the named actor, over the whole span.
        const named = withMemberNoun(m, toks, { ...next, ti: r.ti });
        out.push(named);
        // Skip the patron's partner, and the member noun too if it had matched on its own ("fighters").
        k += 1 + Number(named.tj > next.tj && (raws[k + 2]?.tj ?? Infinity) <= named.tj);
        continue;
      }
      const noun = toks[r.tj + 1];
      if (noun && memberNouns.has(noun.norm)) {
        out.push({
          ti: r.ti,
          tj: r.tj + 2,
          id: 'armed-groups',
          role: 'generic',
          via: 'patron',
          patron: patronId(m, r),
        });
        continue;
      }
    }
    // Patron, "pro-Russian separatists": "pro" hyphenated to X, then a generic mention.
    const before = toks[r.ti - 1];
    if (before && toks[r.ti].hyphen && patronPrefixes.has(before.norm) && next && next.ti === r.tj) {
      if (isGenericRaw(m, next)) {
        out.push({ ...next, ti: r.ti - 1, patron: patronId(m, r), via: 'patron' });
        k++;
        continue;
      }
    }
    // "Lebanon's Hezbollah": a state's possessive before a named group names the group.
    if (
      m.stateIds.has(r.id) &&
      toks[r.tj]?.norm === "'s" &&
      next &&
      next.ti === r.tj + 1 &&
      !isGenericRaw(m, next) &&
      next.role !== 'demonym' &&
      m.lex.byId.get(next.id)?.parent === null &&
      !m.stateIds.has(next.id)
    ) {
      out.push(withMemberNoun(m, toks, { ...next, ti: r.ti }));
      k++;
      continue;
    }
    if (r.role === 'demonym') {
      // "Sudanese civilians", "Syrian rebels": the generic actor, of the demonym's country.
      if (next && next.ti === r.tj && isGenericRaw(m, next)) {
        out.push({ ...next, ti: r.ti, country: r.id });
        k++;
      }
      continue; // a demonym alone is not an actor
    }
    if (!isGenericRaw(m, r)) {
      const extended = withMemberNoun(m, toks, r);
      if (extended.tj > r.tj && next && next.ti >= r.tj && next.tj <= extended.tj) k++;
      r.tj = extended.tj;
    }
    // A state's name or capital after "in", "to", "from" is a place, not an actor.
    if ((r.role === 'name' || r.role === 'capital' || r.role === 'alias') && m.stateIds.has(r.id)) {
      const prev = toks[r.ti - 1];
      if (prev && locatives.has(prev.norm)) continue;
    }
    out.push(r);
  }
  return out;
}

interface Resolution {
  actor: Actor;
  generic: boolean;
  via: ActorMention['via'];
}

function resolve(m: Matcher, r: Raw, countries: string[]): Resolution | null {
  const entry = m.lex.byId.get(r.id);
  if (!entry) return null;
  const first = countries[0] ?? null;
  if (entry.context && first) {
    const st = m.lex.states.get(first);
    const target = st ? m.lex.byId.get(entry.context === 'forces' ? st.forces : st.state) : undefined;
    if (target) return { actor: { ...target.actor }, generic: true, via: 'context' };
  }
  if (r.patron) {
    const patron = m.lex.byId.get(r.patron);
    const name = `${patron?.actor.name ?? r.patron}-backed ${entry.actor.name.toLowerCase()}`;
    const kind = entry.actor.kind === 'unknown' ? 'militia' : entry.actor.kind;
    return {
      actor: { name, id: `${r.patron}-backed-${entry.actor.id}`, kind, country: first },
      generic: true,
      via: 'patron',
    };
  }
  const actor = { ...entry.actor };
  if (entry.generic) actor.country = r.country ?? (entry.context ? null : first);
  // A state's forces acting outside the article's country are ACLED's "External/Other forces".
  if (actor.kind === 'state_forces' && first && actor.country && actor.country !== first)
    actor.kind = 'external';
  return { actor, generic: entry.generic, via: r.via };
}

/** Actor mentions in `text`, left to right, non-overlapping, longest first. */
export function findActors(text: string, opts: FindActorsOptions = {}): ActorMention[] {
  const m = getMatcher();
  const countries = opts.countries ?? [];
  const offset = opts.offset ?? 0;
  const toks = actorTokens(text);
  const out: ActorMention[] = [];
  for (const r of combine(m, toks, scan(m, toks, countries))) {
    const res = resolve(m, r, countries);
    if (!res) continue;
    const start = toks[r.ti].start;
    const end = toks[r.tj - 1].end;
    out.push({ start: start + offset, end: end + offset, text: text.slice(start, end), ...res });
  }
  return out;
}

/** The lexicon's actor for an id (states, forces, groups, generic actors), or null. */
export function actorById(id: string): Actor | null {
  const e = getMatcher().lex.byId.get(id);
  return e ? { ...e.actor } : null;
}

/** The parent id of an actor (a branch's organisation, a state's forces' state), or null. */
export function actorParent(id: string): string | null {
  return getMatcher().lex.byId.get(id)?.parent ?? null;
}

let forcesToState: Map<string, string> | null = null;

/**
 * The side an actor fights on, for telling a change of hands from a repeated claim: a group's root parent
 * (ISWAP → Islamic State), a state's forces → the state. Unknown ids are their own side.
 */
export function actorSide(id: string): string {
  if (!forcesToState) {
    forcesToState = new Map();
    for (const { state, forces } of getMatcher().lex.states.values()) forcesToState.set(forces, state);
  }
  let side = forcesToState.get(id) ?? id;
  const seen = new Set<string>();
  for (let parent = actorParent(side); parent && !seen.has(parent); parent = actorParent(side)) {
    seen.add(parent);
    side = forcesToState.get(parent) ?? parent;
  }
  return side;
}

/**
 * The actor's kind for an event in `eventCountry` (ISO2): a state's forces or the state itself acting outside
 * its own country are external (ACLED "External/Other forces"), at home they are state forces. findActors
 * decides this against the article's first country; call this once the event's location is known.
 */
export function actorKindIn(actor: Actor, eventCountry: string | null): Actor['kind'] {
  const base = actor.id ? (getMatcher().lex.byId.get(actor.id)?.actor.kind ?? actor.kind) : actor.kind;
  if (base !== 'state_forces' || !eventCountry || !actor.country) return base;
  return actor.country === eventCountry ? 'state_forces' : 'external';
}
