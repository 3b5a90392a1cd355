import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from '../../data/actors.json' with { type: 'json' };
import { actorById, actorKindIn, actorParent, actorSide, findActors } from '../../src/resolve/actors.ts';
import { ACTOR_KINDS } from '../../src/types.ts';

const ids = (s: string, countries?: string[]) =>
  findActors(s, { countries }).map((a) => `${a.text}=${a.actor.id}`);

test('lexicon: unique ids, valid kinds and ISO2 countries, parents exist', () => {
  const seen = new Set<string>();
  for (const g of data.groups) {
    assert.ok(!seen.has(g.id), g.id);
    seen.add(g.id);
    assert.ok((ACTOR_KINDS as readonly string[]).includes(g.kind), g.id);
    assert.ok(g.country === null || /^[A-Z]{2}$/.test(g.country), g.id);
  }
  for (const s of data.states) {
    assert.match(s.country, /^[A-Z]{2}$/);
    for (const id of [s.id, s.forces.id]) {
      assert.ok(!seen.has(id), id);
      seen.add(id);
    }
  }
  for (const g of data.groups)
    if ('parent' in g && g.parent) assert.ok(actorById(g.parent), `${g.id} parent ${g.parent}`);
  for (const id of [
    'hts',
    'sdf',
    'syrian-army',
    'hezbollah',
    'russia',
    'jnim',
    'm23',
    'al-shabaab',
    'iswap',
    'un',
    'nato',
  ])
    assert.ok(actorById(id), id);
  assert.equal(actorById('no-such-actor'), null);
  assert.equal(actorParent('iswap'), 'isis');
});

test('named groups, abbreviations, transliterations and leaders', () => {
  assert.deepEqual(ids('Tahrir al Sham and HTS fighters under Ahmed al-Sharaa advanced.'), [
    'Tahrir al Sham=hts',
    'HTS fighters=hts',
    'Ahmed al-Sharaa=hts',
  ]);
  assert.deepEqual(ids('Hizbollah said Naim Qassem would speak.'), [
    'Hizbollah=hezbollah',
    'Naim Qassem=hezbollah',
  ]);
  assert.deepEqual(ids('A Houthi spokesman, Yahya Saree, said.'), [
    'Houthi spokesman=houthis',
    'Yahya Saree=houthis',
  ]);
});

test('acronyms match only in capitals; named aliases only capitalised', () => {
  assert.deepEqual(ids('it is what it is'), []);
  assert.deepEqual(ids('IS fighters attacked.'), ['IS fighters=isis']);
  assert.deepEqual(ids('The talon of a bird.'), []);
});

test('states: forces by demonym + noun, possessive, metonymy; demonyms alone are not actors', () => {
  assert.deepEqual(ids('Israeli troops entered as Russian bombing and Ukrainian drones continued.'), [
    'Israeli troops=idf',
    'Russian bombing=russian-forces',
    'Ukrainian drones=ukrainian-forces',
  ]);
  assert.deepEqual(ids("Ukraine's military said Moscow and Tehran denied it."), [
    "Ukraine's military=ukrainian-forces",
    'Moscow=russia',
    'Tehran=iran',
  ]);
  assert.deepEqual(ids('A Syrian doctor said Iranian officials visited.'), ['Iranian officials=iran']);
});

test('a state name or capital after a locative preposition is a place', () => {
  assert.deepEqual(ids('Aid was sent to Yemen from Oman via Riyadh.'), []);
  assert.deepEqual(ids('Iran sent drones to Russia.'), ['Iran=iran']);
});

test('generic actors resolve to the first context country', () => {
  const found = findActors('The army said security forces and the regime repelled rebels.', {
    countries: ['SY', 'TR'],
  });
  assert.deepEqual(
    found.map((a) => [a.text, a.actor.id, a.generic]),
    [
      ['The army', 'syrian-army', true],
      ['security forces', 'syrian-army', true],
      ['the regime', 'syrian-army', true],
      ['rebels', 'rebels', true],
    ],
  );
  assert.equal(found[3].actor.country, 'SY');
  const bare = findActors('The army said.');
  assert.equal(bare[0].actor.id, 'state-forces');
  assert.equal(bare[0].actor.country, null);
});

