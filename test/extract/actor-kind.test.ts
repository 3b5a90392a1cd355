import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';

test("a state's forces are state forces at home and external abroad, whatever the article is about", () => {
  const text =
    'Syrian rebels advanced on Homs on Friday. Jordan closed its border crossing with Syria, the interior ministry said. ' +
    'Israeli troops were deployed in the Golan Heights in southwest Syria, the military said.';
  const events = extract({ id: 'kinds', date: '2024-12-06', text });
  const closure = events.find((e) => e.type === 'border_closure');
  assert.equal(closure?.actor1?.id, 'jordan');
  assert.equal(closure?.location?.country, 'JO');
  assert.equal(closure?.actor1?.kind, 'state_forces');
  const deployment = events.find((e) => e.type === 'deployment');
  assert.equal(deployment?.actor1?.country, 'IL');
  assert.equal(deployment?.actor1?.kind, 'external');
});
