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

function time(label: string, articles: string[], fn: (t: string) => unknown): void {
  for (let i = 0; i < 50; i++) fn(articles[i % articles.length]); // warm-up
  const t0 = performance.now();
  const rounds = 400;
  for (let i = 0; i < rounds; i++) fn(articles[i % articles.length]);
  const ms = (performance.now() - t0) / rounds;
  console.log(`${label.padEnd(36)} ${ms.toFixed(3)} ms/article  (${Math.round(1000 / ms)} articles/s)`);
}

const t0 = performance.now();
findActors('warm-up: load the actor lexicon');
findDates('on Friday', '2024-12-06');
console.log(`start-up (lexicon + chrono load): ${(performance.now() - t0).toFixed(1)} ms`);

const articles = Array.from({ length: 20 }, (_, i) => generateArticle(i + 1));
console.log(`article size: ${articles[0].length} chars`);
time('annotate', articles, annotate);
time('annotate + tokens of every sentence', articles, (t) => {
  for (const s of annotate(t).sentences) s.tokens;
});
time('findDates per sentence', articles, (t) => {
  for (const s of annotate(t).sentences) findDates(s.text, '2024-12-06', s.start);
});
time('findActors per sentence', articles, (t) => {
  for (const s of annotate(t).sentences) findActors(s.text, { countries: ['SY'], offset: s.start });
});
time('findFatalities per sentence', articles, (t) => {
  for (const s of annotate(t).sentences) findFatalities(s.text, s.start);
});

const sentences = articles.flatMap((t) => annotate(t).sentences.map((s) => s.text));
const dated = sentences.filter((s) => findDates(s, '2024-12-06').length > 0);
const t1 = performance.now();
for (let r = 0; r < 20; r++) for (const s of dated) findDates(s, '2024-12-06');
console.log(
  `findDates on a sentence with a date: ${((performance.now() - t1) / (20 * dated.length)).toFixed(4)} ms`,
);
