// The geoparser: recognises toponyms in an article (capitalised word sequences found in the gazetteer, with
// cues such as "the city of X", "X province", "north of X") and resolves each one to a place, using what the
// article is about (countries named or implied by demonyms and unambiguous places, admin-1 regions named),
// then population and feature kind (capital > admin seat > populated place).
import {
  ALT_NAME_BIT,
  ARABIC_ARTICLES,
  foldPlaceName,
  type Gazetteer,
  gazetteer,
  normaliseFolded,
  normalizePlaceName,
  skeletonKey,
} from '../knowledge/gazetteer.ts';
import { geoLexicon, type TypeHint } from './places/lexicon.ts';

export interface Place {
  name: string;
  lat: number;
  lon: number;
  admin1: string | null;
  country: string /* ISO2 */;
  geonameId: number | null;
  kind: string;
  population: number;
  precision: 1 | 2 | 3 | 4;
}

export interface Toponym {
  start: number;
  end: number;
  text: string;
  place: Place;
  candidates: number;
}

export interface GeoparseOptions {
  /** ISO2 codes the caller knows the article is about (e.g. from the feed), strongest first. */
  countryHint?: string[];
  /** Also return demonyms ("Syrian") as country-level toponyms. Off by default: "Syrian army" is no place. */
  includeDemonyms?: boolean;
}

interface Token {
  start: number;
  end: number;
  folded: string;
  cap: boolean;
  /** Lower-case connector allowed inside a name ("of", "de", "al"). */
  connector: boolean;
}

type MatchVia = 'exact' | 'skeleton' | 'acronym' | 'demonym';

/** A recognised span before resolution. */
interface Mention {
  start: number;
  end: number;
  key: string;
  via: MatchVia;
  postings: Uint32Array | number[];
  hint: TypeHint | null;
  near: boolean;
  /** Introduced by a preposition ("in X"). */
  locative?: boolean;
  /** Country / admin-1 named right after a comma ("Lebanon, Tenn."). */
  qualifier: { country: string; admin1: string | null } | null;
}

interface Context {
  /** What each distinct name contributed, so that a name is not its own evidence. */
  own: Map<string, Map<string, number>>;
  countries: Map<string, number>;
  maxWeight: number;
  /** Admin-1 codes named or implied (by towns resolved without doubt), with their supporting names. */
  admin1: Map<string, Set<string>>;
  /** Towns and sites read without doubt: namesakes near them are likelier (places in a report cluster). */
  anchors: { key: string; lat: number; lon: number }[];
  /** A name qualified once ("Paris, Tenn.") keeps that qualifier where it appears alone. */
  qualified: Map<string, Mention['qualifier']>;
  /** Admin-1 regions where the first reading of the article's names falls, with those names. */
  regions: Map<string, Set<string>>;
  hint: string[];
}

const MAX_TOKENS = 5;
/** Readings considered per name: postings come in prior order, and a name with more namesakes is rare. */
const MAX_READINGS = 150;
let demonymStartsCache: Set<string> | null = null;
function demonymStarts(g: Gazetteer): Set<string> {
  if (!demonymStartsCache) {
    demonymStartsCache = new Set();
    for (const k of Object.keys(g.header.demonyms))
      if (k.includes(' ')) demonymStartsCache.add(k.slice(0, k.indexOf(' ')));
  }
  return demonymStartsCache;
}

/** First words that may be a dropped leading article: the run's key then starts with its second word. */
const ARTICLE_WORDS = ARABIC_ARTICLES;
const UPPER = /\p{Lu}/u;
// "al-Bab", "el-Zor": a lower-case article glued to a capitalised name
const ARTICLE_PREFIXED = /^(?:al|el|ad|ar|as|az|ash|ez|an|at|ed|es|et|en|ul)[-'’]\p{Lu}/u;
const ABBREVIATED = new Set(['st', 'mt', 'ft', 'pt', 'ste']);

// Span keys repeat within and across articles; normalising each once saves most of the work.
const keyCache = new Map<string, string>();
function normaliseKey(folded: string): string {
  let key = keyCache.get(folded);
  if (key === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    key = normaliseFolded(folded);
    keyCache.set(folded, key);
  }
  return key;
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
function isWordChar(c: number, text: string, at: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_MARK.test(text[at]);
}
function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019 || c === 0x2bc || c === 96; // - ' ’ ʼ `
}

/** Words with character offsets: a hand-written scanner, several times faster than a Unicode regex. */
function tokenize(text: string): Token[] {
  const lex = geoLexicon();
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c, text, i)) break;
        if (c >= 128 || c < 65) ascii = false;
        i++;
      }
      // "Deir ez-Zor", "Ma'arrat": a joiner between word characters keeps the word going
      if (i + 1 < n && isJoiner(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        ascii = false;
        i++;
        continue;
      }
      break;
    }
    let end = i;
    // possessive: "Syria's" → "Syria"
    const last = text.charCodeAt(end - 1);
    if ((last === 115 || last === 83) && end - start > 3) {
      const q = text.charCodeAt(end - 2);
      if (q === 39 || q === 0x2019) end -= 2;
    }
    const c0 = text.charCodeAt(start);
    const word = text.slice(start, end);
    const cap =
      c0 < 128 ? c0 >= 65 && c0 <= 90 : UPPER.test(text[start]) || (!ascii && ARTICLE_PREFIXED.test(word));
    const capOrArticle = cap || (c0 >= 97 && !ascii && ARTICLE_PREFIXED.test(word));
    tokens.push({
      start,
      end,
      folded: ascii ? word.toLowerCase() : foldPlaceName(word).trim(),
      cap: capOrArticle,
      connector: !capOrArticle && lex.connectors.has(word),
    });
  }
  return tokens;
}

