// Inflection of the trigger lexicon's base forms, and a trigger found through it in context.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';
import { inflectVerb } from '../../src/knowledge/morphology.ts';

test('prefixed irregular verbs inflect like their stem (retook, retaken) and "the town" picks up the town named before', () => {
  assert.equal(inflectVerb('retake').past, 'retook');
  assert.equal(inflectVerb('retake').participle, 'retaken');
  assert.equal(inflectVerb('retreat').past, 'retreated');
  const events = extract({
    id: 'retook',
    date: '2026-03-10',
    text: 'The governor visited Kupiansk on Tuesday, a day after the army retook the town from the invaders.',
  });
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.ok(capture, 'a capture');
  assert.match(capture.location?.name ?? '', /Kup/);
});
