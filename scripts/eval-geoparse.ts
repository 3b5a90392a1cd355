// Runs the geoparsing scorers (src/eval/geoparse.ts) on the four gold sets under /work/shared/eval
// (or SITREP_EVAL_DIR): LGL, GeoWebNews, TR-News, GeoVirus. Prints one row per set.
//   node --import tsx scripts/eval-geoparse.ts [--set lgl] [--errors FILE.jsonl] [--demonyms]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorKm, type GeoDoc, type GeoparseFigures, scoreGeoparse } from '../src/eval/geoparse.ts';
import { gazetteer } from '../src/knowledge/gazetteer.ts';
import { geoparse, resolveToponym } from '../src/resolve/places.ts';

const EVAL_DIR = process.env.SITREP_EVAL_DIR ?? '/work/shared/eval';

interface RawToponym {
  start: number;
  end: number;
  name: string;
  lat: number | null;
  lon: number | null;
  group?: string;
  geonameid?: number | null;
}

/** Each set's file; GeoWebNews also annotates non-toponyms, which are not recognition targets. */
export const GEOPARSING_SETS: Record<string, string> = {
  lgl: 'geoparsing-lgl/lgl.jsonl',
  geowebnews: 'geoparsing-geowebnews/gwn.jsonl',
  trnews: 'geoparsing-trnews/trnews.jsonl',
  geovirus: 'geoparsing-geovirus/geovirus.jsonl',
};

export function loadGeoparsingSet(file: string): { docs: GeoDoc[]; problems: string[] } {
  const docs: GeoDoc[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const d = JSON.parse(line) as { id: string; text: string; toponyms: RawToponym[] };
        // GeoWebNews: non-toponym spans are no targets, and (as in its paper) only spans with a GeoNames id
        // keep coordinates for the resolution figures
        const toponyms = d.toponyms
          .filter((t) => t.group !== 'non_toponym')
          .map((t) => {
            const geocodable = t.group === undefined || t.geonameid != null;
            return {
              start: t.start,
              end: t.end,
              name: t.name,
              lat: geocodable ? (t.lat ?? null) : null,
              lon: geocodable ? (t.lon ?? null) : null,
            };
          });
        docs.push({ id: d.id, text: d.text, toponyms });
      } catch (e) {
        problems.push(`${file}:${i + 1}: ${(e as Error).message}`);
      }
    });
  return { docs, problems };
}

function main(): void {
  const args = process.argv.slice(2);
  const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : null;
  const errorsFile = args.includes('--errors') ? args[args.indexOf('--errors') + 1] : null;
  const includeDemonyms = args.includes('--demonyms');
  const t0 = performance.now();
  gazetteer();
  const loadMs = performance.now() - t0;
  const rows: [string, GeoparseFigures, number][] = [];
  const errorLines: string[] = [];
  for (const [name, rel] of Object.entries(GEOPARSING_SETS)) {
    if (only && name !== only) continue;
    const { docs, problems } = loadGeoparsingSet(join(EVAL_DIR, rel));
    for (const p of problems) console.error(p);
    const started = performance.now();
    const figures = scoreGeoparse(docs, {
      geoparse: (text) =>
        geoparse(text, { includeDemonyms }).map((t) => ({
          start: t.start,
          end: t.end,
          lat: t.place.lat,
          lon: t.place.lon,
        })),
      resolve: (toponym, doc) => {
        const p = resolveToponym(toponym, { contextText: doc.text });
        if (errorsFile && p === null)
          errorLines.push(JSON.stringify({ set: name, doc: doc.id, name: toponym, got: null }));
        return p;
      },
    });
    rows.push([name, figures, performance.now() - started]);
    if (errorsFile) {
      for (const doc of docs) {
        for (const t of doc.toponyms) {
          if (t.lat === null || t.lon === null) continue;
          const p = resolveToponym(t.name, { contextText: doc.text });
          const km = errorKm({ lat: t.lat, lon: t.lon }, p);
          if (p && km > 161)
            errorLines.push(
              JSON.stringify({
                set: name,
                doc: doc.id,
                name: t.name,
                km: Math.round(km),
                gold: [t.lat, t.lon],
                got: [p.name, p.country, p.admin1, p.kind],
              }),
            );
        }
      }
    }
  }
  const pct = (x: number) => (100 * x).toFixed(1);
  console.log(`gazetteer load ${loadMs.toFixed(0)} ms`);
  console.log(
    '| set | docs | recog. P/R/F1 exact | recog. P/R/F1 overlap | resol. n | acc@161 | mean km | median km | AUC | unresolved | e2e acc@161 (matched / of gold) | time |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, f, ms] of rows) {
    const r = f.recognition;
    console.log(
      `| ${name} | ${f.documents} | ${pct(r.exact.precision)}/${pct(r.exact.recall)}/${pct(r.exact.f1)} | ${pct(r.overlap.precision)}/${pct(r.overlap.recall)}/${pct(r.overlap.f1)} | ${f.resolution.n} | ${pct(f.resolution.acc161)} | ${f.resolution.meanKm.toFixed(0)} | ${f.resolution.medianKm.toFixed(1)} | ${f.resolution.auc.toFixed(3)} | ${f.resolution.unresolved} | ${pct(f.endToEnd.acc161)} (${f.endToEnd.matched}) / ${pct(f.endToEnd.accOfGold)} | ${(ms / 1000).toFixed(1)} s |`,
    );
  }
  if (errorsFile) writeFileSync(errorsFile, `${errorLines.join('\n')}\n`);
}

main();