/** Tokens i and i+1 are part of one name only when separated by a single space (or "St. " style dot). */
function joined(text: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  if (gap === 1) return text.charCodeAt(a.end) === 32;
  if (gap === 2 && text[a.end] === '.' && text[a.end + 1] === ' ') return ABBREVIATED.has(a.folded);
  return gap === 0; // "Deir ez-Zor" split oddly is still one token; adjacent tokens are one word
}

function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '‘' || c === "'" || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':' || c === '—';
  }
  return true;
}

function isPlainPosting(p: number): boolean {
  return (p & ALT_NAME_BIT) === 0;
}

/** Static prior of a record: population plus feature kind. */
function prior(g: Gazetteer, posting: number): number {
  const i = posting & ~ALT_NAME_BIT;
  // population weighs a little more than the kind bonuses below: in news a big namesake is the usual reading
  let s = 1.2 * Math.log10(g.population(i) + 1);
  const fc = g.featureCodeOf(i);
  if (fc === 'PCLI') s += 3;
  // an admin-1 population is the sum of its towns: discounted so that a big city beats its namesake state
  else if (fc === 'ADM1') s -= 0.5;
  else if (fc === 'PPLC') s += 2;
  else if (fc === 'PPLA') s += 1;
  else if (fc === 'PPLA2') s += 0.5;
  // curated entries have no population but were chosen for the news; wider ones rank like provinces/countries
  if (g.isSupplement(i) && g.population(i) === 0)
    s += 3 + 1.5 * g.precisionOf(i) + (g.countryOf(i) === 'XX' ? 1 : 0);
  else if (g.isSupplement(i)) s += 1;
  if (!isPlainPosting(posting)) s -= 1.5;
  return s;
}

/**
 * A match stands on its own when one reading is a country, region, county, curated place or a town of some
 * size under its main name; otherwise (a hamlet, or a word that is only an alternate name) it needs a cue.
 */
function isStrongMatch(g: Gazetteer, postings: Uint32Array | number[], multiWord: boolean): boolean {
  const minPlain = multiWord ? 500 : 5000;
  const minAlt = multiWord ? 5000 : 100000;
  for (const p of postings) {
    const i = p & ~ALT_NAME_BIT;
    const fc = g.featureCodeOf(i);
    if (fc === 'PCLI' || fc === 'ADM1' || fc === 'ADM2' || g.isSupplement(i)) return true;
    if (g.population(i) >= (isPlainPosting(p) ? minPlain : minAlt)) return true;
  }
  return false;
}

