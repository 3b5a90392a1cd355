import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type ExpectedGold,
  type OutputEvent,
  parseExpectedGold,
  scoreExpected,
  sumFigures,
} from '../../src/eval/expected.ts';
import { breakdownRows } from '../../src/eval/expected-breakdown.ts';
import { EVENT_TYPES, MODALITIES, SOURCE_KINDS } from '../../src/types.ts';
import { makeEvent } from './helpers.ts';

const FIXTURE = new URL('../fixtures/eval/expected/kordofan-2025-02-03.expected.json', import.meta.url);
const REFERENCE_TOOL = new URL('../../../shared/tools/score-expected.mjs', import.meta.url);
const SHARED_CORPUS = new URL('../../../shared/corpus/', import.meta.url);

function loadGold(path: URL | string): ExpectedGold {
  const parsed = parseExpectedGold(readFileSync(path, 'utf8'));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.gold;
}

const TOWN = { name: 'Um Rawaba', lat: 12.91, lon: 31.22, country: 'SD' };
const CAPITAL = { name: 'El Obeid', lat: 13.18, lon: 30.22, country: 'SD' };

const capture = () =>
  makeEvent({
    type: 'territory_capture',
    actor: 'Sudanese army',
    place: TOWN,
    date: '2025-02-03',
    modality: 'claimed',
    sourceKind: 'official',
  });
const clash = () => makeEvent({ type: 'clash', actor: 'Sudanese army', place: TOWN, date: '2025-02-02' });
const strike = (date = '2025-02-02') =>
  makeEvent({ type: 'air_strike', place: CAPITAL, date, modality: 'asserted', sourceKind: 'organization' });
const threat = () =>
  makeEvent({ type: 'threat', actor: 'Rapid Support Forces', place: null, modality: 'asserted' });

const asOutputs = (events: unknown[]) => events as OutputEvent[];

describe('scoreExpected', () => {
  const gold = loadGold(FIXTURE);

  it('scores a perfect output as everything hit and nothing else', () => {
    const { figures } = scoreExpected(gold, asOutputs([capture(), clash(), strike(), threat()]));
    assert.deepEqual(figures, {
      must_hit: 3,
      must_total: 3,
      all_hit: 4,
      all_total: 4,
      forbidden: 0,
      duplicates: 0,
      unexplained: 0,
      outputs: 4,
      control_ok: null,
      control_total: null,
    });
  });

  it('scores an empty output as nothing hit', () => {
    const r = scoreExpected(gold, []);
    assert.equal(r.figures.must_hit, 0);
    assert.equal(r.figures.all_hit, 0);
    assert.equal(r.figures.outputs, 0);
    assert.ok(r.lines.includes('    closest: none (no output events)'));
  });

  it('gives the hand-computed figures on a known mix', () => {
    // capture: hit; second capture: duplicate; strike dated a day late: unexplained; threat: hit;
    // capture of the capital: forbidden; a protest: unexplained.
    const outs = [
      capture(),
      capture(),
      strike('2025-02-03'),
      threat(),
      makeEvent({ type: 'territory_capture', actor: 'RSF', place: CAPITAL, date: '2025-02-03' }),
      makeEvent({ type: 'protest', place: CAPITAL, date: '2025-02-03' }),
    ];
    const r = scoreExpected(gold, asOutputs(outs));
    assert.deepEqual(
      { ...r.figures },
      {
        must_hit: 2,
        must_total: 3,
        all_hit: 2,
        all_total: 4,
        forbidden: 1,
        duplicates: 1,
        unexplained: 2,
        outputs: 6,
        control_ok: null,
        control_total: null,
      },
    );
    assert.deepEqual(
      r.outputs.map((o) => o.status),
      ['hit', 'duplicate', 'unexplained', 'hit', 'forbidden', 'unexplained'],
    );
    const missed = r.gold.find((g) => g.gold.id === 'drone-strike-market');
    assert.deepEqual(
      missed?.closest?.failed.map((f) => f.key),
      ['date'],
    );
    // per-type breakdown: air_strike recall 0/1, precision of territory_capture outputs 1/3
    const rows = breakdownRows([{ name: 'x', result: r, outputs: asOutputs(outs) }], 'types');
    assert.equal(rows.get('air_strike')?.gold, 1);
    assert.equal(rows.get('air_strike')?.goldHit, 0);
    assert.deepEqual(
      [
        rows.get('territory_capture')?.outputs,
        rows.get('territory_capture')?.hit,
        rows.get('territory_capture')?.forbidden,
      ],
      [3, 1, 1],
    );
  });

  it('scores control rows on name, then on distance', () => {
    const control = asOutputs([
      {
        place: { name: 'Um Rawaba', lat: 12.9, lon: 31.2 },
        holder: { id: 'saf', name: 'Sudanese Armed Forces' },
      },
      {
        place: { name: 'Al-Ubayyid', lat: 13.185, lon: 30.217 },
        holder: { id: 'rsf', name: 'Rapid Support Forces' },
      },
    ]);
    const r = scoreExpected(gold, [], control);
    assert.equal(r.figures.control_ok, 1);
    assert.equal(r.figures.control_total, 2);
  });

  it('sums figures over files', () => {
    const a = scoreExpected(gold, asOutputs([capture()])).figures;
    const b = scoreExpected(gold, asOutputs([threat(), strike()])).figures;
    const s = sumFigures([a, b]);
    assert.equal(s.must_hit, 3);
    assert.equal(s.must_total, 6);
    assert.equal(s.outputs, 3);
  });

  it('reports a malformed gold file as an error, not an exception', () => {
    assert.ok('error' in parseExpectedGold('{"events": 3}'));
    assert.ok('error' in parseExpectedGold('not json'));
  });
});

