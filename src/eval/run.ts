// Runs gold sets through the extractor and gathers every scorer's result as report sections.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { splitReport } from '../input/text.ts';
import {
  type AcledResult,
  acledPerSubTypeTable,
  acledSummaryTable,
  loadAcledCsv,
  scoreAcledRows,
} from './acled-csv.ts';
import type { ErrorCase, EvalMessage, ExtractFn } from './common.ts';
import { readJsonl } from './common.ts';
import { eventLocationTable, loadEventLocationGold, scoreEventLocation } from './event-location.ts';
import {
  confusionTable,
  detectTypeGold,
  loadTypeGold,
  perLabelTable,
  scoreEventTypes,
  typeSummaryTable,
} from './events.ts';
import {
  type ExpectedFigures,
  type OutputEvent,
  parseExpectedGold,
  scoreExpected,
  sumFigures,
} from './expected.ts';
import { breakdownTable, missedMustTable, missReasonsTable, type ScoredFile } from './expected-breakdown.ts';
import { ratio } from './metrics.ts';
import { pct, type Table } from './table.ts';
import { type EvalTypeMapping, loadEvalTypeMapping } from './type-mapping.ts';

export const GOLD_FORMATS = ['expected', 'geoparse', 'events', 'acled-csv', 'event-location'] as const;
export type GoldFormat = (typeof GOLD_FORMATS)[number];

/** Computes control records at a date from a report's events (SPEC "Control"); optional. */
export type ControlFn = (events: OutputEvent[], at: string) => OutputEvent[];

/** A geoparsing scorer for one gold file: given its text, returns a section (see geoparse-set.ts). */
export type GeoparseRunner = (
  file: string,
  text: string,
  opts: RunOptions,
) => Promise<EvalSection> | EvalSection;

export interface RunOptions {
  extract: ExtractFn;
  mapping?: EvalTypeMapping;
  /** At most this many items per set (articles, sentences or rows); undefined = all. */
  limit?: number;
  control?: ControlFn;
  geoparse?: GeoparseRunner;
  /** Paths in the report are shown relative to this folder. */
  root?: string;
}

export interface Headline {
  set: string;
  metric: string;
  value: string;
  /** A published figure to compare with, if there is one. */
  anchor?: string;
}

export interface EvalSection {
  name: string;
  format: GoldFormat;
  path: string;
  items: number;
  seconds: number;
  headline: Headline[];
  tables: Table[];
  errors: ErrorCase[];
  messages: EvalMessage[];
  /** Said in the report, e.g. when a set was cut by --limit. */
  notes: string[];
}

// ---- format detection ------------------------------------------------------------------------------
function firstRecord(path: string): Record<string, unknown> | null {
  const text = readFileSync(path, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined);
  return readJsonl(firstLine, path, [])[0]?.rec ?? null;
}

/** Guesses the gold format from the path: a folder or file of `*.expected.json`, a CSV, or a JSONL by its fields. */
export function detectFormat(path: string): GoldFormat | null {
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) {
    return readdirSync(path).some((f) => f.endsWith('.expected.json')) ? 'expected' : null;
  }
  if (path.endsWith('.expected.json')) return 'expected';
  if (/\.csv$/i.test(path)) return 'acled-csv';
  if (/\.jsonl$/i.test(path)) {
    const rec = firstRecord(path);
    if (!rec) return null;
    if (Array.isArray(rec.toponyms)) return 'geoparse';
    if (rec.verb && Array.isArray(rec.locations)) return 'event-location';
    if (detectTypeGold(rec)) return 'events';
  }
  return null;
}

const limited = <T>(items: T[], limit: number | undefined, notes: string[], what: string): T[] => {
  if (limit == null || items.length <= limit) return items;
  notes.push(`Limited to the first ${limit} of ${items.length} ${what} (--limit).`);
  return items.slice(0, limit);
};

const seconds = (t0: number) => (performance.now() - t0) / 1000;

