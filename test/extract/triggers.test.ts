import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';

const article = (text: string) => ({ id: 'test', date: '2024-03-05', text });
const types = (text: string) => extract(article(text)).map((e) => e.type);

test('drones sent against a country are an air strike, weapons sent to it are aid', () => {
  assert.deepEqual(types('Iran sent 80 drones against Israel overnight, the Israeli army said.'), [
    'air_strike',
  ]);
  assert.ok(
    types('Germany will send 40 drones to Ukraine next month, the ministry said.').includes('military_aid'),
  );
  assert.ok(!types('Germany will send 40 drones to Ukraine next month.').includes('air_strike'));
});

test('a place that has fallen was captured; prices that fell were not', () => {
  const events = extract(
    article('The army denied that Kismayo had fallen, saying its troops still held the port.'),
  );
  const fall = events.find((e) => e.type === 'territory_capture');
  assert.equal(fall?.modality, 'denied');
  assert.equal(fall?.location?.name, 'Kismayo');
  assert.ok(!types('Food prices in Kismayo have fallen sharply since March.').includes('territory_capture'));
  assert.ok(!types('Rain fell on Kismayo for a week.').includes('territory_capture'));
});

test('a vow to act is a threat, a vow to help is not', () => {
  assert.ok(types('The rebel leader vowed to march on Goma within days.').includes('threat'));
  assert.ok(!types('The president vowed to support farmers hit by the drought in Goma.').includes('threat'));
});

test('governments that reach an understanding make an agreement', () => {
  assert.ok(
    types('Kenya and Somalia have reached an understanding on border security, officials said.').includes(
      'agreement',
    ),
  );
});

test('"targets" after a preposition and a name is a noun, not a verb', () => {
  const events = extract(
    article('The French army said its jets carried out three strikes on Sunday against Wagner targets.'),
  );
  assert.equal(events.filter((e) => e.actor1?.name.includes('Wagner')).length, 0);
});

test('with no place named, a strike on a foreign target happens in the target country', () => {
  const events = extract(article('Iran sent 80 drones against Israel overnight, the Israeli army said.'));
  assert.equal(events[0]?.location?.country, 'IL');
});

test('a passive killing that is the only event of its sentence is an attack; one with a named cause is not', () => {
  const alone = extract(
    article('A senior police commander was killed outside his home in Kandahar on Monday, officials said.'),
  );
  assert.ok(alone.some((e) => e.type === 'attack'));
  const caused = extract(article('The ministry said 12 people were killed in the floods near Kandahar.'));
  assert.ok(!caused.some((e) => e.type === 'attack'));
});

test('setting property ablaze or on fire is destruction, in the active and the passive', () => {
  assert.ok(types('Militants set a police station ablaze in Kandahar on Monday.').includes('destruction'));
  assert.ok(
    types('A fuel depot near Kandahar was set on fire overnight, officials said.').includes('destruction'),
  );
  assert.ok(!types('The court set a date for the trial in Kandahar.').includes('destruction'));
});

test('a navy that will send a frigate deploys it', () => {
  const e = extract(
    article('Italy will send a frigate to the Red Sea next week, the defence ministry said.'),
  );
  assert.equal(e.find((x) => x.type === 'deployment')?.modality, 'planned');
});

test('a crossing that remains closed is a border closure', () => {
  assert.ok(
    types('The Torkham crossing remained closed on Tuesday after clashes, traders said.').includes(
      'border_closure',
    ),
  );
  assert.ok(!types('The Kabul market remained closed on Tuesday.').includes('border_closure'));
});

test('what is fired at a target decides the type: drones strike from the air, rockets shell, RPGs attack', () => {
  assert.ok(
    types('The rebels said they fired a salvo of rockets at an army base near Goma.').includes('shelling'),
  );
  assert.ok(types('Gunmen fired rocket-propelled grenades at a police post in Goma.').includes('attack'));
  assert.ok(types('Rwanda launched drones at rebel positions near Goma on Sunday.').includes('air_strike'));
  assert.ok(!types('The army fired a warning shot into the air near Goma.').includes('shelling'));
});

test('"combat troops" is no combat, and a threat needs someone who threatens', () => {
  assert.ok(
    !types('The prime minister said foreign combat troops would leave Iraq by next year.').includes('clash'),
  );
  assert.ok(!types('The advance threatens to encircle an army post at Kidal.').includes('threat'));
  assert.ok(types('Al Shabaab threatened to attack the Kenyan town of Mandera.').includes('threat'));
});