/** Only spaces between two offsets. */
function spacesOnly(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/**
 * The cue phrase (one to three words, optionally followed by "the") that ends right before token i, looked up
 * in a set or map of folded phrases: "north of X", "the city of X", "5 km from X".
 */
function phraseBefore<T>(
  text: string,
  tokens: Token[],
  i: number,
  cues: Set<string> | Map<string, T>,
): T | true | undefined {
  let k = i - 1;
  if (k >= 0 && tokens[k].folded === 'the' && spacesOnly(text, tokens[k].end, tokens[i].start)) k--;
  let phrase = '';
  for (let n = 0; n < 3 && k - n >= 0; n++) {
    const t = tokens[k - n];
    if (!spacesOnly(text, t.end, tokens[k - n + 1].start)) break;
    phrase = n === 0 ? t.folded : `${t.folded} ${phrase}`;
    if (cues instanceof Map) {
      const v = cues.get(phrase);
      if (v !== undefined) return v;
    } else if (cues.has(phrase)) return true;
  }
  return undefined;
}

/** A preposition (or "north of", "city of") right before token i, read from the tokens: "in X", "near the X". */
function locativeBefore(text: string, tokens: Token[], i: number): boolean {
  const lex = geoLexicon();
  let k = i - 1;
  if (k >= 0 && tokens[k].folded === 'the' && spacesOnly(text, tokens[k].end, tokens[i].start)) k--;
  if (k < 0 || !spacesOnly(text, tokens[k].end, tokens[k + 1].start)) return false;
  const w = tokens[k].folded;
  if (lex.locativeWords.has(w)) return true;
  return k >= 1 && lex.locativePhrases.has(`${tokens[k - 1].folded} ${w}`);
}

function isAllCaps(text: string, t: Token): boolean {
  if (t.end - t.start < 2) return false;
  for (let k = t.start; k < t.end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

function isMajorPlace(g: Gazetteer, postings: Uint32Array | number[]): boolean {
  for (const p of postings) {
    const i = p & ~ALT_NAME_BIT;
    const fc = g.featureCodeOf(i);
    if (fc === 'PCLI' || fc === 'ADM1' || g.isSupplement(i) || g.population(i) >= 100000) return true;
  }
  return false;
}

function hasLocativeCue(text: string, tokens: Token[], i: number, end: number): boolean {
  if (locativeBefore(text, tokens, i)) return true;
  // "Lebanon, Tenn." / "Nawa, Daraa": a comma and a capitalised qualifier after the name
  return text.charCodeAt(end) === 44 && /^,\s*\p{Lu}/u.test(text.slice(end, end + 4));
}

function recognise(text: string, g: Gazetteer): Mention[] {
  const lex = geoLexicon();
  const tokens = tokenize(text);
  const mentions: Mention[] = [];
  let lowerWords: Set<string> | null = null;
  const usedLowercase = (folded: string) => {
    if (!lowerWords) {
      lowerWords = new Set();
      for (const t of tokens) if (!t.cap) lowerWords.add(t.folded);
    }
    return lowerWords.has(folded);
  };
  const demonyms = g.header.demonyms;
  const surnames = new Set<string>();
  const abbreviations: Mention[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first.cap) continue;
    let found: Mention | null = null;
    let foundJ = i;
    let skipTo = -1;
    // longest match first
    let last = i;
    while (
      last + 1 < tokens.length &&
      last - i + 1 < MAX_TOKENS &&
      joined(text, tokens[last], tokens[last + 1])
    ) {
      const next = tokens[last + 1];
      if (!next.cap && !next.connector) break;
      last++;
    }
    if (last > i) {
      // try longer runs only when some multi-word name (or non-place phrase, or demonym) starts this way
      const key1 = normaliseKey(first.folded);
      const space = key1.indexOf(' ');
      const word1 = space > 0 ? key1.slice(0, space) : key1;
      if (
        space < 0 &&
        !ARTICLE_WORDS.has(word1) &&
        !g.startsMultiWordName(word1) &&
        !lex.multiWordStarts.has(word1) &&
        !demonymStarts(g).has(word1)
      )
        last = i;
    }
    for (let j = last; j >= i && !found; j--) {
      if (!tokens[j].cap) continue;
      let folded = first.folded;
      for (let k = i + 1; k <= j; k++) folded += ` ${tokens[k].folded}`;
      const key = normaliseKey(folded);
      if (!key) continue;
      if (lex.nonPlaces.has(key)) {
        if (j > i) skipTo = j; // a multi-word non-place ("Prime Minister", "Red Cross") hides its parts
        if (j > i) break;
        continue;
      }
      const start = first.start;
      const end = tokens[j].end;
      const demonym = demonyms[key];
      if (demonym !== undefined) {
        // kept for the article's context even when not returned as a toponym
        foundJ = j;
        found = {
          start,
          end,
          key,
          via: 'demonym',
          postings: [demonym],
          hint: null,
          near: false,
          qualifier: null,
        };
        continue;
      }
      const postings = g.lookupKey(key);
      if (postings.length === 0) continue;
      // a weak match (only small towns, or only through alternate names) needs a cue: "in X", "X, Tenn."
      if (!isStrongMatch(g, postings, j > i) && !hasLocativeCue(text, tokens, i, end)) continue;
      if (j === i) {
        // a lone capitalised word: reject short ones, common words opening a sentence, person names
        if (key.length < 3 && !/\d/.test(key)) continue; // "M5" (a road) stays
        if (sentenceInitial(text, start) && usedLowercase(first.folded)) continue;
        const prev = tokens[i - 1];
        if (
          prev?.cap &&
          text.slice(prev.end, first.start) === '. ' &&
          lex.personBefore.has(normalizePlaceName(prev.folded))
        ) {
          // "Mr. Trapani", "Gen. Jackson"
          if (!isMajorPlace(g, postings)) surnames.add(key);
          continue;
        }
        // in all-capitals text (headlines, datelines) capitals say nothing about names
        const shouting = isAllCaps(text, first);
        const major = isMajorPlace(g, postings);
        if (prev?.cap && !shouting && joined(text, prev, first)) {
          // "Tim Blackwell", "President Jackson": a capitalised word before a lone name makes it a person's
          // (or an organisation's) name, unless that word is a direction or size
          // modifier or a common word opening the sentence
          const prevKey = normalizePlaceName(prev.folded);
          if (
            lex.personBefore.has(prevKey) ||
            (!lex.modifiers.has(prevKey) &&
              !lex.nonPlaces.has(prevKey) &&
              !lex.typeWords.has(prev.folded) &&
              !sentenceInitial(text, prev.start)) // "Considering Tunisia's ...": capitalised only by position
          ) {
            // a country, province, curated place or city is never taken for a surname elsewhere
            if (!major) surnames.add(key);
            continue;
          }
        }
        const next = tokens[i + 1];
        if (next?.cap && !shouting && joined(text, first, next) && !lex.typeWords.has(next.folded)) {
          // "Jordan Peterson", "Barry Smith": a first name that is also a place, or a small place, followed by
          // another capitalised word is part of a person's (or organisation's) name
          if (lex.firstNames.has(key) && !g.lookupKey(next.folded).length) continue;
          if (!major && !locativeBefore(text, tokens, i)) {
            surnames.add(key);
            continue;
          }
        }
      }
      foundJ = j;
      found = { start, end, key, via: 'exact', postings, hint: null, near: false, qualifier: null };
    }
    if (!found && skipTo < 0) {
      // transliteration variants (Talbisa ~ Talbiseh): loose key, single or multi-word, long enough to be safe
      // (only where a preposition introduces a place: most unknown capitalised runs are names of people)
      for (const j of hasLocativeCue(text, tokens, i, first.end) ? (last > i ? [last, i] : [i]) : []) {
        if (found || !tokens[j].cap) continue;
        let folded = first.folded;
        for (let k = i + 1; k <= j; k++) folded += ` ${tokens[k].folded}`;
        const key = normaliseKey(folded);
        if (key.length < 6 || lex.nonPlaces.has(key)) continue;
        if (j === i && sentenceInitial(text, first.start) && usedLowercase(first.folded)) continue;
        // candidates are checked later, against the article's countries and for spelling distance
        const postings = g.lookupSkeleton(skeletonKey(key));
        if (postings.length) foundJ = j;
        found = {
          start: first.start,
          end: tokens[j].end,
          key,
          via: 'skeleton',
          postings,
          hint: null,
          near: false,
          qualifier: null,
        };
      }
    }
    if (!found && skipTo < 0) {
      // an unknown word that a curated name continues in lower case: "Nassib border crossing"
      let folded = first.folded;
      for (let k = i + 1; k <= i + 3 && k < tokens.length && !found; k++) {
        if (tokens[k].cap || !joined(text, tokens[k - 1], tokens[k])) break;
        folded += ` ${tokens[k].folded}`;
        const key = normaliseFolded(folded);
        const postings = g.lookupKey(key);
        if (postings.length && postings.every((p) => g.isSupplement(p & ~ALT_NAME_BIT))) {
          foundJ = k;
          found = {
            start: first.start,
            end: tokens[k].end,
            key,
            via: 'exact',
            postings,
            hint: null,
            near: false,
            qualifier: null,
          };
        }
      }
    }
    if (found) {
      let endToken = foundJ;
      found.locative = locativeBefore(text, tokens, i);
      // a curated name may go on in lower case: "the Rafah crossing", "Zaporizhzhia nuclear plant"
      if (found.via === 'exact') {
        let folded = found.key;
        for (let k = endToken + 1; k <= endToken + 3 && k < tokens.length; k++) {
          if (tokens[k].cap || !joined(text, tokens[k - 1], tokens[k])) break;
          folded += ` ${tokens[k].folded}`;
          const longerKey = normaliseFolded(folded);
          const longer = longerKey === found.key ? [] : g.lookupKey(longerKey);
          if (longer.length) {
            found.postings = longer;
            found.key = longerKey;
            found.end = tokens[k].end;
            endToken = k;
          }
        }
      }
      annotateCues(text, tokens, i, endToken, found, g, abbreviations);
      mentions.push(found);
      i = endToken;
    } else if (skipTo >= 0) i = skipTo;
  }
  if (abbreviations.length) {
    // "Charleston, W.Va.": the state abbreviation replaces whatever its letters matched on their own
    const kept = mentions.filter((m) => !abbreviations.some((a) => a.start < m.end && m.start < a.end));
    mentions.length = 0;
    mentions.push(...kept, ...abbreviations);
    mentions.sort((a, b) => a.start - b.start);
  }
  findAcronyms(text, g, mentions);
  // a word used as a surname ("Jim Underwood") is a surname when it stands alone later ("Underwood said"),
  // unless a locative cue says otherwise ("in Underwood")
  if (surnames.size) {
    return mentions.filter((m) => !(m.via === 'exact' && surnames.has(m.key) && !m.locative));
  }
  return mentions;
}

/** Type words and proximity cues around a mention, and a ", Qualifier" after it. */
function annotateCues(
  text: string,
  tokens: Token[],
  startToken: number,
  endToken: number,
  m: Mention,
  g: Gazetteer,
  extra: Mention[],
): void {
  const lex = geoLexicon();
  const next = tokens[endToken + 1];
  if (next && joined(text, tokens[endToken], next)) {
    const hint = lex.typeWords.get(next.folded);
    if (hint) {
      m.hint = hint;
      if (next.cap) m.end = next.end; // "Homs Province", "Douglas County": the type word is part of the name
    }
  }
  if (!m.hint) {
    const hint = phraseBefore(text, tokens, startToken, lex.typeBefore);
    if (hint !== undefined && hint !== true) m.hint = hint;
  }
  m.near = phraseBefore(text, tokens, startToken, lex.nearBefore) !== undefined;
  // "Lebanon, Tenn." / "Tripoli, Libya": the qualifier restricts the candidates
  const after = /^,\s*((?:\p{Lu}[\p{L}.'’-]*)(?:\s\p{Lu}[\p{L}.'’-]*){0,2})/u.exec(
    text.slice(m.end, m.end + 40),
  );
  if (after) {
    const words = after[1];
    const abbreviated =
      g.header.admin1Abbreviations[words] ?? g.header.admin1Abbreviations[words.split(' ')[0]];
    if (abbreviated !== undefined) {
      const [code] = g.header.admin1[abbreviated];
      m.qualifier = { country: code.slice(0, 2), admin1: code };
      // the abbreviation is a toponym of its own: the state or province
      const written = g.header.admin1Abbreviations[words] !== undefined ? words : words.split(' ')[0];
      const region = g.header.admin1Records[code];
      const start = m.end + after[0].length - after[1].length;
      if (region !== undefined)
        extra.push({
          start,
          end: start + written.length,
          key: written,
          via: 'acronym',
          postings: [region],
          hint: null,
          near: false,
          qualifier: null,
        });
      return;
    }
    for (let n = words.split(' ').length; n >= 1 && !m.qualifier; n--) {
      const key = normalizePlaceName(words.split(' ').slice(0, n).join(' '));
      for (const p of g.lookupKey(key)) {
        const i = p & ~ALT_NAME_BIT;
        const fc = g.featureCodeOf(i);
        if (fc === 'PCLI') m.qualifier = { country: g.countryOf(i), admin1: null };
        else if (fc === 'ADM1') m.qualifier = { country: g.countryOf(i), admin1: g.admin1CodeOf(i) };
        if (m.qualifier) break;
      }
    }
  }
}

const acronymRegexCache = new WeakMap<Gazetteer, RegExp | null>();
function findAcronyms(text: string, g: Gazetteer, mentions: Mention[]): void {
  let re = acronymRegexCache.get(g);
  if (re === undefined) {
    const keys = Object.keys(g.header.acronyms).sort((a, b) => b.length - a.length);
    re = keys.length
      ? new RegExp(
          `(?<![\\p{L}\\d.])(?:${keys.map((k) => k.replace(/\./g, '\\.')).join('|')})(?![\\p{L}\\d])`,
          'gu',
        )
      : null;
    acronymRegexCache.set(g, re);
  }
  if (!re) return;
  const added: Mention[] = [];
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (mentions.some((x) => x.start < end && start < x.end)) continue;
    added.push({
      start,
      end,
      key: m[0],
      via: 'acronym',
      postings: g.header.acronyms[m[0]],
      hint: null,
      near: false,
      qualifier: null,
    });
  }
  if (added.length) {
    mentions.push(...added);
    mentions.sort((a, b) => a.start - b.start);
  }
}

/** What the article is about: countries (weighted) and admin-1 regions named in it. */
function buildContext(mentions: Mention[], g: Gazetteer, hint: string[]): Context {
  const countries = new Map<string, number>();
  const admin1 = new Map<string, Set<string>>();
  const anchors: Context['anchors'] = [];
  const qualified: Context['qualified'] = new Map();
  const addAdmin1 = (code: string, key: string) => {
    const set = admin1.get(code);
    if (set) set.add(key);
    else admin1.set(code, new Set([key]));
  };
  const own = new Map<string, Map<string, number>>();
  let current: Map<string, number> | null = null;
  const add = (cc: string, w: number) => {
    if (cc === 'XX') return;
    countries.set(cc, (countries.get(cc) ?? 0) + w);
    if (current) current.set(cc, (current.get(cc) ?? 0) + w);
  };
  const countryLevel = new Set<string>();
  for (const m of mentions) {
    // each distinct name is evidence once: ten mentions of an ambiguous town do not outvote a country named
    // once; a country (or its demonym) named again does say what the article is about
    if (m.qualifier && !qualified.has(m.key)) qualified.set(m.key, m.qualifier);
    const seen = own.get(m.key);
    if (seen) {
      if (countryLevel.has(m.key)) {
        current = seen;
        for (const cc of [...seen.keys()]) add(cc, 1);
      }
      continue;
    }
    current = new Map();
    own.set(m.key, current);
    if (m.via === 'demonym' || m.via === 'acronym') {
      add(g.countryOf(m.postings[0] & ~ALT_NAME_BIT), 2);
      countryLevel.add(m.key);
      continue;
    }
    if (m.via === 'skeleton') continue;
    if (m.qualifier) {
      add(m.qualifier.country, 1);
      if (m.qualifier.admin1) addAdmin1(m.qualifier.admin1, '');
    }
    // the likeliest reading by prior; it counts when it clearly beats readings in other countries
    let best = -1;
    let bestScore = -Infinity;
    let rivalScore = -Infinity;
    for (let k = 0; k < m.postings.length && k < MAX_READINGS; k++) {
      const p = m.postings[k];
      const s = prior(g, p);
      if (s > bestScore) {
        if (best >= 0 && g.countryOf(best & ~ALT_NAME_BIT) !== g.countryOf(p & ~ALT_NAME_BIT))
          rivalScore = bestScore;
        best = p;
        bestScore = s;
      } else if (s > rivalScore && g.countryOf(p & ~ALT_NAME_BIT) !== g.countryOf(best & ~ALT_NAME_BIT))
        rivalScore = s;
    }
    if (best < 0) continue;
    const i = best & ~ALT_NAME_BIT;
    const fc = g.featureCodeOf(i);
    const margin = bestScore - rivalScore;
    if (fc === 'PCLI' && isPlainPosting(best)) {
      add(g.countryOf(i), margin > 1 ? 2 : 1);
      countryLevel.add(m.key);
    } else if (margin >= 1.5) add(g.countryOf(i), fc === 'ADM1' || fc === 'PPLC' ? 1 : 0.5);
    const code = g.admin1CodeOf(i);
    // a region named, or a town read without doubt, puts its admin-1 region in the context
    if (code && margin >= 1) addAdmin1(code, m.key);
    if (margin >= 1 && g.precisionOf(i) <= 2) anchors.push({ key: m.key, lat: g.lat(i), lon: g.lon(i) });
  }
  current = null;
  let maxWeight = 0;
  for (const w of countries.values()) maxWeight = Math.max(maxWeight, w);
  // an admin-1 region only counts when it lies in a country the article is about
  for (const code of [...admin1.keys()]) if (!countries.has(code.slice(0, 2))) admin1.delete(code);
  const ctx: Context = { own, countries, maxWeight, admin1, anchors, qualified, hint, regions: new Map() };
  // second look: where the first reading of every name falls; a region most names fall in is where the
  // story is, and helps the names that the first look left ambiguous ("Henry County", "Arlington")
  const regions = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.via !== 'exact' || regions.has(`#${m.key}`)) continue;
    regions.set(`#${m.key}`, new Set());
    const i = resolveMention(g, m, ctx);
    const code = i >= 0 && g.featureCodeOf(i) !== 'ADM1' ? g.admin1CodeOf(i) : null;
    if (!code) continue;
    const set = regions.get(code);
    if (set) set.add(m.key);
    else regions.set(code, new Set([m.key]));
  }
  for (const k of [...regions.keys()]) if (k.startsWith('#')) regions.delete(k);
  ctx.regions = regions;
  return ctx;
}

