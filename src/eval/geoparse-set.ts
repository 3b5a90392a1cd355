// Runs sitrep's geoparser (src/resolve/places.ts) on a geoparsing gold set (LGL, GeoWebNews, TR-News,
// GeoVirus JSONL) and scores it with the pure functions of ./geoparse.ts.
import { basename, dirname } from 'node:path';
import { geoparse, type Place, resolveToponym } from '../resolve/places.ts';
import { type ErrorCase, type EvalMessage, readJsonl } from './common.ts';
import {
  ACCURACY_KM,
  errorKm,
  type GeoDoc,
  type GeoparseFigures,
  type GeoparserUnderTest,
  type GoldToponym,
  MAX_ERROR_KM,
  scoreGeoparse,
} from './geoparse.ts';
import type { EvalSection, RunOptions } from './run.ts';
import { num, pct, type Table } from './table.ts';

/** Published accuracy within 161 km to print beside ours, by set folder (from the papers' tables). */
const ANCHORS: Record<string, string> = {
  'geoparsing-lgl': 'Mordecai 3: 82.7%; CamCoder: 76%',
  'geoparsing-geowebnews': 'Mordecai 3: 94–96%',
};

/**
 * Reads geoparsing gold. GeoWebNews annotates non-toponym spans too (`group: non_toponym`): they are dropped,
 * and, as in the GWN paper, only spans with a GeoNames ID keep coordinates for the resolution figures.
 */
export function loadGeoDocs(text: string, file: string, messages: EvalMessage[]): GeoDoc[] {
  const docs: GeoDoc[] = [];
  for (const { line, rec } of readJsonl(text, file, messages)) {
    if (typeof rec.text !== 'string' || !Array.isArray(rec.toponyms)) {
      messages.push({ file, line, reason: 'not a geoparsing record (text, toponyms)' });
      continue;
    }
    const toponyms: GoldToponym[] = [];
    for (const t of rec.toponyms as Array<Record<string, unknown>>) {
      if (t.group === 'non_toponym') continue;
      const hasId = !('group' in t) || t.geonameid != null;
      const lat = typeof t.lat === 'number' && hasId ? t.lat : null;
      const lon = typeof t.lon === 'number' && hasId ? t.lon : null;
      toponyms.push({ start: Number(t.start), end: Number(t.end), name: String(t.name), lat, lon });
    }
    docs.push({ id: String(rec.id ?? `line-${line}`), text: rec.text, toponyms });
  }
  return docs;
}

interface Resolution {
  doc: GeoDoc;
  name: string;
  got: Place | null;
}

/** sitrep's geoparser as the scorer wants it; remembers each resolution to list the worst errors. A document
 * the geoparser fails on counts as nothing found, with a message, so one bad article never stops the set. */
export function sitrepGeoparser(
  log: Resolution[] = [],
  messages: EvalMessage[] = [],
  file = '',
): GeoparserUnderTest {
  const failed = (what: string, e: unknown) => {
    messages.push({ file, line: null, reason: `geoparser failed on ${what}: ${(e as Error).message}` });
  };
  return {
    geoparse: (text) => {
      try {
        return geoparse(text).map((t) => ({
          start: t.start,
          end: t.end,
          lat: t.place.lat,
          lon: t.place.lon,
        }));
      } catch (e) {
        failed(JSON.stringify(text.slice(0, 60)), e);
        return [];
      }
    },
    resolve: (name, doc) => {
      let got: Place | null = null;
      try {
        got = resolveToponym(name, { contextText: doc.text });
      } catch (e) {
        failed(`${doc.id} "${name}"`, e);
      }
      log.push({ doc, name, got });
      return got ? { lat: got.lat, lon: got.lon } : null;
    },
  };
}

function context(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 100);
  return `${from > 0 ? '…' : ''}${text.slice(from, start)}[${text.slice(start, end)}]${text.slice(end, end + 100)}…`;
}

