import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate } from '../../src/annotate/index.ts';
import { classifySpeaker, findFrames } from '../../src/extract/attribution.ts';
import { extract } from '../../src/extract/index.ts';

const article = (text: string) => ({ id: 'test', date: '2024-03-05', text });

function frames(text: string) {
  const s = annotate(text).sentences[0];
  return findFrames(s.tokens, s.start, s.end, s.text, () => []);
}

test('a speaker described by a relative clause is the phrase before it', () => {
  const f = frames('The provincial council, which meets every week, said its guards had arrested two men.');
  assert.equal(f.length, 1);
  assert.equal(f[0].speaker, 'The provincial council');
  assert.ok(f[0].scopeStart > f[0].verbStart, 'the scope is what follows the verb');
});

test('an apposed speaker at the end of a sentence attributes what comes before it', () => {
  const text = 'A car bomb exploded near the port on Friday, a harbour official, Major Jan Kowal, said.';
  const f = frames(text);
  assert.equal(f.length, 1);
  assert.match(f[0].speaker, /harbour official, Major Jan Kowal/);
  assert.equal(f[0].scopeStart, 0);
  assert.ok(f[0].scopeEnd <= text.indexOf('a harbour'));
});

test('emergency services are official sources, medical charities organisations', () => {
  assert.equal(classifySpeaker('the regional civil defence', '', []).kind, 'official');
  assert.equal(classifySpeaker('the city emergency service', '', []).kind, 'official');
  assert.equal(classifySpeaker('Medecins Sans Frontieres', '', []).kind, 'organization');
});

test('a passive reporting verb names no speaker', () => {
  assert.equal(frames('Heavy fighting was reported in Baidoa on Sunday.').length, 0);
  assert.equal(frames('The commander is said to have fled to Kismayo.').length, 0);
});

test('an unnamed speaker of an armed group speaks for a party to the conflict', () => {
  const group = { name: 'Al Shabaab', id: 'al-shabaab', kind: 'rebel' as const, country: 'SO' };
  const span = { start: 3, end: 13, text: 'Al Shabaab', actor: group, generic: false };
  assert.equal(classifySpeaker('an Al Shabaab official', '', [span]).kind, 'party_to_conflict');
  assert.equal(classifySpeaker('a regional official', '', []).kind, 'anonymous_official');
});

test('a denial of reports without a determiner denies the sentence before', () => {
  const events = extract(
    article(
      'Kenyan jets bombed an al Shabaab camp near Kismayo on Monday. An al Shabaab official denied reports that its commander had been killed in the raid.',
    ),
  );
  assert.ok(events.some((e) => e.type === 'air_strike' && e.modality === 'denied'));
});
