// The geoparser's word lists (data/geoparse-lexicon.json), normalised once with the gazetteer's rules so that
// every comparison is between keys.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldPlaceName, normalizePlaceName } from '../../knowledge/gazetteer.ts';

export const LEXICON_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/geoparse-lexicon.json',
);

export type TypeHint = 'admin' | 'district' | 'city';

interface RawLexicon {
  nonPlaces: string[];
  givenNames: string[];
  titles: string[];
  firstNames: string[];
  modifiers: string[];
  connectors: string[];
  typeWords: Record<string, TypeHint>;
  typeWordsBefore: string[];
  nearCues: string[];
  locativeCues: string[];
}

export interface GeoLexicon {
  /** Keys that are not places when they stand alone (months, titles, common words, news agencies, names). */
  nonPlaces: Set<string>;
  /** Titles and given names: a capitalised word right after one of these belongs to a person's name. */
  personBefore: Set<string>;
  /** Place names that are also common first names: followed by a capitalised word they are a person. */
  firstNames: Set<string>;
  /** Direction and size words that may precede a place name without being part of it. */
  modifiers: Set<string>;
  /** Lower-case words allowed inside a multi-word place name (exact, lower case). */
  connectors: Set<string>;
  /** Folded type word → hint ("province" → admin). */
  typeWords: Map<string, TypeHint>;
  /** Matches a cue ("city of", "province of") right before a name: the text before the name must end with it. */
  typeBefore: RegExp;
  /** Matches a proximity cue ("near", "north of") right before a name. */
  nearBefore: RegExp;
  /** First words of the multi-word entries above (and of demonyms), which must be tried as whole phrases. */
  multiWordStarts: Set<string>;
  /** Single-word and two-word cues that introduce a place ("in", "near", "north of"), folded. */
  locativeWords: Set<string>;
  locativePhrases: Set<string>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cueRegex = (cues: string[]) =>
  new RegExp(`(?:^|[^\\p{L}])(?:${cues.map(escapeRegex).join('|')})\\s+(?:the\\s+)?$`, 'iu');

let lexicon: GeoLexicon | null = null;

export function geoLexicon(): GeoLexicon {
  if (lexicon) return lexicon;
  const raw = JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as RawLexicon;
  const keys = (list: string[]) => new Set(list.map(normalizePlaceName));
  const multiWordStarts = new Set<string>();
  for (const phrase of [...raw.nonPlaces, ...raw.typeWordsBefore]) {
    const key = normalizePlaceName(phrase);
    if (key.includes(' ')) multiWordStarts.add(key.slice(0, key.indexOf(' ')));
  }
  lexicon = {
    multiWordStarts,
    nonPlaces: keys(raw.nonPlaces),
    personBefore: new Set([...raw.titles, ...raw.givenNames].map(normalizePlaceName)),
    firstNames: keys(raw.firstNames),
    modifiers: keys(raw.modifiers),
    connectors: new Set(raw.connectors),
    typeWords: new Map(Object.entries(raw.typeWords).map(([w, h]) => [foldPlaceName(w).trim(), h])),
    typeBefore: cueRegex(raw.typeWordsBefore),
    nearBefore: cueRegex(raw.nearCues),
    locativeWords: new Set(
      raw.locativeCues.map((c) => foldPlaceName(c).trim()).filter((c) => !c.includes(' ')),
    ),
    locativePhrases: new Set(
      raw.locativeCues.map((c) => foldPlaceName(c).trim()).filter((c) => c.includes(' ')),
    ),
  };
  return lexicon;
}