// ---- expected (corpus gold) --------------------------------------------------------------------------
function expectedPairs(
  path: string,
  messages: EvalMessage[],
): Array<{ gold: string; txt: string; name: string }> {
  const golds = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.expected.json'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const pairs: Array<{ gold: string; txt: string; name: string }> = [];
  for (const gold of golds) {
    const name = basename(gold).replace(/\.expected\.json$/, '');
    const txt = join(dirname(gold), `${name}.txt`);
    if (!existsSync(txt))
      messages.push({ file: gold, line: null, reason: `no report ${name}.txt beside the gold; skipped` });
    else pairs.push({ gold, txt, name });
  }
  return pairs;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function runExpected(path: string, opts: RunOptions, name = basename(path)): EvalSection {
  const t0 = performance.now();
  const messages: EvalMessage[] = [];
  const notes: string[] = [];
  const files: ScoredFile[] = [];
  const errors: ErrorCase[] = [];
  const perFile: Array<{ name: string; figures: ExpectedFigures }> = [];
  for (const { gold: goldPath, txt, name: fileName } of limited(
    expectedPairs(path, messages),
    opts.limit,
    notes,
    'reports',
  )) {
    const parsed = parseExpectedGold(readFileSync(goldPath, 'utf8'));
    if ('error' in parsed) {
      messages.push({ file: goldPath, line: null, reason: `bad gold file: ${parsed.error}` });
      continue;
    }
    const gold = parsed.gold;
    const split = splitReport(readFileSync(txt, 'utf8'));
    const date = split.date && ISO_DAY.test(split.date) ? split.date : (gold.article?.date ?? null);
    const events = safeEvents(opts.extract, { id: fileName, date, text: split.text }, txt, messages);
    const control = opts.control && gold.control.length ? opts.control(events, date ?? '') : undefined;
    const result = scoreExpected(gold, events, control);
    files.push({ name: fileName, result, outputs: events });
    perFile.push({ name: fileName, figures: result.figures });
    errors.push(...expectedErrors(name, fileName, result, events));
  }
  const total = sumFigures(perFile.map((f) => f.figures));
  const figuresRow = (label: string, f: ExpectedFigures) => [
    label,
    `${f.must_hit}/${f.must_total}`,
    `${f.all_hit}/${f.all_total}`,
    f.forbidden,
    f.duplicates,
    `${f.unexplained}/${f.outputs}`,
    f.control_total != null ? `${f.control_ok}/${f.control_total}` : '–',
  ];
  const tables: Table[] = [
    {
      title: `${name}: corpus gold (score-expected semantics)`,
      headers: ['report', 'must', 'all', 'forbidden', 'duplicates', 'unexplained', 'control'],
      rows: [
        ...perFile.map((f) => figuresRow(f.name, f.figures)),
        ...(perFile.length > 1 ? [figuresRow('total', total)] : []),
      ],
      note: 'must/all: gold events hit; forbidden: outputs matching a trap; unexplained: outputs matching no gold event.',
    },
    breakdownTable(files, 'types', name),
    breakdownTable(files, 'modality', name),
    breakdownTable(files, 'source_kind', name),
    missReasonsTable(files, name),
    missedMustTable(files, name),
  ];
  return {
    name,
    format: 'expected',
    path,
    items: perFile.length,
    seconds: seconds(t0),
    headline: [
      {
        set: name,
        metric: 'must events hit',
        value: `${total.must_hit}/${total.must_total} (${pct(ratio(total.must_hit, total.must_total))})`,
      },
      {
        set: name,
        metric: 'all gold events hit',
        value: `${total.all_hit}/${total.all_total} (${pct(ratio(total.all_hit, total.all_total))})`,
      },
      { set: name, metric: 'forbidden / duplicates', value: `${total.forbidden} / ${total.duplicates}` },
      {
        set: name,
        metric: 'unexplained outputs',
        value: `${total.unexplained}/${total.outputs} (${pct(ratio(total.unexplained, total.outputs))})`,
      },
      ...(total.control_total != null
        ? [{ set: name, metric: 'control rows hold', value: `${total.control_ok}/${total.control_total}` }]
        : []),
    ],
    tables,
    errors,
    messages,
    notes,
  };
}

function safeEvents(
  extract: ExtractFn,
  article: { id: string; date: string | null; text: string },
  file: string,
  messages: EvalMessage[],
): OutputEvent[] {
  try {
    return extract(article) as unknown as OutputEvent[];
  } catch (e) {
    messages.push({ file, line: null, reason: `extract failed: ${(e as Error).message}` });
    return [];
  }
}

function expectedErrors(
  set: string,
  file: string,
  result: ReturnType<typeof scoreExpected>,
  events: OutputEvent[],
): ErrorCase[] {
  const sentence = (o: OutputEvent | undefined) =>
    String((o?.evidence as { sentence?: string } | undefined)?.sentence ?? '');
  const out: ErrorCase[] = [];
  for (const g of result.gold) {
    if (g.hitBy >= 0 || !g.gold.must) continue;
    const near = g.closest ? events[g.closest.index] : undefined;
    out.push({
      set,
      id: `${file}#${g.gold.id}`,
      gold: `${JSON.stringify(g.gold.types ?? 'any type')} ${g.gold.note ?? ''}`.trim(),
      output: near
        ? `closest: ${String(near.type)}; failed ${g.closest?.failed.map((f) => f.detail).join('; ')}`
        : 'no output event',
      sentence: sentence(near),
      severity: 1,
      category: `missed must: ${g.closest?.failed.map((f) => f.key).join('+') ?? 'no output'}`,
    });
  }
  result.outputs.forEach((o, j) => {
    if (o.status === 'hit') return;
    const ev = events[j];
    out.push({
      set,
      id: `${file}#out${j + 1}`,
      gold:
        o.status === 'forbidden'
          ? `forbidden pattern ${o.patternId}`
          : o.status === 'duplicate'
            ? `duplicate of ${o.patternId}`
            : 'no gold event',
      output: `${String(ev.type)} ${String(ev.modality)} ${String((ev.source as { kind?: string } | undefined)?.kind)} @ ${String((ev.location as { name?: string } | null)?.name ?? '–')}`,
      sentence: sentence(ev),
      severity: o.status === 'forbidden' ? 0.9 : o.status === 'unexplained' ? 0.5 : 0.2,
      category: `${o.status}: ${String(ev.type)}`,
    });
  });
  return out;
}

// ---- event types --------------------------------------------------------------------------------
export function runEvents(path: string, opts: RunOptions, name = basename(dirname(path))): EvalSection {
  const t0 = performance.now();
  const messages: EvalMessage[] = [];
  const notes: string[] = [];
  const mapping = opts.mapping ?? loadEvalTypeMapping();
  const items = limited(
    loadTypeGold(readFileSync(path, 'utf8'), path, mapping, messages),
    opts.limit,
    notes,
    'sentences',
  );
  const r = scoreEventTypes(name, items, opts.extract, messages);
  return {
    name,
    format: 'events',
    path,
    items: items.length,
    seconds: seconds(t0),
    headline: [
      {
        set: name,
        metric: 'event-type accuracy (primary event)',
        value: `${pct(r.accuracy)} of ${r.inScope} in scope`,
        anchor: 'GDELT event codes ≈81% correct (published hand check)',
      },
      { set: name, metric: 'event-type macro-F1', value: pct(r.macroF1) },
      {
        set: name,
        metric: 'coverage (gold mappable to sitrep types)',
        value: `${r.inScope}/${r.items} (${pct(ratio(r.inScope, r.items))})`,
      },
      {
        set: name,
        metric: 'false alarms on out-of-scope items',
        value: `${r.falseAlarms}/${r.outOfScope} (${pct(r.falseAlarmRate)})`,
      },
    ],
    tables: [typeSummaryTable([r]), perLabelTable(r), confusionTable(r)],
    errors: r.errors,
    messages,
    notes,
  };
}

// ---- ACLED-style CSV ------------------------------------------------------------------------------
export function runAcledCsv(
  path: string,
  opts: RunOptions,
  name = basename(path),
): EvalSection & { result: AcledResult } {
  const t0 = performance.now();
  const messages: EvalMessage[] = [];
  const notes: string[] = [];
  const mapping = opts.mapping ?? loadEvalTypeMapping();
  const rows = limited(loadAcledCsv(readFileSync(path, 'utf8'), path, messages), opts.limit, notes, 'rows');
  const r = scoreAcledRows(name, rows, opts.extract, mapping, messages);
  const f = r.figures;
  return {
    name,
    format: 'acled-csv',
    path,
    items: rows.length,
    seconds: seconds(t0),
    headline: [
      {
        set: name,
        metric: 'ACLED event type / sub-type',
        value: `${pct(f.eventType)} / ${pct(f.subEventType)}`,
      },
      { set: name, metric: 'actor1 match', value: pct(f.actor1) },
      { set: name, metric: 'location ≤25 km / ≤161 km', value: `${pct(f.within25)} / ${pct(f.within161)}` },
      { set: name, metric: 'date exact / ±3 days', value: `${pct(f.dateExact)} / ${pct(f.date3)}` },
    ],
    tables: [acledSummaryTable([r]), acledPerSubTypeTable(r)],
    errors: r.errors,
    messages,
    notes,
    result: r,
  };
}

// ---- event location --------------------------------------------------------------------------------
export function runEventLocation(
  path: string,
  opts: RunOptions,
  name = basename(dirname(path)),
): EvalSection {
  const t0 = performance.now();
  const messages: EvalMessage[] = [];
  const notes: string[] = [];
  const items = limited(
    loadEventLocationGold(readFileSync(path, 'utf8'), path, messages),
    opts.limit,
    notes,
    'sentences',
  );
  const r = scoreEventLocation(name, items, opts.extract, messages);
  return {
    name,
    format: 'event-location',
    path,
    items: items.length,
    seconds: seconds(t0),
    headline: [
      {
        set: name,
        metric: 'event-location accuracy',
        value: `${pct(ratio(r.correct, r.items))} of ${r.items}`,
      },
      {
        set: name,
        metric: 'event→location link P / R',
        value: `${pct(r.linkPrecision)} / ${pct(r.linkRecall)}`,
      },
    ],
    tables: [eventLocationTable([r])],
    errors: r.errors,
    messages,
    notes,
  };
}

// ---- dispatch ---------------------------------------------------------------------------------------
export async function runGold(
  path: string,
  format: GoldFormat | null,
  opts: RunOptions,
): Promise<EvalSection> {
  if (!existsSync(path)) throw new Error(`no such gold file or folder: ${path}`);
  const fmt = format ?? detectFormat(path);
  if (!fmt) throw new Error(`cannot tell the gold format of ${path}; give --format`);
  switch (fmt) {
    case 'expected':
      return runExpected(path, opts);
    case 'events':
      return runEvents(path, opts);
    case 'acled-csv':
      return runAcledCsv(path, opts);
    case 'event-location':
      return runEventLocation(path, opts);
    case 'geoparse': {
      if (!opts.geoparse) throw new Error('geoparsing scorer is not available');
      const section = await opts.geoparse(path, readFileSync(path, 'utf8'), opts);
      return section;
    }
  }
}

/** The gold sets `--all` runs: every set folder in the shared eval dir, the shared corpus, our own reports and
 * the ACLED-style fixture. Missing folders are skipped with a message. */
export function allGoldPaths(
  sharedDir: string,
  repoRoot: string,
): { paths: Array<{ path: string; format: GoldFormat }>; messages: EvalMessage[] } {
  const messages: EvalMessage[] = [];
  const paths: Array<{ path: string; format: GoldFormat }> = [];
  const add = (path: string) => {
    const format = detectFormat(path);
    if (format) paths.push({ path, format });
  };
  const corpus = join(sharedDir, 'corpus');
  if (existsSync(corpus)) add(corpus);
  else messages.push({ file: corpus, line: null, reason: 'no shared corpus; skipped' });
  const evalDir = join(sharedDir, 'eval');
  if (existsSync(evalDir)) {
    for (const set of readdirSync(evalDir).sort()) {
      const dir = join(evalDir, set);
      if (!statSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir)
        .filter((x) => x.endsWith('.jsonl'))
        .sort())
        add(join(dir, f));
    }
  } else messages.push({ file: evalDir, line: null, reason: 'no shared eval folder; skipped' });
  // our own reports: the development set, and the held-out set that no rule was tuned on
  for (const set of ['reports', 'heldout']) {
    const dir = join(repoRoot, 'test', 'fixtures', set);
    if (existsSync(dir)) add(dir);
  }
  const fixtures = join(repoRoot, 'test', 'fixtures', 'eval');
  if (existsSync(fixtures))
    for (const f of readdirSync(fixtures)
      .filter((x) => x.endsWith('.csv'))
      .sort())
      add(join(fixtures, f));
  return { paths, messages };
}

export function displayPath(path: string, root: string | undefined): string {
  return root ? relative(root, path) || '.' : path;
}
