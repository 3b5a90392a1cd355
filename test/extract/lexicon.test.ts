// Lexicon behaviours (data/triggers.json, data/event-rules.json): which type a sentence's primary event gets.
// Sentences are written for these tests; none comes from a gold set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';

const article = (text: string) => ({ id: 'lexicon', date: '2024-03-05', text });
const types = (text: string) => extract(article(text)).map((e) => e.type);
/** The type of the most confident event, the first on ties (what a single-label reader would take). */
const primary = (text: string) => {
  const events = extract(article(text));
  let best = events[0];
  for (const e of events) if (e.confidence > best.confidence) best = e;
  return best?.type ?? null;
};

test('a mob that protests and stones the police is rioting', () => {
  assert.equal(
    primary('Angry youths protesting a tax rise stoned police cars in the town of Eldoret.'),
    'riot',
  );
  assert.equal(primary('Marchers reached the square in Eldoret and burned tyres, officials said.'), 'riot');
  assert.equal(primary('Several thousand people marched peacefully through Eldoret on Saturday.'), 'protest');
  assert.deepEqual(types('The stone bridge over the river was built in 1890.'), []);
});

test('force used to break up a crowd is a protest event, not a military attack', () => {
  assert.equal(
    primary('Riot police fired tear gas at demonstrators outside parliament in Lusaka.'),
    'protest',
  );
  assert.equal(primary('Police dispersed the crowd with water cannon in Lusaka on Monday.'), 'protest');
});

test('sexual violence against civilians is violence against civilians, not a generic attack', () => {
  assert.equal(
    primary('Gunmen sexually assaulted three women near the camp at Kalemie.'),
    'violence_against_civilians',
  );
  assert.equal(
    primary('Soldiers beat detainees at a barracks in Kalemie, a rights group said.'),
    'violence_against_civilians',
  );
  assert.ok(
    types('Militiamen were accused of sexual abuse of displaced women in Kalemie.').includes(
      'violence_against_civilians',
    ),
  );
});

test('an attack told with its weapon is typed by the weapon', () => {
  assert.equal(
    primary('Government troops pounded the village of Kibati with artillery on Friday.'),
    'shelling',
  );
  assert.equal(primary('The militia attacked an army camp near Kibati with drones overnight.'), 'air_strike');
  assert.equal(primary('A rocket slammed into a school in Kibati, killing two pupils.'), 'shelling');
  assert.equal(primary('Gunmen attacked a police post near Kibati with rifles on Friday.'), 'attack');
});

test('a force that sets up a base or headquarters is deploying; a camp for the displaced is not', () => {
  assert.equal(
    primary('The insurgents set up a new headquarters in the town of Gao last month.'),
    'deployment',
  );
  assert.ok(!types('Aid agencies set up camps for displaced families near Gao.').includes('deployment'));
});

test('seizing goods is not taking ground', () => {
  assert.ok(!types('Soldiers seized a large cache of explosives near Gao.').includes('territory_capture'));
  assert.ok(!types('Customs officers seized drugs at the port of Gao.').includes('territory_capture'));
  assert.equal(primary('The insurgents seized the town of Gao on Monday.'), 'territory_capture');
});

test('accidents and natural hazards are not bombings or attacks', () => {
  assert.deepEqual(types('A gas explosion at a bakery in Gao killed two workers.'), []);
  assert.deepEqual(types('A strong earthquake struck the province around Gao on Monday.'), []);
  assert.deepEqual(types('Floods hit Gao after days of rain.'), []);
  assert.equal(primary('A bomb blast at a bakery in Gao killed two workers.'), 'bombing');
});

test('close to the border is a place, not a border closure', () => {
  assert.ok(!types('The fighters camped close to the border with Niger.').includes('border_closure'));
  assert.equal(primary('Mali closed its border with Niger on Friday.'), 'border_closure');
});

test('a demand is an appeal, but marchers demanding something are protesting', () => {
  assert.equal(
    primary('The rebel movement demanded the withdrawal of foreign troops from Bangui.'),
    'appeal',
  );
  assert.equal(primary('Protesters in Bangui demanded the resignation of the mayor on Friday.'), 'protest');
  assert.deepEqual(types('Demand for fuel rose sharply in Bangui last month.'), []);
});

test('agreements reached, ratified or extended are agreements', () => {
  assert.equal(primary('Kenya and Somalia signed a pact on border security in Nairobi.'), 'agreement');
  assert.equal(primary('The warring parties extended the truce in Hodeidah by a month.'), 'agreement');
});

test('arresting protesters is the protest with intervention; arresting a suspect is an arrest', () => {
  assert.equal(primary('Police arrested dozens of protesters in Minsk on Sunday.'), 'protest');
  assert.equal(primary('Police arrested a suspected bomb maker in Minsk.'), 'arrest');
});

test('handing over a town without a fight is a withdrawal', () => {
  assert.equal(primary('The militia handed control of Kidal to the army on Monday.'), 'withdrawal');
});

test('police fighting a crowd is a riot, riot police are not one, soldiers fighting rebels are a clash', () => {
  assert.equal(primary('Police clashed with protesters in Lima on Saturday.'), 'riot');
  assert.equal(primary('Riot police fired tear gas at demonstrators in Lima.'), 'protest');
  assert.equal(primary('Soldiers clashed with rebels near Lima.'), 'clash');
});

test('threatening a named coercive act is a threat even from a speaker the actor lexicon does not know', () => {
  assert.equal(primary('The minister threatened sanctions against the neighbouring state.'), 'threat');
  assert.deepEqual(types('Rising prices threaten the livelihoods of farmers.'), []);
});

test('freeing ground or driving the enemy out of a place is a capture; driving out of town is not', () => {
  assert.equal(
    primary('Government troops freed several villages from the insurgents near Palmyra.'),
    'territory_capture',
  );
  assert.equal(primary('The army drove the militants out of Palmyra on Monday.'), 'territory_capture');
  assert.deepEqual(types('He drove out of Palmyra on Monday.'), []);
});

test('property as the subject of looting or burning is destruction; a prisoner exchange is an agreement', () => {
  assert.equal(primary('Dozens of shops were looted and set on fire in Kano.'), 'destruction');
  assert.equal(primary('The two sides carried out an exchange of prisoners near Donetsk.'), 'agreement');
});

test('a crowd blocking roads is protesting, an army blocking roads is not; strengthening forces is a deployment', () => {
  assert.equal(
    primary('Demonstrators in Quito blocked a road to show their anger at fuel prices.'),
    'protest',
  );
  assert.ok(!types('The army blocked roads leading to the capital Quito.').includes('protest'));
  assert.equal(primary('Ecuador has strengthened its forces along the border with Peru.'), 'deployment');
  assert.equal(primary('A lawmaker started a hunger strike in Quito to protest the new law.'), 'protest');
});
