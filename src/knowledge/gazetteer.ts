// The gazetteer: GeoNames cities500 + Natural Earth admin-1 + countries + the curated supplement,
// built by scripts/build.d/10-gazetteer.ts into one binary file (data/build/gazetteer.bin) that loads
// without parsing: the records are typed-array columns and the name index is a prebuilt open-addressing
// hash table, so loading is a readFileSync plus a few views (a few ms), not a 600k-entry Map build.
//
// Name normalisation lives here because the build and the resolver must agree on it byte for byte.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GAZETTEER_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../data/build/gazetteer.bin');
export const GAZETTEER_MAGIC = 'SITREPGAZ2';

/** Arabic article variants (and their Romance look-alikes, which are harmless): all become `al`. */
export const ARABIC_ARTICLES = new Set([
  'al',
  'el',
  'ad',
  'ar',
  'as',
  'az',
  'ash',
  'ez',
  'an',
  'at',
  'ath',
  'adh',
  'es',
  'ed',
  'et',
  'en',
  'ul',
  'ud',
  'ur',
  'us',
  'ag',
  'ak',
  'aj',
]);
/** Abbreviations that place names are written with either way. */
const EXPANSIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  mt: 'mount',
  ft: 'fort',
  pt: 'port',
};
/** Letters that NFD does not decompose into base + mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ə: 'e',
};

function foldDiacritics(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue; // combining marks
    out += SPECIAL_LETTERS[ch] ?? ch;
  }
  return out;
}

/** Lower case, no diacritics, apostrophes and ʿayn/hamza signs removed, any other non-alphanumeric run → one space. */
export function foldPlaceName(name: string): string {
  let t = name.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  if (/[^\x00-\x7f]/.test(t)) t = foldDiacritics(t);
  return t.replace(/['’‘`ʿʾʼ"]/g, '').replace(/[^a-z0-9]+/g, ' ');
}

/** Article and abbreviation rules over an already folded name (see `normalizePlaceName`). */
export function normaliseFolded(folded: string): string {
  const tokens = folded.split(' ');
  const out: string[] = [];
  for (const tok of tokens) {
    if (!tok) continue;
    if (ARABIC_ARTICLES.has(tok)) {
      // a leading article is dropped (Al Khums = Khums); an inner one is unified (ez-Zor = al-Zor)
      if (out.length > 0) out.push('al');
      continue;
    }
    out.push(EXPANSIONS[tok] ?? tok);
  }
  // a name that was only an article ("As") keeps it
  if (out.length === 0) return tokens.filter(Boolean).join(' ');
  if (out[out.length - 1] === 'al') out.pop();
  return out.join(' ');
}

/**
 * The index key of a place name: folded (`foldPlaceName`), every Arabic article variant as `al` and a leading
 * article dropped, St./Mt./Ft. expanded. Deir el-Zor, Deir ez-Zor and Deir Al-Zor all give `deir al zor`.
 */
export function normalizePlaceName(name: string): string {
  return normaliseFolded(foldPlaceName(name));
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/**
 * A loose transliteration key built from a normalised name: articles dropped, vowels dropped (and y/w after
 * the first letter, which stand for vowels in romanised Arabic, Persian and Slavic names), a final h after a
 * vowel dropped (Talbiseh = Talbisa), q = k, doubled letters collapsed, spaces removed. Only keys of at least
 * four letters are used, since shorter skeletons collide too often.
 */
export function skeletonKey(normalised: string): string {
  let out = '';
  for (const tok of normalised.split(' ')) {
    if (!tok || tok === 'al') continue;
    let w = tok;
    if (w.length > 3 && w.endsWith('h') && VOWELS.has(w[w.length - 2])) w = w.slice(0, -1);
    for (let i = 0; i < w.length; i++) {
      let c = w[i];
      if (VOWELS.has(c)) continue;
      if ((c === 'y' || c === 'w') && i > 0) continue;
      if (c === 'q') c = 'k';
      if (out.length > 0 && out[out.length - 1] === c) continue;
      out += c;
    }
  }
  return out;
}
export const MIN_SKELETON_LENGTH = 4;

/** FNV-1a over the UTF-16 code units of an (ASCII) key. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Bit set on a posting when the record is reached only through an alternate name, not its main name. */
export const ALT_NAME_BIT = 0x80000000;

export interface GazetteerHeader {
  magic: string;
  records: number;
  sections: Record<string, [offset: number, length: number]>;
  countries: string[];
  featureCodes: string[];
  kinds: string[];
  /** [code "CC.XX", display name] per admin-1 index; index 0 is "none". */
  admin1: [string, string][];
  /** Case-sensitive acronyms and postal/AP abbreviations: text → record indices. */
  acronyms: Record<string, number[]>;
  /** Admin-1 abbreviations used after a comma ("Lebanon, Tenn."): text → admin-1 index. */
  admin1Abbreviations: Record<string, number>;
  /** Demonyms (normalised) → record index of the country or region ("syrian" → Syria, "european" → Europe). */
  demonyms: Record<string, number>;
  /** ISO2 → record index of the country. */
  countryRecords: Record<string, number>;
  /** "CC.XX" → record index of the admin-1 region. */
  admin1Records: Record<string, number>;
}

export interface GazetteerRecord {
  index: number;
  name: string;
  lat: number;
  lon: number;
  country: string;
  admin1Code: string | null;
  admin1: string | null;
  population: number;
  featureCode: string;
  kind: string;
  precision: 1 | 2 | 3 | 4;
  geonameId: number | null;
  fromSupplement: boolean;
}

interface KeyTable {
  slots: Uint32Array;
  keyOffset: Uint32Array;
  keyLength: Uint16Array;
  postStart: Uint32Array;
  postCount: Uint32Array;
  keys: Buffer;
  postings: Uint32Array;
}

export interface Gazetteer {
  header: GazetteerHeader;
  size: number;
  record(index: number): GazetteerRecord;
  /** Record indices for an already normalised key; `ALT_NAME_BIT` marks alternate-name matches. */
  lookupKey(normalisedKey: string): Uint32Array;
  lookupSkeleton(skeleton: string): Uint32Array;
  /** Whether some multi-word name starts with this (normalised) word. */
  startsMultiWordName(word: string): boolean;
  /** Convenience: normalise then look up. */
  lookup(name: string): GazetteerRecord[];
  byGeonameId(id: number): GazetteerRecord | null;
  population(index: number): number;
  nameOf(index: number): string;
  countryOf(index: number): string;
  admin1CodeOf(index: number): string | null;
  featureCodeOf(index: number): string;
  precisionOf(index: number): number;
  isSupplement(index: number): boolean;
  lat(index: number): number;
  lon(index: number): number;
}

const EMPTY = new Uint32Array(0);
let loaded: Gazetteer | null = null;

/** The gazetteer, loaded on first use from data/build/gazetteer.bin (run `npm run build` first). */
export function gazetteer(): Gazetteer {
  if (!loaded) loaded = loadGazetteer(GAZETTEER_FILE);
  return loaded;
}

export function loadGazetteer(file: string): Gazetteer {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw new Error(`gazetteer not built: ${file} is missing; run \`npm run build\` (step 10-gazetteer)`);
  }
  const headerLength = buf.readUInt32LE(0);
  const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as GazetteerHeader;
  if (header.magic !== GAZETTEER_MAGIC) throw new Error(`${file}: not a sitrep gazetteer (rebuild it)`);
  const base = buf.byteOffset;
  const ab = buf.buffer;
  const view = <T>(
    name: string,
    Ctor: new (b: ArrayBufferLike, o: number, n: number) => T,
    bytes: number,
  ): T => {
    const [offset, length] = header.sections[name];
    return new Ctor(ab, base + offset, length / bytes);
  };
  const raw = (name: string): Buffer => {
    const [offset, length] = header.sections[name];
    return buf.subarray(offset, offset + length);
  };
  const ids = view('ids', Int32Array, 4);
  const lats = view('lat', Float32Array, 4);
  const lons = view('lon', Float32Array, 4);
  const pops = view('population', Float64Array, 8);
  const countryIdx = view('country', Uint16Array, 2);
  const admin1Idx = view('admin1', Uint16Array, 2);
  const fcodeIdx = view('fcode', Uint8Array, 1);
  const kindIdx = view('kind', Uint8Array, 1);
  const precision = view('precision', Uint8Array, 1);
  const flags = view('flags', Uint8Array, 1);
  const nameOffset = view('nameOffset', Uint32Array, 4);
  const nameLength = view('nameLength', Uint16Array, 2);
  const names = raw('names');
  const table = (prefix: string): KeyTable => ({
    slots: view(`${prefix}.slots`, Uint32Array, 4),
    keyOffset: view(`${prefix}.keyOffset`, Uint32Array, 4),
    keyLength: view(`${prefix}.keyLength`, Uint16Array, 2),
    postStart: view(`${prefix}.postStart`, Uint32Array, 4),
    postCount: view(`${prefix}.postCount`, Uint32Array, 4),
    keys: raw(`${prefix}.keys`),
    postings: view(`${prefix}.postings`, Uint32Array, 4),
  });
  const exact = table('exact');
  const loose = table('skeleton');
  const firstWords = header.sections['first.slots'] ? table('first') : null;
  const probe = (t: KeyTable, key: string): Uint32Array => {
    const mask = t.slots.length - 1;
    let slot = hashKey(key) & mask;
    for (;;) {
      const entry = t.slots[slot];
      if (entry === 0) return EMPTY;
      const k = entry - 1;
      if (t.keyLength[k] === key.length) {
        const off = t.keyOffset[k];
        let same = true;
        for (let i = 0; i < key.length; i++) {
          if (t.keys[off + i] !== key.charCodeAt(i)) {
            same = false;
            break;
          }
        }
        if (same) return t.postings.subarray(t.postStart[k], t.postStart[k] + t.postCount[k]);
      }
      slot = (slot + 1) & mask;
    }
  };
  let idIndex: Map<number, number> | null = null;
  const record = (i: number): GazetteerRecord => {
    const a1 = admin1Idx[i];
    const id = ids[i];
    return {
      index: i,
      name: names.toString('utf8', nameOffset[i], nameOffset[i] + nameLength[i]),
      lat: Math.round(lats[i] * 1e5) / 1e5,
      lon: Math.round(lons[i] * 1e5) / 1e5,
      country: header.countries[countryIdx[i]],
      admin1Code: a1 ? header.admin1[a1][0] : null,
      admin1: a1 ? header.admin1[a1][1] : null,
      population: pops[i],
      featureCode: header.featureCodes[fcodeIdx[i]],
      kind: header.kinds[kindIdx[i]],
      precision: precision[i] as 1 | 2 | 3 | 4,
      geonameId: id > 0 ? id : null,
      fromSupplement: (flags[i] & 1) === 1,
    };
  };
  return {
    header,
    size: header.records,
    record,
    lookupKey: (key) => (key ? probe(exact, key) : EMPTY),
    lookupSkeleton: (key) => (key.length >= MIN_SKELETON_LENGTH ? probe(loose, key) : EMPTY),
    startsMultiWordName: (word) => (firstWords ? probe(firstWords, word).length > 0 : true),
    lookup: (name) => Array.from(probe(exact, normalizePlaceName(name)), (p) => record(p & ~ALT_NAME_BIT)),
    byGeonameId(id) {
      if (!idIndex) {
        idIndex = new Map();
        for (let i = 0; i < ids.length; i++) if (ids[i] > 0 && !idIndex.has(ids[i])) idIndex.set(ids[i], i);
      }
      const i = idIndex.get(id);
      return i === undefined ? null : record(i);
    },
    population: (i) => pops[i],
    nameOf: (i) => names.toString('utf8', nameOffset[i], nameOffset[i] + nameLength[i]),
    countryOf: (i) => header.countries[countryIdx[i]],
    admin1CodeOf: (i) => (admin1Idx[i] ? header.admin1[admin1Idx[i]][0] : null),
    featureCodeOf: (i) => header.featureCodes[fcodeIdx[i]],
    precisionOf: (i) => precision[i],
    isSupplement: (i) => (flags[i] & 1) === 1,
    lat: (i) => lats[i],
    lon: (i) => lons[i],
  };
}
