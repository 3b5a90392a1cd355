// Per-article times of annotate, findDates, findActors and findFatalities on a generated ~5 KB report.
// Run: node --import tsx bench/annotate.ts  (not a test: figures vary with the machine)

import { annotate } from '../src/annotate/index.ts';
import { findFatalities } from '../src/extract/fatalities.ts';
import { findActors } from '../src/resolve/actors.ts';
import { findDates } from '../src/resolve/dates.ts';

/** A synthetic wire-style report: sentences recombined from fixed parts, with dates, actors and counts. */
function generateArticle(seed: number, size = 5000): string {
  const subjects = [
    'Rebel fighters',
    'Government forces',
    'Israeli troops',
    'Russian warplanes',
    'The U.S. military',
    'Unidentified gunmen',
    'Iran-backed militias',
    'Protesters',
    'Gen. Ahmed Hassan',
    'Security forces',
  ];
  const verbs = [
    'attacked positions near',
    'shelled the outskirts of',
    'seized control of',
    'withdrew from',
    'marched through',
    'struck a convoy outside',
  ];
  const places = [
    'the northern town',
    'the provincial capital',
    'a village 40 km east of the city',
    'the border crossing',
  ];
  const whens = [
    'on Friday',
    'overnight',
    'last week',
    'on Nov. 27',
    'earlier this month',
    'Thursday night',
    '',
    '',
    '',
  ];
  const tails = [
    ', killing at least 12 people',
    ', a spokesman said',
    ', according to the U.N.',
    '',
    ' and wounded dozens',
    '. "We will not stop," he said',
    ', residents said by phone',
  ];
  let x = seed;
  const pick = <T>(a: T[]): T => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return a[x % a.length];
  };
  let text = ' date 2024-12-06 ';
  let n = 0;
  while (text.length < size) {
    text += `${pick(subjects)} ${pick(verbs)} ${pick(places)} ${pick(whens)}${pick(tails)}. `
      .replace(/ +/g, ' ')
      .replace(' .', '.');
    if (++n % 4 === 0) text += '\n\n';
  }
  return text;
}

/** CPU time per call of `fn` (user + system), less sensitive than wall time on a shared machine. */
function cpuMs(rounds: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(50, rounds); i++) fn(i); // warm-up
  const c0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) fn(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / rounds;
}

function report(label: string, ms: number): void {
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(3)} ms/article  (${Math.round(1000 / ms)} articles/s, CPU time)`,
  );
}

// Start-up: import cost is paid before this line; this is the first-use cost (lexicon, trie).
const t0 = performance.now();
findActors('warm-up: load the actor lexicon');
findDates('on Friday', '2024-12-06');
console.log(`first use (actor lexicon + trie, first dates call): ${(performance.now() - t0).toFixed(1)} ms`);

const articles = Array.from({ length: 20 }, (_, i) => generateArticle(i + 1));
console.log(`article size: ${articles[0].length} chars`);
const annotated = articles.map((t) => annotate(t));
const n = articles.length;
report(
  'annotate',
  cpuMs(400, (i) => annotate(articles[i % n])),
);
report(
  'annotate + tokens of every sentence',
  cpuMs(400, (i) => {
    for (const s of annotate(articles[i % n]).sentences) s.tokens;
  }),
);
report(
  'findDates on every sentence',
  cpuMs(400, (i) => {
    for (const s of annotated[i % n].sentences) findDates(s.text, '2024-12-06', s.start);
  }),
);
report(
  'findActors on every sentence',
  cpuMs(400, (i) => {
    for (const s of annotated[i % n].sentences) findActors(s.text, { countries: ['SY'], offset: s.start });
  }),
);
report(
  'findFatalities on every sentence',
  cpuMs(400, (i) => {
    for (const s of annotated[i % n].sentences) findFatalities(s.text, s.start);
  }),
);
const sentences = annotated.flatMap((a) => a.sentences.map((s) => s.text));
const dated = sentences.filter((s) => findDates(s, '2024-12-06').length > 0);
const perDated = cpuMs(dated.length * 20, (i) => findDates(dated[i % dated.length], '2024-12-06'));
console.log(
  `findDates on a sentence that has a date: ${perDated.toFixed(4)} ms (${dated.length}/${sentences.length} sentences have one)`,
);