// ---- cross-check against the reference tool -------------------------------------------------------------
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Random outputs built from the gold's own constraint values (and noise), so that hits, misses, duplicates,
 * forbidden and unexplained outputs all occur. Nothing about the gold is written into this test. */
function randomOutputs(
  gold: ExpectedGold,
  rnd: () => number,
  n: number,
): { events: OutputEvent[]; control: OutputEvent[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const patterns = [...gold.events, ...gold.forbidden];
  const tokens = patterns.flatMap((p) => [p.actor1 ?? [], p.actor2 ?? []].flat()).concat(['nobody', 'x']);
  const points: Array<[number, number]> = [];
  const collect = (c: unknown) => {
    if (c && typeof c === 'object') {
      const o = c as { near?: [number, number]; any_of?: unknown[] };
      if (o.near) points.push(o.near);
      for (const sub of o.any_of ?? []) collect(sub);
    }
  };
  for (const p of patterns) collect(p.location);
  for (const r of gold.control) if (r.near) points.push(r.near);
  if (!points.length) points.push([0, 0]);
  const dates = patterns
    .flatMap((p) => [p.date?.from, p.date?.to, p.date?.not_after])
    .filter((d): d is string => !!d);
  const shift = (d: string, k: number) => {
    const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + k);
    return t.toISOString().slice(0, 10);
  };
  const randomDate = () => {
    const base = dates.length ? pick(dates) : '2024-01-01';
    const r = rnd();
    return r < 0.1 ? null : r < 0.15 ? base.slice(0, 7) : shift(base, Math.floor(rnd() * 5) - 2);
  };
  const events: OutputEvent[] = [];
  for (let i = 0; i < n; i++) {
    const p = pick(patterns);
    // Half the events follow their pattern on almost every field (hits, duplicates, forbidden), half loosely.
    const follow = rnd() < 0.5 ? 0.95 : 0.5;
    const obey = () => rnd() < follow;
    const types = p.types ? [p.types].flat() : [];
    const actors = p.actor1 ? [p.actor1].flat() : tokens;
    const near = (c: unknown): [number, number] | null => {
      const o = c as { near?: [number, number]; any_of?: unknown[] } | null;
      return o?.near ?? (o?.any_of ? (o.any_of.map(near).find(Boolean) ?? null) : null);
    };
    const [lat, lon] = (obey() && near(p.location)) || pick(points);
    const jitter = () => (rnd() - 0.5) * (rnd() < 0.7 ? 0.1 : 1.5);
    const countryOf = (c: unknown): unknown => {
      const o = c as { country?: unknown; any_of?: unknown[] } | null;
      return o?.country ? pick([o.country].flat()) : o?.any_of ? o.any_of.map(countryOf).find(Boolean) : null;
    };
    const loc =
      p.location === 'unknown' && obey()
        ? null
        : rnd() < 0.1
          ? null
          : {
              name: 'p',
              lat: lat + jitter(),
              lon: lon + jitter(),
              country: obey() ? (countryOf(p.location) ?? 'SY') : pick(['SY', 'SD', 'syria', null]),
            };
    const gd = p.date;
    const date =
      obey() && gd ? (gd.from ?? (gd.not_after ? shift(gd.not_after, -1) : randomDate())) : randomDate();
    events.push({
      type: obey() && types.length ? pick(types) : pick(EVENT_TYPES),
      actor1:
        rnd() < 0.1 ? null : { name: `the ${obey() ? pick(actors) : pick(tokens)} group`, id: pick(tokens) },
      actor2: rnd() < 0.5 ? null : { name: pick(tokens), id: null },
      modality: obey() && p.modality ? pick([p.modality].flat()) : pick(MODALITIES),
      source: { kind: obey() && p.source_kind ? pick([p.source_kind].flat()) : pick(SOURCE_KINDS) },
      location: loc,
      date: { value: date, end: rnd() < 0.2 ? randomDate() : null },
      evidence: { sentence: `sentence ${i}` },
    });
  }
  const control = gold.control.map((row) => ({
    place: {
      name: rnd() < 0.5 ? row.place : 'elsewhere',
      lat: (row.near?.[0] ?? 0) + (rnd() - 0.5) * 0.1,
      lon: (row.near?.[1] ?? 0) + (rnd() - 0.5) * 0.1,
    },
    holder: rnd() < 0.2 ? null : { id: pick(tokens), name: pick(tokens) },
  }));
  return { events, control };
}

