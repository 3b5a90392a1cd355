// Actor lexicon loader (data/actors.json): turns states, groups and generic actors into alias patterns
// (token sequences) for the matcher in src/resolve/actors.ts. Everything here is derived from the data:
// demonym + force noun ("Israeli troops"), name + 's + force noun ("Russia's army"), leaders, capitals.

import { createRequire } from 'node:module';
import data from '../../data/actors.json' with { type: 'json' };
import type { Actor, ActorKind } from '../types.ts';

/** The fields used from the world-countries package (mledoze/countries, ODbL 1.0). */
interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  independent: boolean | null;
  unMember: boolean;
  demonyms?: { eng?: { f: string; m: string } };
}

const requireCjs = createRequire(import.meta.url);

/** Every other sovereign state: its name, official name and English demonyms (no leaders, no capitals). */
function worldStates(): StateData[] {
  const countries = requireCjs('world-countries/countries.json') as WorldCountry[];
  return countries
    .filter((c) => c.unMember || c.independent)
    .map((c) => {
      const slug = c.name.common
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const dem = c.demonyms?.eng;
      return {
        id: slug,
        country: c.cca2,
        name: c.name.common,
        aliases: c.name.official !== c.name.common ? [c.name.official] : [],
        demonyms: dem ? [...new Set([dem.m, dem.f])] : [],
        capitals: [],
        leaders: [],
        forces: { id: `${slug}-forces`, name: `Armed Forces of ${c.name.common}`, aliases: [], leaders: [] },
      };
    });
}

/** How a pattern names its actor; the matcher uses it for filters (a capital after "in" is a place). */
export type AliasRole = 'name' | 'alias' | 'capital' | 'leader' | 'demonym' | 'generic';

export interface ActorEntry {
  actor: Actor;
  /** Parent group or forces (a branch, a brigade, a state's forces -> the state). */
  parent: string | null;
  generic: boolean;
  /** Generic actors that stand for the article's state: its forces or the state itself. */
  context: 'forces' | 'state' | null;
}

export interface AliasPattern {
  /** Normalised tokens (see normalizeToken). */
  tokens: string[];
  /** Per token: how the text must be written: 'exact' (acronym), 'capital' (named), or null (any case). */
  casing: Array<{ mode: 'exact' | 'capital'; text: string } | null>;
  /** Target actor id, or for a demonym the country (ISO2) it denotes. */
  id: string;
  role: AliasRole;
  /** Declaration order, for stable choices. */
  order: number;
}

export interface ActorLexicon {
  byId: Map<string, ActorEntry>;
  /** ISO2 -> the state actor id and its forces' id. */
  states: Map<string, { state: string; forces: string }>;
  patterns: AliasPattern[];
  /** Nouns that make a demonym or a state's possessive name its forces ("Israeli troops", "Russia's army"). */
  forceNouns: string[][];
  /** Nouns that make a demonym or a state's possessive name the state ("Iranian officials"). */
  stateNouns: string[][];
  /** Nouns that extend a named group's mention ("Hezbollah fighters", "Haftar's forces"). */
  memberNouns: Set<string>;
  patronWords: Set<string>;
  patronPrefixes: Set<string>;
  locatives: Set<string>;
}

interface StateData {
  id: string;
  country: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  capitals: string[];
  leaders: string[];
  forces: { id: string; name: string; aliases: string[]; leaders: string[] };
}
interface GroupData {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  parent?: string;
  aliases: string[];
  leaders: string[];
}
interface GenericData {
  id: string;
  name: string;
  kind: string;
  context?: string;
  aliases: string[];
}

/**
 * Tokens for actor matching: dotted acronyms (U.S.), words with inner apostrophes (Hay'at), a possessive
 * "'s" on its own, hyphens (kept so "Iran-backed" can be recognised) and other punctuation.
 */
