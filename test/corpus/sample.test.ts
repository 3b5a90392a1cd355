// The sample report must score as the issue states: every must event, nothing forbidden, few duplicates
// and unexplained events (scored by ../shared/tools/score-expected.mjs).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractFile, missingShared, SHARED, score } from './score.ts';

const SAMPLE = join(SHARED, 'corpus', 'reuters-2024-12-06-syria');

test('sample report: all must events, no forbidden, ≤ 2 duplicates, ≤ 3 unexplained', {
  skip: missingShared(),
}, async () => {
  const events = await extractFile(`${SAMPLE}.txt`);
  const f = score(`${SAMPLE}.expected.json`, events);
  assert.equal(f.forbidden, 0, 'forbidden patterns matched');
  assert.ok(f.duplicates <= 2, `duplicates ${f.duplicates}`);
  assert.ok(f.unexplained <= 3, `unexplained ${f.unexplained}`);
  assert.equal(f.must_hit, f.must_total, `must ${f.must_hit}/${f.must_total}`);
});

test('sample report: every event is traceable to its sentence', { skip: missingShared() }, async () => {
  const events = await extractFile(`${SAMPLE}.txt`);
  assert.ok(events.length > 0);
  for (const e of events) {
    const trigger = e.evidence.spans.find((s) => s.role === 'trigger');
    assert.ok(trigger, `${e.id} has a trigger span`);
    assert.ok(
      trigger.start >= e.evidence.start && trigger.end <= e.evidence.end,
      `${e.id} trigger inside its sentence`,
    );
    assert.equal(
      e.evidence.sentence.slice(trigger.start - e.evidence.start, trigger.end - e.evidence.start),
      trigger.text,
    );
  }
});