function referenceFigures(
  goldPath: string,
  events: OutputEvent[],
  control: OutputEvent[],
  dir: string,
): Record<string, unknown> {
  const ev = join(dir, 'events.jsonl');
  const ctl = join(dir, 'control.jsonl');
  writeFileSync(ev, events.map((e) => JSON.stringify(e)).join('\n'));
  writeFileSync(ctl, control.map((e) => JSON.stringify(e)).join('\n'));
  const run = spawnSync(
    process.execPath,
    [REFERENCE_TOOL.pathname, goldPath, ev, '--control', ctl, '--json', '--quiet'],
    { encoding: 'utf8' },
  );
  const last = run.stdout.trim().split('\n').pop() ?? '{}';
  const { bad: _bad, ...figures } = JSON.parse(last) as Record<string, unknown>;
  return figures;
}

describe('cross-check with shared/tools/score-expected.mjs', {
  skip: !existsSync(REFERENCE_TOOL) && 'reference tool not present',
}, () => {
  const golds = [FIXTURE.pathname];
  if (existsSync(SHARED_CORPUS)) {
    for (const f of readdirSync(SHARED_CORPUS))
      if (f.endsWith('.expected.json')) golds.push(join(SHARED_CORPUS.pathname, f));
  }
  for (const goldPath of golds) {
    it(`gives the same figures on random outputs for ${goldPath.split('/').pop()}`, () => {
      const gold = loadGold(goldPath);
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-eval-'));
      const rnd = seededRandom(goldPath.length * 7919);
      for (let round = 0; round < 12; round++) {
        const { events, control } = randomOutputs(gold, rnd, 4 + Math.floor(rnd() * 40));
        const ours = scoreExpected(gold, events, control).figures;
        assert.deepEqual({ ...ours }, referenceFigures(goldPath, events, control, dir), `round ${round}`);
      }
    });
  }
});
