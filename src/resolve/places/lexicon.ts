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
  typeWordsBefore: Record<string, TypeHint>;
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
  /** Cues right before a name, folded ("city of" → city, "province of" → admin). */
  typeBefore: Map<string, TypeHint>;
  /** Proximity cues right before a name, folded ("near", "north of", "km from"). */
  nearBefore: Set<string>;
  /** First words of the multi-word entries above (and of demonyms), which must be tried as whole phrases. */
  multiWordStarts: Set<string>;
  /** Single-word and two-word cues that introduce a place ("in", "near", "north of"), folded. */
  locativeWords: Set<string>;
  locativePhrases: Set<string>;
}

let lexicon: GeoLexicon | null = null;

export function geoLexicon(): GeoLexicon {
  if (lexicon) return lexicon;
  const raw = JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as RawLexicon;
  const keys = (list: string[]) => new Set(list.map(normalizePlaceName));
  const multiWordStarts = new Set<string>();
  for (const phrase of raw.nonPlaces) {
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
    typeBefore: new Map(Object.entries(raw.typeWordsBefore).map(([w, h]) => [foldPlaceName(w).trim(), h])),
    nearBefore: new Set(raw.nearCues.map((c) => foldPlaceName(c).trim())),
    locativeWords: new Set(
      raw.locativeCues.map((c) => foldPlaceName(c).trim()).filter((c) => !c.includes(' ')),
    ),
    locativePhrases: new Set(
      raw.locativeCues.map((c) => foldPlaceName(c).trim()).filter((c) => c.includes(' ')),
    ),
  };
  return lexicon;
}