/** Distance to the nearest anchor other than the name itself (equirectangular: fine below 1000 km). */
function nearestAnchorKm(lat: number, lon: number, key: string, anchors: Context['anchors']): number {
  let best = Infinity;
  const k = Math.cos((lat * Math.PI) / 180);
  for (const a of anchors) {
    if (a.key === key) continue;
    const dy = a.lat - lat;
    const dx = (a.lon - lon) * k;
    const d2 = dx * dx + dy * dy;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best) * 111.2;
}

function score(g: Gazetteer, posting: number, m: Mention, ctx: Context): number {
  const i = posting & ~ALT_NAME_BIT;
  let s = prior(g, posting);
  const cc = g.countryOf(i);
  const fc = g.featureCodeOf(i);
  const w = (ctx.countries.get(cc) ?? 0) - (ctx.own.get(m.key)?.get(cc) ?? 0);
  if (w > 0) s += 1 + 4 * Math.min(1, w / ctx.maxWeight);
  else if (ctx.maxWeight >= 2 && fc !== 'PCLI') s -= 1;
  const hintRank = ctx.hint.indexOf(cc);
  if (hintRank >= 0) s += Math.max(1, 3 - hintRank);
  const a1 = g.admin1CodeOf(i);
  if (a1 && fc !== 'ADM1') {
    // supported by some other name than this one
    const support = ctx.admin1.get(a1);
    if (support && (support.size > 1 || !support.has(m.key))) s += 1.5;
    const region = ctx.regions.get(a1);
    if (region) {
      const others = region.size - (region.has(m.key) ? 1 : 0);
      if (others >= 2) s += 1;
    }
  }
  if (fc !== 'PCLI' && ctx.anchors.length) {
    const km = nearestAnchorKm(g.lat(i), g.lon(i), m.key, ctx.anchors);
    s += km < 50 ? 2 : km < 150 ? 1.5 : km < 400 ? 0.5 : 0;
  }
  if (m.hint === 'admin') s += fc === 'ADM1' ? 5 : fc === 'PCLI' ? -3 : 0;
  else if (m.hint === 'city') s += fc === 'ADM1' || fc === 'PCLI' ? -4 : 1;
  else if (m.hint === 'district') s += fc === 'PCLI' ? -4 : 0;
  if (m.qualifier) {
    if (cc !== m.qualifier.country) s -= 20;
    else if (m.qualifier.admin1 && a1 !== m.qualifier.admin1) s -= 5;
    else s += 5;
  }
  return s;
}

