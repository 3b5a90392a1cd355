import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { EvalMessage, ExtractFn } from '../../src/eval/common.ts';
import { worstErrors } from '../../src/eval/common.ts';
import { loadEventLocationGold, scoreEventLocation } from '../../src/eval/event-location.ts';
import { loadGeoDocs } from '../../src/eval/geoparse-set.ts';
import { renderMarkdownReport } from '../../src/eval/report.ts';
import { allGoldPaths, detectFormat, runAcledCsv, runEvents, runExpected } from '../../src/eval/run.ts';
import { renderMarkdown, renderText } from '../../src/eval/table.ts';
import type { EventType } from '../../src/types.ts';
import { makeEvent } from './helpers.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const FIXTURES = here('../fixtures/eval');

describe('event location', () => {
  const gold = [
    {
      id: 'a',
      text: 'Rebels attacked a convoy near Goma on Monday.',
      verb: { start: 7, end: 15, text: 'attacked' },
      locations: [{ start: 30, end: 34, text: 'Goma' }],
    },
    {
      id: 'b',
      text: 'Troops from Kigali shelled villages.',
      verb: { start: 19, end: 26, text: 'shelled' },
      locations: [],
    },
    {
      id: 'c',
      text: 'Police in Lagos arrested a man from Abuja.',
      verb: { start: 16, end: 24, text: 'arrested' },
      locations: [{ start: 10, end: 15, text: 'Lagos' }],
    },
  ];
  const items = loadEventLocationGold(gold.map((g) => JSON.stringify(g)).join('\n'), 'g.jsonl', []);
  const span = (role: 'trigger' | 'place', start: number, end: number) => ({ role, start, end, text: '' });
  const extractWith =
    (spans: Record<string, Array<ReturnType<typeof span>>>): ExtractFn =>
    (a) => {
      const item = gold.find((g) => g.text === a.text);
      const s = item ? spans[item.id] : undefined;
      return s ? [makeEvent({ type: 'attack' as EventType, spans: s })] : [];
    };

  it('scores a perfect extractor 1.0', () => {
    const r = scoreEventLocation(
      'x',
      items,
      extractWith({
        a: [span('trigger', 7, 15), span('place', 30, 34)],
        b: [span('trigger', 19, 26)],
        c: [span('trigger', 16, 24), span('place', 10, 15)],
      }),
    );
    assert.equal(r.correct, 3);
    assert.equal(r.linkPrecision, 1);
    assert.equal(r.linkRecall, 1);
  });

  it('scores an empty extractor right only where gold has no location', () => {
    const r = scoreEventLocation('x', items, () => []);
    assert.equal(r.correct, 1);
    assert.equal(r.correctWithLocation, 0);
    assert.equal(r.linkRecall, 0);
  });

  it('gives the hand-computed figures on a known mix', () => {
    // a: right; b: a place where gold has none; c: the wrong toponym
    const r = scoreEventLocation(
      'x',
      items,
      extractWith({
        a: [span('trigger', 7, 15), span('place', 30, 34)],
        b: [span('trigger', 19, 26), span('place', 12, 18)],
        c: [span('trigger', 16, 24), span('place', 36, 41)],
      }),
    );
    assert.equal(r.correct, 1);
    assert.equal(r.linkPrecision, 1 / 3);
    assert.equal(r.linkRecall, 1 / 2);
    assert.deepEqual(
      r.errors.map((e) => e.category),
      ['place where gold has none', 'wrong toponym'],
    );
  });
});

describe('geoparsing gold loading', () => {
  it('drops GeoWebNews non-toponyms and keeps coordinates only with a GeoNames ID', () => {
    const rec = {
      id: 'g1',
      text: 'The area near Springfield and Shelbyville.',
      toponyms: [
        { start: 4, end: 8, name: 'area', lat: null, lon: null, group: 'non_toponym' },
        {
          start: 14,
          end: 25,
          name: 'Springfield',
          lat: 39.8,
          lon: -89.6,
          geonameid: 4250542,
          group: 'literal',
        },
        { start: 30, end: 41, name: 'Shelbyville', lat: 39.4, lon: -88.8, group: 'literal' },
      ],
    };
    const docs = loadGeoDocs(`${JSON.stringify(rec)}\n{"id": 2}\n`, 'g.jsonl', []);
    assert.equal(docs.length, 1);
    assert.deepEqual(
      docs[0].toponyms.map((t) => [t.name, t.lat]),
      [
        ['Springfield', 39.8],
        ['Shelbyville', null],
      ],
    );
  });
});