function resolutionErrors(set: string, log: Resolution[]): ErrorCase[] {
  const out: ErrorCase[] = [];
  // The scorer resolves each document's gold toponyms with coordinates in order: zip them back with the log.
  const byDoc = new Map<GeoDoc, Resolution[]>();
  for (const r of log) byDoc.set(r.doc, [...(byDoc.get(r.doc) ?? []), r]);
  for (const [doc, resolutions] of byDoc) {
    const golds = doc.toponyms.filter((t) => t.lat != null && t.lon != null);
    resolutions.forEach(({ name, got }, k) => {
      const gold = golds[k];
      if (!gold || gold.name !== name || gold.lat == null || gold.lon == null) return;
      const km = errorKm({ lat: gold.lat, lon: gold.lon }, got ? { lat: got.lat, lon: got.lon } : null);
      if (km <= ACCURACY_KM) return;
      out.push({
        set,
        id: `${doc.id}:${gold.start}`,
        gold: `${name} @ ${gold.lat.toFixed(2)},${gold.lon.toFixed(2)}`,
        output: got
          ? `${got.name}, ${got.admin1 ?? '–'}, ${got.country} (${got.kind}) ${km.toFixed(0)} km off`
          : 'unresolved',
        sentence: context(doc.text, gold.start, gold.end),
        severity: Math.log(km + 1) / Math.log(MAX_ERROR_KM + 1),
        category: got
          ? km > 2000
            ? 'resolved > 2000 km (wrong country/continent)'
            : 'resolved 161–2000 km'
          : 'unresolved',
      });
    });
  }
  return out;
}

export function geoparseTables(set: string, f: GeoparseFigures): Table[] {
  const r = f.recognition;
  return [
    {
      title: `${set}: toponym recognition`,
      headers: ['match', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1'],
      rows: (['exact', 'overlap'] as const).map((k) => [
        k,
        r[k].tp,
        r[k].fp,
        r[k].fn,
        pct(r[k].precision),
        pct(r[k].recall),
        pct(r[k].f1),
      ]),
    },
    {
      title: `${set}: toponym resolution on gold spans`,
      headers: [
        'toponyms',
        'acc@161 km',
        'mean km',
        'median km',
        'AUC',
        'unresolved',
        'end-to-end acc@161 (recognised)',
        'end-to-end of gold',
      ],
      rows: [
        [
          f.resolution.n,
          pct(f.resolution.acc161),
          num(f.resolution.meanKm, 0),
          num(f.resolution.medianKm, 1),
          num(f.resolution.auc, 3),
          f.resolution.unresolved,
          `${pct(f.endToEnd.acc161)} of ${f.endToEnd.matched}`,
          pct(f.endToEnd.accOfGold),
        ],
      ],
      note: 'AUC of the log-error curve: 0 is perfect, 1 worst. Unresolved toponyms count as 20,039 km.',
    },
  ];
}

export function geoparseRunner(path: string, text: string, opts: RunOptions): EvalSection {
  const t0 = performance.now();
  const name = basename(dirname(path));
  const messages: EvalMessage[] = [];
  const notes: string[] = [];
  let docs = loadGeoDocs(text, path, messages);
  if (opts.limit != null && docs.length > opts.limit) {
    notes.push(`Limited to the first ${opts.limit} of ${docs.length} articles (--limit).`);
    docs = docs.slice(0, opts.limit);
  }
  const log: Resolution[] = [];
  const f = scoreGeoparse(docs, sitrepGeoparser(log, messages, path));
  return {
    name,
    format: 'geoparse',
    path,
    items: docs.length,
    seconds: (performance.now() - t0) / 1000,
    headline: [
      {
        set: name,
        metric: 'geocoding acc@161 km (gold spans)',
        value: `${pct(f.resolution.acc161)} of ${f.resolution.n}`,
        anchor: ANCHORS[name],
      },
      {
        set: name,
        metric: 'geotagging F1 (exact / overlap)',
        value: `${pct(f.recognition.exact.f1)} / ${pct(f.recognition.overlap.f1)}`,
      },
      {
        set: name,
        metric: 'median error km / AUC',
        value: `${num(f.resolution.medianKm, 1)} / ${num(f.resolution.auc, 3)}`,
      },
    ],
    tables: geoparseTables(name, f),
    errors: resolutionErrors(name, log),
    messages,
    notes,
  };
}
