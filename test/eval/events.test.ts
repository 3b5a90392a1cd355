import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { EvalMessage, ExtractFn } from '../../src/eval/common.ts';
import { loadTypeGold, scoreEventTypes, type TypeGoldItem } from '../../src/eval/events.ts';
import { classify } from '../../src/eval/metrics.ts';
import { loadEvalTypeMapping } from '../../src/eval/type-mapping.ts';
import type { EventType } from '../../src/types.ts';
import { makeEvent } from './helpers.ts';

const mapping = loadEvalTypeMapping();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/eval/${name}`, import.meta.url), 'utf8');

function load(name: string, messages: EvalMessage[] = []): TypeGoldItem[] {
  return loadTypeGold(fixture(name), name, mapping, messages);
}

/** An extractor answering from a table: sentence → [type, confidence][] */
function tableExtractor(answers: Map<string, Array<[EventType, number]>>): ExtractFn {
  return (article) =>
    (answers.get(article.text) ?? []).map(([type, confidence]) => makeEvent({ type, confidence }));
}

describe('event-type gold loading', () => {
  it('maps PLOVER type, mode and context through the data table', () => {
    const items = load('plover-sample.jsonl');
    assert.deepEqual(
      items.map((i) => i.accepted),
      [['shelling', 'clash'], ['agreement'], ['protest'], [], ['military_aid']],
    );
    assert.equal(items[0].label, 'FIGHT/heavy-weapons');
    assert.equal(items[0].date, '2010-05-04');
  });

  it('maps CAMEO codes, treats no-event sentences as out of scope and skips error tests with a message', () => {
    const messages: EvalMessage[] = [];
    const items = load('petrarch-sample.jsonl', messages);
    assert.deepEqual(
      items.map((i) => [i.id, i.accepted]),
      [
        ['T-PETR-1', ['arrest']],
        ['T-PETR-2', ['threat']],
        ['T-PETR-3', []],
        ['T-PETR-5', null],
      ],
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0].reason, /sentencediscard/);
  });

  it('maps CASE 2021 labels through their ACLED sub-event type', () => {
    const items = load('case-sample.jsonl');
    assert.deepEqual(
      items.map((i) => i.accepted),
      [['air_strike'], ['bombing'], [], ['violence_against_civilians'], [], []],
    );
  });

  it('does not count the attack in a claim of responsibility as a false alarm, but does on a flood', () => {
    const items = load('case-sample.jsonl');
    const r = scoreEventTypes('case-sample', items, () => [makeEvent({ type: 'attack' })]);
    assert.equal(r.outOfScope, 3);
    assert.equal(r.falseAlarms, 2); // the flood and the defused bomb; the claimed ambush is tolerated
  });

  it('reports malformed lines as messages', () => {
    const messages: EvalMessage[] = [];
    const items = loadTypeGold('{"id": 1}\nnot json\n', 'bad.jsonl', mapping, messages);
    assert.equal(items.length, 0);
    assert.equal(messages.length, 2);
    assert.deepEqual(messages.map((m) => m.line).sort(), [1, 2]);
  });
});

describe('scoreEventTypes', () => {
  const items = load('plover-sample.jsonl');

  it('scores a perfect extractor 1.0 and no false alarms', () => {
    const perfect: ExtractFn = (a) => {
      const item = items.find((i) => i.text === a.text);
      return item?.accepted?.length ? [makeEvent({ type: item.accepted[0] })] : [];
    };
    const r = scoreEventTypes('plover-sample', items, perfect);
    assert.equal(r.accuracy, 1);
    assert.equal(r.anyAccuracy, 1);
    assert.equal(r.macroF1, 1);
    assert.equal(r.inScope, 4);
    assert.equal(r.outOfScope, 1);
    assert.equal(r.falseAlarms, 0);
    assert.equal(r.errors.length, 0);
  });

  it('scores an empty extractor 0', () => {
    const r = scoreEventTypes('plover-sample', items, () => []);
    assert.equal(r.accuracy, 0);
    assert.equal(r.anyAccuracy, 0);
    assert.equal(r.macroF1, 0);
    assert.equal(r.falseAlarmRate, 0);
  });

  it('gives the hand-computed figures on a known mix', () => {
    const answers = new Map<string, Array<[EventType, number]>>([
      [
        items[0].text,
        [
          ['clash', 0.9],
          ['air_strike', 0.5],
        ],
      ], // primary clash: accepted
      [
        items[2].text,
        [
          ['riot', 0.9],
          ['protest', 0.4],
        ],
      ], // primary wrong, another event right
      [items[3].text, [['agreement', 0.7]]], // out of scope: a false alarm
      [items[4].text, [['military_aid', 0.6]]], // right
    ]);
    const r = scoreEventTypes('plover-sample', items, tableExtractor(answers));
    assert.equal(r.correct, 2);
    assert.equal(r.accuracy, 0.5);
    assert.equal(r.anyAccuracy, 0.75);
    // per class F1 over gold classes: clash 1, agreement 0, protest 0, military_aid 1
    assert.equal(r.macroF1, 0.5);
    assert.equal(r.falseAlarms, 1);
    assert.equal(r.classification.confusion.get('protest')?.get('riot'), 1);
    assert.equal(r.classification.confusion.get('agreement')?.get('NONE'), 1);
    assert.deepEqual(r.errors.map((e) => e.category).sort(), [
      'agreement → none',
      'false alarm: agreement',
      'protest → riot',
    ]);
  });

  it('turns an extractor exception into a message and scores the item as no output', () => {
    const messages: EvalMessage[] = [];
    const r = scoreEventTypes(
      'x',
      items.slice(0, 1),
      () => {
        throw new Error('boom');
      },
      messages,
    );
    assert.equal(r.accuracy, 0);
    assert.match(messages[0].reason, /boom/);
  });
});

describe('classify', () => {
  it('computes accuracy and macro-F1 by hand', () => {
    const c = classify([
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: 'b' },
      { gold: 'b', predicted: 'b' },
      { gold: 'c', predicted: 'NONE' },
    ]);
    // a: P 1/1 R 1/2 F1 2/3; b: P 1/2 R 1/1 F1 2/3; c: F1 0
    assert.equal(c.accuracy, 0.5);
    assert.ok(Math.abs((c.macroF1 ?? 0) - 4 / 9) < 1e-12);
  });
});
