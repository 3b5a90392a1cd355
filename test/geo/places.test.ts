import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryContext, geoparse, resolveToponym } from '../../src/resolve/places.ts';

const find = (text: string, name: string) => geoparse(text).find((t) => t.text === name);

test('offsets point into the text', () => {
  const text = 'Shelling hit Idlib and Aleppo on Tuesday, the Syrian Observatory said.';
  const found = geoparse(text);
  assert.ok(found.length >= 2);
  for (const t of found) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(
    found.map((t) => t.text),
    ['Idlib', 'Aleppo'],
  );
});

test('context decides between namesakes', () => {
  const syria = find(
    'Syrian troops entered Homs after heavy fighting with rebels in the north of Syria.',
    'Homs',
  );
  assert.equal(syria?.place.country, 'SY');
  const lebanon = find('A car bomb in Tripoli wounded five people, Lebanese officials said.', 'Tripoli');
  assert.equal(lebanon?.place.country, 'LB');
  const libya = find('Militias clashed in Tripoli overnight, the Libyan health ministry said.', 'Tripoli');
  assert.equal(libya?.place.country, 'LY');
});

test('country names and acronyms are places of precision 4; demonyms only on request', () => {
  const text = 'Ukraine said Russian drones hit the power grid; the U.S. pledged more air defences.';
  const found = geoparse(text);
  const ukraine = found.find((t) => t.text === 'Ukraine');
  assert.equal(ukraine?.place.country, 'UA');
  assert.equal(ukraine?.place.precision, 4);
  assert.equal(found.find((t) => t.text === 'U.S.')?.place.country, 'US');
  assert.equal(
    found.find((t) => t.text === 'Russian'),
    undefined,
  );
  const withDemonyms = geoparse(text, { includeDemonyms: true }).find((t) => t.text === 'Russian');
  assert.equal(withDemonyms?.place.country, 'RU');
});

test('capitalised words that are not places are left alone', () => {
  const text =
    'On Sunday in May, President Jackson told Reuters there was Hope for peace. Police Commander Tim Blackwell spoke.';
  assert.deepEqual(
    geoparse(text).map((t) => t.text),
    [],
  );
});

test('cues set precision: near a town is 2, a province is 3', () => {
  const near = find('Two soldiers were killed near Saraqib on Monday in Syria.', 'Saraqib');
  assert.equal(near?.place.precision, 2);
  const inTown = find('Two soldiers were killed in Saraqib on Monday in Syria.', 'Saraqib');
  assert.equal(inTown?.place.precision, 1);
  const province = geoparse('Air strikes hit villages in Idlib province, Syria.').find((t) =>
    t.text.startsWith('Idlib'),
  );
  assert.equal(province?.place.kind, 'admin1');
  assert.equal(province?.place.precision, 3);
});

test('curated conflict geography is recognised, also when it goes on in lower case', () => {
  const text =
    'Aid trucks waited at the Rafah crossing while Israeli forces pushed along the Philadelphi corridor.';
  const rafah = geoparse(text).find((t) => t.text.startsWith('Rafah'));
  assert.equal(rafah?.text, 'Rafah crossing');
  assert.equal(rafah?.place.kind, 'crossing');
  const golan = find('Rockets fell on the Golan Heights.', 'Golan Heights');
  assert.equal(golan?.place.precision, 3);
});

test('a state after a comma restricts the town and is a toponym itself', () => {
  const text = 'Police in Lebanon, Tenn., arrested two men on Friday.';
  const t = find(text, 'Lebanon');
  assert.equal(t?.place.country, 'US');
  assert.equal(t?.place.admin1, 'Tennessee');
  const state = find(text, 'Tenn.');
  assert.equal(state?.place.kind, 'admin1');
  assert.equal(state?.place.precision, 3);
  assert.equal(text.slice(state!.start, state!.end), 'Tenn.');
});

test('countryContext ranks the countries an article is about', () => {
  const ctx = countryContext(
    'Israeli strikes hit southern Lebanon. Lebanese officials said Hezbollah fired at northern Israel. Lebanon appealed to the UN.',
  );
  assert.equal(ctx[0], 'LB');
  assert.ok(ctx.includes('IL'));
});

test('resolveToponym handles variant spellings with context', () => {
  const context = 'Syrian army shelling hit the countryside of Homs, activists said.';
  const a = resolveToponym('Talbisa', { contextText: context });
  const b = resolveToponym('Talbiseh', { contextText: context });
  assert.ok(a && b);
  assert.equal(a.country, 'SY');
  assert.ok(Math.abs(a.lat - b.lat) < 0.05 && Math.abs(a.lon - b.lon) < 0.05);
  assert.equal(resolveToponym('Dayr az Zawr', { contextText: context })?.country, 'SY');
  assert.equal(resolveToponym('Syrian')?.country, 'SY');
  assert.equal(resolveToponym('Tenn.')?.admin1, 'Tennessee');
  assert.equal(resolveToponym('Zzyzzyvaqq'), null);
});

test('a word used as a surname is not a place when it stands alone later', () => {
  const text =
    'Police chief Tim Blackwell said the road was closed. Blackwell added that two men were arrested.';
  assert.equal(
    geoparse(text).some((t) => t.text === 'Blackwell'),
    false,
  );
  assert.ok(
    geoparse('Two men were arrested in Blackwell, Okla., on Friday.').some((t) => t.text === 'Blackwell'),
  );
  // a major place is never taken for a surname, and a capitalised sentence opener is no first name
  assert.ok(
    geoparse('Considering Tunisia’s interest, NATO met officials in Tunisia.').filter(
      (t) => t.text === 'Tunisia',
    ).length === 2,
  );
});

test('a qualifier given once holds for the bare name elsewhere', () => {
  const text = 'A tornado hit Lebanon, Tenn., on Friday. Schools in Lebanon stay closed.';
  const all = geoparse(text).filter((t) => t.text === 'Lebanon');
  assert.equal(all.length, 2);
  for (const t of all) assert.equal(t.place.admin1, 'Tennessee');
});

test('a country hint decides an otherwise ambiguous name', () => {
  const text = 'Fighting was reported near Tripoli overnight.';
  assert.equal(geoparse(text, { countryHint: ['LB'] })[0]?.place.country, 'LB');
  assert.equal(geoparse(text, { countryHint: ['LY'] })[0]?.place.country, 'LY');
});

test('roads with digits and cities known by their English name', () => {
  const found = geoparse('Rebels cut the M5 highway south of Hama, Syria.');
  const road = found.find((t) => t.text.startsWith('M5'));
  assert.equal(road?.place.kind, 'road');
  const hama = found.find((t) => t.text === 'Hama');
  assert.equal(hama?.place.country, 'SY');
  assert.equal(hama?.place.precision, 2); // "south of Hama"
  assert.notEqual(hama?.place.kind, 'admin1');
});

test('all-capital headlines and datelines still give their places', () => {
  const found = geoparse('REBELS TAKE ALEPPO, SYRIA').map((t) => t.place.country);
  assert.deepEqual(found, ['SY', 'SY']);
});

test('a place name inside an organisation name is not a place', () => {
  assert.deepEqual(
    geoparse('A spokesman for the Jaish al-Quds faction said its fighters withdrew.').map((t) => t.text),
    [],
  );
  assert.deepEqual(
    geoparse('Fighters withdrew from al-Quds on Monday.').map((t) => t.text),
    ['al-Quds'],
  );
});