export const ACTOR_TOKEN =
  /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’](?!s\b)[\p{L}\p{M}\p{N}]+)*|['’]s\b|[^\s\p{L}\p{M}\p{N}]/gu;

const NON_ASCII = /[^\u0020-\u007e]/;
const MARKS = /\p{M}/gu;

/** Lower case, no diacritics, no inner apostrophes or dots: "Hay'at" = "hayat", "U.S." = "us", "Öcalan" = "ocalan". */
export function normalizeToken(t: string): string {
  let s = t.toLowerCase();
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(MARKS, '').replace(/’/g, "'");
  if (s === "'s") return s;
  if (s.length > 1) s = s.replace(/[.']/g, '');
  return s;
}

export interface RawToken {
  text: string;
  norm: string;
  start: number;
  end: number;
  /** Joined to the previous token by a hyphen ("Iran-backed": true on "backed"). */
  hyphen: boolean;
}

/** Tokens of `text` for matching; hyphens are dropped from the stream but remembered on the next token. */
export function actorTokens(text: string): RawToken[] {
  const out: RawToken[] = [];
  let hyphen = false;
  ACTOR_TOKEN.lastIndex = 0;
  for (let m = ACTOR_TOKEN.exec(text); m !== null; m = ACTOR_TOKEN.exec(text)) {
    const t = m[0];
    if (t === '-' || t === '‐' || t === '‑') {
      hyphen = true;
      continue;
    }
    out.push({ text: t, norm: normalizeToken(t), start: m.index, end: m.index + t.length, hyphen });
    hyphen = false;
  }
  return out;
}

const ACRONYM = /^[\p{Lu}\d]{1,5}$/u;
const CAPITALISED = /^\p{Lu}/u;
/** A capital after a lower-case letter: "LeT", "MoD", "JeM" (but not "McDonald"-like names of 4+ letters). */
const MIXED_CASE = /^\p{L}{1,2}\p{Ll}\p{Lu}\p{L}?$/u;

function casingOf(tokens: RawToken[]): AliasPattern['casing'] {
  return tokens.map((t) => {
    const bare = t.text.replace(/\./g, '');
    // Acronyms (HTS, IS) and mixed-case abbreviations (LeT, MoD) must be written exactly so.
    if ((ACRONYM.test(bare) && /\p{Lu}/u.test(bare)) || MIXED_CASE.test(bare))
      return { mode: 'exact' as const, text: bare };
    if (CAPITALISED.test(t.text)) return { mode: 'capital' as const, text: t.text };
    return null;
  });
}

function isKind(k: string): k is ActorKind {
  return ['state_forces', 'rebel', 'militia', 'political', 'civilians', 'external', 'unknown'].includes(k);
}

const nounTokens = (n: string): string[] => actorTokens(n).map((t) => t.norm);

let cached: ActorLexicon | null = null;

/** The lexicon, built once per process (about 1 ms). */
export function actorLexicon(): ActorLexicon {
  if (cached) return cached;
  const byId = new Map<string, ActorEntry>();
  const states = new Map<string, { state: string; forces: string }>();
  const patterns: AliasPattern[] = [];
  let order = 0;
  const add = (alias: string, id: string, role: AliasRole): void => {
    const toks = actorTokens(alias);
    if (toks.length === 0) return;
    patterns.push({ tokens: toks.map((t) => t.norm), casing: casingOf(toks), id, role, order: order++ });
  };
  const addEntry = (e: ActorEntry): void => {
    if (e.actor.id === null) return;
    if (byId.has(e.actor.id)) throw new Error(`data/actors.json: duplicate actor id ${e.actor.id}`);
    byId.set(e.actor.id, e);
  };

  for (const g of data.groups as GroupData[]) {
    if (!isKind(g.kind)) throw new Error(`data/actors.json: bad kind ${g.kind} for ${g.id}`);
    addEntry({
      actor: { name: g.name, id: g.id, kind: g.kind, country: g.country },
      parent: g.parent ?? null,
      generic: false,
      context: null,
    });
    add(g.name, g.id, 'name');
    for (const a of g.aliases) add(a, g.id, 'alias');
    for (const l of g.leaders) add(l, g.id, 'leader');
  }

  // Curated states first; then every other sovereign state from world-countries, so that "Peruvian police"
  // or "the Albanian government" are actors in reports from any war.
  const curated = data.states as StateData[];
  const covered = new Set(curated.map((s) => s.country));
  const taken = new Set([
    ...curated.flatMap((s) => [s.id, s.forces.id]),
    ...(data.groups as GroupData[]).map((g) => g.id),
  ]);
  const generated = worldStates().filter(
    (s) => !covered.has(s.country) && !taken.has(s.id) && !taken.has(s.forces.id),
  );
  for (const s of [...curated, ...generated]) {
    addEntry({
      actor: { name: s.name, id: s.id, kind: 'state_forces', country: s.country },
      parent: null,
      generic: false,
      context: null,
    });
    addEntry({
      actor: { name: s.forces.name, id: s.forces.id, kind: 'state_forces', country: s.country },
      parent: s.id,
      generic: false,
      context: null,
    });
    states.set(s.country, { state: s.id, forces: s.forces.id });
    add(s.name, s.id, 'name');
    for (const a of s.aliases) add(a, s.id, 'alias');
    for (const c of s.capitals) add(c, s.id, 'capital');
    for (const l of s.leaders) add(l, s.id, 'leader');
    add(s.forces.name, s.forces.id, 'alias');
    for (const a of s.forces.aliases) add(a, s.forces.id, 'alias');
    for (const l of s.forces.leaders) add(l, s.forces.id, 'leader');
    // A demonym alone is not an actor; the matcher combines it with a following force or state noun.
    for (const d of s.demonyms) add(d, s.country, 'demonym');
  }

  for (const g of data.generic as GenericData[]) {
    if (!isKind(g.kind)) throw new Error(`data/actors.json: bad kind ${g.kind} for ${g.id}`);
    const context = g.context === 'forces' || g.context === 'state' ? g.context : null;
    addEntry({
      actor: { name: g.name, id: g.id, kind: g.kind, country: null },
      parent: null,
      generic: true,
      context,
    });
    for (const a of g.aliases) add(a, g.id, 'generic');
  }

  cached = {
    byId,
    states,
    patterns,
    forceNouns: (data.force_nouns as string[]).map(nounTokens),
    stateNouns: (data.state_nouns as string[]).map(nounTokens),
    memberNouns: new Set((data.member_nouns as string[]).map(normalizeToken)),
    patronWords: new Set((data.patron_words as string[]).map(normalizeToken)),
    patronPrefixes: new Set((data.patron_prefixes as string[]).map(normalizeToken)),
    locatives: new Set((data.locative_prepositions as string[]).map(normalizeToken)),
  };
  return cached;
}