function toPlace(g: Gazetteer, index: number, m: Mention): Place {
  const r = g.record(index);
  let precision = r.precision;
  // "near X", "X district", "X County" around a town: the event is near the town, not in it
  if (precision === 1 && (m.near || m.hint === 'district')) precision = 2;
  return {
    name: r.name,
    lat: r.lat,
    lon: r.lon,
    admin1: r.admin1,
    country: r.country,
    geonameId: r.geonameId,
    kind: r.kind,
    population: r.population,
    precision,
  };
}

function resolveMention(g: Gazetteer, m: Mention, ctx: Context): number {
  if (!m.qualifier) m.qualifier = ctx.qualified.get(m.key) ?? null;
  let best = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < m.postings.length && k < MAX_READINGS; k++) {
    const p = m.postings[k];
    const i = p & ~ALT_NAME_BIT;
    if (m.via === 'skeleton') {
      if (!ctx.countries.has(g.countryOf(i)) && !ctx.hint.includes(g.countryOf(i))) continue;
      if (!isSimilar(g, m.key, p)) continue;
    }
    const s = score(g, p, m, ctx);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/** Edit distance, for the few candidates a loose key returns. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A loose-key candidate whose name is still close to the query (Talbisa ~ Talbiseh, not Harwinton ~ Horntown). */
function isSimilar(g: Gazetteer, key: string, posting: number): boolean {
  const raw = g.nameOf(posting & ~ALT_NAME_BIT);
  if (Math.abs(raw.length - key.length) > key.length / 2 + 2) return false; // cheap test before normalising
  const name = normalizePlaceName(raw);
  return editDistance(key, name) <= Math.max(1, Math.floor(Math.max(key.length, name.length) * 0.25));
}

function similarOnly(g: Gazetteer, key: string, postings: Uint32Array | number[]): number[] {
  return Array.from(postings).filter((p) => isSimilar(g, key, p));
}

/** Recognise and resolve the toponyms of an article; offsets are UTF-16 offsets into `text`. */
export function geoparse(text: string, opts: GeoparseOptions = {}): Toponym[] {
  const g = gazetteer();
  return resolveMentions(text, g, recognise(text, g), opts);
}

/**
 * The countries an article is about and its toponyms resolved with them as the hint, recognising the
 * text once (countryContext followed by geoparse would recognise it twice).
 */
export function geoparseArticle(
  text: string,
  opts: GeoparseOptions = {},
): { countries: string[]; toponyms: Toponym[] } {
  const g = gazetteer();
  const mentions = recognise(text, g);
  const countries = rankedCountries(buildContext(mentions, g, []));
  const hint = opts.countryHint?.length ? opts.countryHint : countries;
  return { countries, toponyms: resolveMentions(text, g, mentions, { ...opts, countryHint: hint }) };
}

function resolveMentions(text: string, g: Gazetteer, mentions: Mention[], opts: GeoparseOptions): Toponym[] {
  const ctx = buildContext(mentions, g, opts.countryHint ?? []);
  const includeDemonyms = opts.includeDemonyms ?? false;
  const out: Toponym[] = [];
  // one sense per discourse: the same name (and cues) resolves the same way throughout the article
  const chosen = new Map<string, number>();
  for (const m of mentions) {
    if (m.via === 'demonym' && !includeDemonyms) continue;
    const memo = `${m.key}|${m.hint}|${m.qualifier?.admin1 ?? m.qualifier?.country ?? ''}`;
    let index = chosen.get(memo);
    if (index === undefined) {
      index = resolveMention(g, m, ctx);
      chosen.set(memo, index);
    }
    if (index < 0) continue;
    out.push({
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
      place: toPlace(g, index, m),
      candidates: m.postings.length,
    });
  }
  return out;
}

/** ISO2 codes of the countries an article is about, strongest first. */
export function countryContext(text: string): string[] {
  const g = gazetteer();
  return rankedCountries(buildContext(recognise(text, g), g, []));
}

function rankedCountries(ctx: Context): string[] {
  return [...ctx.countries.entries()].sort((a, b) => b[1] - a[1]).map(([cc]) => cc);
}

// Callers resolve many spans of one article in a row: the article's context is computed once.
let lastContext: { text: string; hint: string; ctx: Context } | null = null;
function contextFor(g: Gazetteer, text: string, hint: string[]): Context {
  const hintKey = hint.join(',');
  if (lastContext && lastContext.text === text && lastContext.hint === hintKey) return lastContext.ctx;
  const ctx = buildContext(text ? recognise(text, g) : [], g, hint);
  lastContext = { text, hint: hintKey, ctx };
  return ctx;
}

/**
 * Resolve one toponym whose span is already known (e.g. a gold span or an extractor's place argument).
 * Tries the exact name, then without a trailing type word ("Douglas County" → Douglas), then the loose
 * transliteration key within the article's countries.
 */
export function resolveToponym(
  name: string,
  opts: { countryHint?: string[]; contextText?: string } = {},
): Place | null {
  const g = gazetteer();
  const lex = geoLexicon();
  const ctx = contextFor(g, opts.contextText ?? '', opts.countryHint ?? []);
  const text = name.trim().replace(/['’]s$/, '');
  const m: Mention = {
    start: 0,
    end: text.length,
    key: normalizePlaceName(text),
    via: 'exact',
    postings: [],
    hint: null,
    near: false,
    qualifier: null,
  };
  const acronym = g.header.acronyms[text];
  if (acronym) return toPlace(g, acronym[0], m);
  // a demonym names its country even where a small town has the same name ("Canadian", Texas)
  const demonym = g.header.demonyms[m.key];
  if (demonym !== undefined) return toPlace(g, demonym, m);
  const abbreviation = g.header.admin1Abbreviations[text];
  if (abbreviation !== undefined) {
    const rec = g.header.admin1Records[g.header.admin1[abbreviation][0]];
    if (rec !== undefined) return toPlace(g, rec, m);
  }
  m.postings = g.lookupKey(m.key);
  if (m.postings.length === 0) {
    // a trailing or leading type word: "Kherson Oblast", "Douglas County", "City of Boston"
    const words = m.key.split(' ');
    const lastHint = lex.typeWords.get(words[words.length - 1]);
    if (words.length > 1 && lastHint) {
      m.hint = lastHint;
      m.postings = g.lookupKey(words.slice(0, -1).join(' '));
    } else if (words.length > 2 && lex.typeWords.has(words[0]) && words[1] === 'of') {
      m.hint = lex.typeWords.get(words[0])!;
      m.postings = g.lookupKey(words.slice(2).join(' '));
    }
  }
  if (m.postings.length === 0) {
    m.via = 'skeleton';
    m.postings = similarOnly(g, m.key, g.lookupSkeleton(skeletonKey(m.key)));
  }
  if (m.postings.length === 0) {
    // a longer name around a known one ("Port of Los Angeles", "South Los Angeles"): the known part, as "near"
    const words = m.key.split(' ');
    for (let n = words.length - 1; n >= 1 && m.postings.length === 0; n--) {
      for (const part of [words.slice(words.length - n).join(' '), words.slice(0, n).join(' ')]) {
        if (part.length < 4 || lex.nonPlaces.has(part) || lex.typeWords.has(part)) continue;
        const postings = g.lookupKey(part);
        if (postings.length && isStrongMatch(g, postings, part.includes(' '))) {
          m.postings = postings;
          m.key = part;
          m.near = true;
          m.via = 'exact';
          break;
        }
      }
    }
  }
  if (m.postings.length === 0) return null;
  // the span may sit before a type word or after a cue in the context; the caller knows the span only
  const index = resolveMention(g, m, ctx);
  return index < 0 ? null : toPlace(g, index, m);
}