describe('running sets', () => {
  it('detects formats from paths', () => {
    assert.equal(detectFormat(`${FIXTURES}/expected`), 'expected');
    assert.equal(detectFormat(`${FIXTURES}/acled-sample.csv`), 'acled-csv');
    assert.equal(detectFormat(`${FIXTURES}/plover-sample.jsonl`), 'events');
    assert.equal(detectFormat(`${FIXTURES}/case-sample.jsonl`), 'events');
    assert.equal(detectFormat(`${FIXTURES}/nothing-here`), null);
  });

  it('runs a folder of corpus gold and reports per-file figures, breakdowns and errors', () => {
    const s = runExpected(`${FIXTURES}/expected`, { extract: () => [makeEvent({ type: 'protest' })] });
    assert.equal(s.items, 1);
    assert.match(s.headline[0].value, /^0\/3/);
    assert.ok(s.tables.some((t) => t.title.includes('per type')));
    assert.ok(s.errors.some((e) => e.category.startsWith('missed must')));
    assert.ok(s.errors.some((e) => e.category === 'unexplained: protest'));
  });

  it('renders the report with headline, worst errors and every set', () => {
    const extract: ExtractFn = () => [makeEvent({ type: 'clash', confidence: 0.9 })];
    const sections = [
      runEvents(`${FIXTURES}/plover-sample.jsonl`, { extract }),
      runAcledCsv(`${FIXTURES}/acled-sample.csv`, { extract, limit: 5 }),
    ];
    assert.match(sections[1].notes[0], /first 5 of 20/);
    const md = renderMarkdownReport(sections, { command: 'test', generated: 'now', seconds: 1, cores: 2 });
    for (const heading of [
      '## Headline figures',
      '## The 20 worst errors',
      '## eval',
      '## acled-sample.csv',
    ]) {
      assert.ok(md.includes(heading), heading);
    }
  });

  it('lists every shared set for --all when the shared folder is there', {
    skip: !existsSync(here('../../../shared/eval')) && 'no shared folder',
  }, () => {
    const { paths } = allGoldPaths(here('../../../shared'), here('../..'));
    const formats = new Set(paths.map((p) => p.format));
    for (const f of ['expected', 'geoparse', 'events', 'acled-csv', 'event-location'])
      assert.ok(formats.has(f as never), f);
  });
});

describe('tables and worst errors', () => {
  const table = {
    title: 'T',
    headers: ['a', 'b'],
    rows: [
      ['x|y', 1.23456],
      ['z', null],
    ],
  };
  it('renders text and Markdown', () => {
    assert.equal(renderText(table).split('\n')[3], 'x|y  1.235');
    assert.ok(renderMarkdown(table).includes('| x\\|y | 1.235 |'));
    assert.ok(renderMarkdown(table).includes('| z | – |'));
  });

  it('takes worst errors in turns from each set', () => {
    const e = (set: string, severity: number) => ({
      set,
      id: `${set}${severity}`,
      gold: '',
      output: '',
      sentence: '',
      severity,
      category: '',
    });
    const picked = worstErrors([e('a', 1), e('a', 0.9), e('a', 0.8), e('b', 0.1)], 3);
    assert.deepEqual(
      picked.map((x) => x.id),
      ['a1', 'b0.1', 'a0.9'],
    );
  });
});

describe('reading files', () => {
  it('reads the fixture JSONL without messages', () => {
    const m: EvalMessage[] = [];
    loadEventLocationGold(readFileSync(`${FIXTURES}/plover-sample.jsonl`, 'utf8'), 'p', m);
    assert.equal(m.length, 5); // not event-location records: one message per line, no exception
  });
});
