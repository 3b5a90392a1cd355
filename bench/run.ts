// `npm run bench`: every benchmark, each figure printed beside a baseline measured in the same run
// (these machines are noisy, so only ratios within one run mean much). Pick some with
// `npm run bench -- extract store`; the default runs all.
import { existsSync } from 'node:fs';

type Bench = () => Promise<Record<string, number | string>>;

const BENCHES: Array<[string, string, string]> = [
  // name, module, exported function
  ['extract', './extract.ts', 'benchExtract'],
  ['store', './store.ts', 'benchStore'],
  ['api', './api.ts', 'benchApi'],
  ['pg', './pg.ts', 'benchPg'],
];

const wanted = process.argv.slice(2);
const results: Record<string, Record<string, number | string>> = {};
for (const [name, module, fn] of BENCHES) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (!existsSync(new URL(module, import.meta.url))) {
    console.error(`bench ${name}: ${module} is missing, skipped`);
    continue;
  }
  const started = performance.now();
  console.error(`bench ${name} …`);
  const mod = (await import(module)) as Record<string, Bench>;
  results[name] = await mod[fn]();
  console.error(`bench ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n## ${name}`);
  console.table(results[name]);
}
if (process.env.SITREP_BENCH_JSON) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.SITREP_BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
}
