// Per-category figures for the corpus gold format, summed over files.
//
// Recall of value v on a dimension (type, modality, source kind): of the gold events whose constraint on that
// dimension lists v, how many were hit (explained one-to-one by an output). A gold event listing several
// values counts once under each; gold events with no constraint on the dimension are the row "(free)".
// Precision of value v: of the output events whose field has value v, how many explain a gold event;
// the rest are split into duplicates, forbidden and unexplained, as in the reference tool.
import type { ConstraintKey, ExpectedResult, OutputEvent } from './expected.ts';
import { ratio } from './metrics.ts';
import { type Cell, pct, type Table } from './table.ts';

export type Dimension = 'types' | 'modality' | 'source_kind';

export interface ScoredFile {
  name: string;
  result: ExpectedResult;
  outputs: OutputEvent[];
}

const FREE = '(free)';
const NULL_VALUE = '(null)';

function outputValue(o: OutputEvent, d: Dimension): string {
  const v =
    d === 'types'
      ? o.type
      : d === 'modality'
        ? o.modality
        : (o.source as Record<string, unknown> | undefined)?.kind;
  return typeof v === 'string' ? v.toLowerCase() : NULL_VALUE;
}

function goldValues(g: Record<string, unknown>, d: Dimension): string[] {
  const v = g[d];
  if (v == null) return [FREE];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).toLowerCase());
}

interface Row {
  gold: number;
  goldHit: number;
  must: number;
  mustHit: number;
  outputs: number;
  hit: number;
  duplicate: number;
  forbidden: number;
  unexplained: number;
}

const emptyRow = (): Row => ({
  gold: 0,
  goldHit: 0,
  must: 0,
  mustHit: 0,
  outputs: 0,
  hit: 0,
  duplicate: 0,
  forbidden: 0,
  unexplained: 0,
});

export function breakdownRows(files: ScoredFile[], d: Dimension): Map<string, Row> {
  const rows = new Map<string, Row>();
  const row = (k: string) => {
    const found = rows.get(k);
    if (found) return found;
    const created = emptyRow();
    rows.set(k, created);
    return created;
  };
  for (const f of files) {
    for (const g of f.result.gold) {
      for (const v of goldValues(g.gold as unknown as Record<string, unknown>, d)) {
        const r = row(v);
        r.gold++;
        if (g.hitBy >= 0) r.goldHit++;
        if (g.gold.must) {
          r.must++;
          if (g.hitBy >= 0) r.mustHit++;
        }
      }
    }
    f.outputs.forEach((o, j) => {
      const r = row(outputValue(o, d));
      r.outputs++;
      r[f.result.outputs[j].status === 'hit' ? 'hit' : f.result.outputs[j].status]++;
    });
  }
  return rows;
}

const TITLES: Record<Dimension, string> = { types: 'type', modality: 'modality', source_kind: 'source kind' };

export function breakdownTable(files: ScoredFile[], d: Dimension, setName: string): Table {
  const rows = [...breakdownRows(files, d).entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    title: `${setName}: precision and recall per ${TITLES[d]}`,
    headers: [
      TITLES[d],
      'gold',
      'hit',
      'recall',
      'must hit',
      'outputs',
      'explained',
      'precision',
      'dup',
      'forb',
      'unexpl',
    ],
    rows: rows.map(([k, r]): Cell[] => [
      k,
      r.gold,
      r.goldHit,
      pct(ratio(r.goldHit, r.gold)),
      r.must ? `${r.mustHit}/${r.must}` : '–',
      r.outputs,
      r.hit,
      pct(ratio(r.hit, r.outputs)),
      r.duplicate,
      r.forbidden,
      r.unexplained,
    ]),
    note:
      `recall = gold events whose ${TITLES[d]} constraint lists the value and were hit / such gold events ` +
      `("(free)": no constraint); precision = output events with that value that explain a gold event / such outputs.`,
  };
}

/** Why must events were missed: the constraints their closest output failed (a miss may count under several);
 * "only failure" counts near misses, where the closest output failed that one constraint and nothing else. */
export function missReasonsTable(files: ScoredFile[], setName: string): Table {
  const counts = new Map<ConstraintKey | 'no output', { any: number; only: number }>();
  let missed = 0;
  for (const f of files) {
    for (const g of f.result.gold) {
      if (g.hitBy >= 0 || !g.gold.must) continue;
      missed++;
      const keys = g.closest ? g.closest.failed.map((x) => x.key) : ['no output' as const];
      const unique = new Set(keys);
      for (const k of unique) {
        const c = counts.get(k) ?? { any: 0, only: 0 };
        c.any++;
        if (unique.size === 1) c.only++;
        counts.set(k, c);
      }
    }
  }
  return {
    title: `${setName}: why must events were missed`,
    headers: ['failed constraint (closest output)', 'missed must events', 'only failure (near miss)'],
    rows: [...counts.entries()].sort((a, b) => b[1].any - a[1].any).map(([k, c]) => [k, c.any, c.only]),
    note: `${missed} must events missed in all; each counts under every constraint its closest output failed.`,
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Every missed must event with its closest output: the list to work through when fixing the extractor. */
export function missedMustTable(files: ScoredFile[], setName: string, limit = 60): Table {
  const rows: string[][] = [];
  for (const f of files) {
    for (const g of f.result.gold) {
      if (g.hitBy >= 0 || !g.gold.must) continue;
      const near = g.closest ? f.outputs[g.closest.index] : null;
      const sentence = String((near?.evidence as { sentence?: string } | undefined)?.sentence ?? '').replace(
        /\s+/g,
        ' ',
      );
      rows.push([
        `${f.name}#${g.gold.id}`,
        [g.gold.types ?? []].flat().join('|') || 'any',
        g.closest ? g.closest.failed.map((x) => x.detail).join('; ') : 'no output event',
        near ? clip(sentence, 160) : '–',
      ]);
    }
  }
  return {
    title: `${setName}: missed must events and their closest output`,
    headers: ['gold event', 'types', 'closest output failed', 'closest output’s sentence'],
    rows: rows.slice(0, limit),
    note: rows.length > limit ? `First ${limit} of ${rows.length}.` : undefined,
  };
}