test('generic kinds: civilians, protesters, gunmen, militants', () => {
  const kinds = findActors('Gunmen shot villagers; jihadists and protesters gathered.').map((a) => [
    a.actor.id,
    a.actor.kind,
  ]);
  assert.deepEqual(kinds, [
    ['unidentified-armed-group', 'unknown'],
    ['civilians', 'civilians'],
    ['militants', 'rebel'],
    ['protesters', 'political'],
  ]);
});

test('patrons: X-backed and pro-X give one actor id for both forms', () => {
  const a = findActors(
    'Iran-backed militias and pro-Iranian militias clashed with Turkish-backed SNA units.',
    {
      countries: ['SY'],
    },
  );
  assert.deepEqual(
    a.map((m) => [m.text, m.actor.id]),
    [
      ['Iran-backed militias', 'iran-backed-militias'],
      ['pro-Iranian militias', 'iran-backed-militias'],
      ['Turkish-backed SNA units', 'sna'],
    ],
  );
  assert.equal(a[0].actor.kind, 'militia');
});

test('demonym + generic noun gives the generic actor of that country', () => {
  const [a] = findActors('Sudanese civilians fled.');
  assert.deepEqual([a.text, a.actor.id, a.actor.country], ['Sudanese civilians', 'civilians', 'SD']);
});

test('ambiguous abbreviations follow the article country', () => {
  assert.equal(findActors('The SNA said.', { countries: ['SO'] })[0].actor.id, 'somali-forces');
  assert.equal(findActors('The SNA said.', { countries: ['SY'] })[0].actor.id, 'sna');
});

test('foreign state forces are external; own forces are state forces', () => {
  const a = findActors('Russian jets and Syrian troops advanced.', { countries: ['SY'] });
  assert.deepEqual(
    a.map((m) => [m.actor.id, m.actor.kind]),
    [
      ['russian-forces', 'external'],
      ['syrian-army', 'state_forces'],
    ],
  );
});

test('offsets are into the text plus offset', () => {
  const s = 'Then M23 rebels took the airport.';
  const [a] = findActors(s, { offset: 50 });
  assert.equal(a.start, 55);
  assert.equal(a.text, 'M23 rebels');
  assert.equal(s.slice(a.start - 50, a.end - 50), a.text);
});

test("a state's possessive before a named group names the group", () => {
  assert.deepEqual(ids("Yemen's Houthis fired drones."), ["Yemen's Houthis=houthis"]);
});

test('bare adjectives are not actors: "military equipment", "officials" of someone', () => {
  assert.deepEqual(ids('They sent military equipment and met its officials.', ['SY']), []);
});

test('shared aliases pick the entry of the article country', () => {
  assert.equal(findActors('Kurdish forces advanced.', { countries: ['IQ'] })[0].actor.id, 'peshmerga');
  assert.equal(findActors('Kurdish forces advanced.', { countries: ['SY'] })[0].actor.id, 'sdf');
});

test('mixed-case abbreviations must be written exactly', () => {
  assert.deepEqual(ids('Let them go, said LeT.'), ['LeT=lashkar-e-taiba']);
});

test('states outside the curated list come from world-countries', () => {
  assert.deepEqual(ids('Peruvian police and the Albanian government responded.'), [
    'Peruvian police=peru-forces',
    'Albanian government=albania',
  ]);
  assert.equal(actorById('peru')?.country, 'PE');
});

test('kind at the event location: at home state forces, abroad external', () => {
  const [jordan] = findActors('Jordan closed the crossing.', { countries: ['SY'] });
  assert.equal(jordan.actor.kind, 'external');
  assert.equal(actorKindIn(jordan.actor, 'JO'), 'state_forces');
  assert.equal(actorKindIn(jordan.actor, 'SY'), 'external');
  const [rebels] = findActors('Rebels advanced.', { countries: ['SY'] });
  assert.equal(actorKindIn(rebels.actor, 'TR'), 'rebel');
});

test('a generic match gives way to an overlapping longer named alias', () => {
  assert.deepEqual(ids('They fought the regime of Bashar al-Assad.', ['SY']), [
    'regime of Bashar al-Assad=syrian-army',
  ]);
});

test('actorSide: a group and its parent, a state and its forces, are one side', () => {
  assert.equal(actorSide('iswap'), actorSide('isis'));
  assert.notEqual(actorSide('iswap'), actorSide('hts'));
  assert.equal(actorSide('syrian-army'), actorSide('syria'));
  assert.equal(actorSide('no-such-actor'), 'no-such-actor');
});
