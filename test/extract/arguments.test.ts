import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';

const article = (text: string) => ({ id: 'test', date: '2024-03-05', text });

test('an owner pronoun heading the subject refers to the speaker who claims the act', () => {
  const events = extract(
    article('The Kenyan military said on Monday its men had captured the port of Kismayo from al Shabaab.'),
  );
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.ok(capture, 'a capture is found');
  assert.match(capture.actor1?.name ?? '', /Ken/);
  assert.equal(capture.modality, 'claimed');
});

test('the object of a verb is not the actor of an air strike told in a prepositional phrase', () => {
  const events = extract(
    article(
      'The Nigerian air force said its jets had killed 20 Boko Haram fighters in air strikes near Bama.',
    ),
  );
  const strike = events.find((e) => e.type === 'air_strike');
  assert.ok(strike, 'an air strike is found');
  assert.match(strike.actor1?.name ?? '', /Niger/);
  assert.doesNotMatch(strike.actor2?.name ?? '', /Niger/);
});

test('a place inside a group name is not the scene', () => {
  const events = extract(
    article('Security forces killed five Islamic State West Africa Province fighters in Monguno on Sunday.'),
  );
  assert.ok(events.length > 0);
  for (const e of events) assert.notEqual(e.location?.name, 'West Africa');
});

test('a town fronting the sentence is the scene, also for the next sentence that names none', () => {
  const events = extract(
    article(
      'In Nairobi, students angry at the fall of Kismayo stormed the ministry on Monday. Police said 30 people were arrested.',
    ),
  );
  const storming = events.find((e) => e.evidence.sentence.includes('stormed'));
  assert.equal(storming?.location?.name, 'Nairobi');
  const arrest = events.find((e) => e.type === 'arrest');
  assert.equal(arrest?.location?.name, 'Nairobi');
});

test('a definite description of an unnamed armed group refers to the group named before', () => {
  const events = extract(
    article(
      'Boko Haram fighters raided a market near Bama on Sunday. The jihadist group said in a statement that its fighters had captured the town of Gwoza.',
    ),
  );
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.ok(capture, 'a capture is found');
  assert.match(capture.actor1?.name ?? '', /Boko Haram|Jama/);
  assert.equal(capture.modality, 'claimed');
});

test('people fleeing in a second clause are not the bombers of the first, and leave from the bombed town', () => {
  const events = extract(
    article(
      'Witnesses said Pakistani warplanes bombed several districts of Kandahar on Sunday, and thousands of people fled towards Quetta and Chaman.',
    ),
  );
  const strike = events.find((e) => e.type === 'air_strike');
  assert.match(strike?.actor1?.name ?? '', /Pakistan/);
  const flight = events.find((e) => e.type === 'displacement');
  assert.ok(flight, 'a displacement is found');
  assert.match(flight.location?.name ?? '', /^Kandah/);
  assert.doesNotMatch(flight.actor1?.name ?? '', /Pakistan/);
});

test('forces owned by "its" belong to the actor named before them, not to the country of the scene', () => {
  const events = extract(
    article("Ethiopia's defence ministry said its troops had captured the town of Baidoa in Somalia."),
  );
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.equal(capture?.actor1?.country, 'ET');
  assert.equal(capture?.modality, 'claimed');
});

test('a capital acting as its government is not the scene', () => {
  const events = extract(
    article('Moscow opened a new front on Friday with a ground assault near Vovchansk.'),
  );
  for (const e of events) assert.notEqual(e.location?.name, 'Moscow');
  const group = extract(article('Fighters of Hayat Tahrir al-Sham attacked army posts on Friday.'));
  for (const e of group) assert.notEqual(e.location?.name, 'Damascus');
});

test('what a speaker announces, the speaker does', () => {
  const events = extract(
    article('The Ethiopian government announced a ceasefire in the Amhara region on Tuesday.'),
  );
  const truce = events.find((e) => e.type === 'agreement');
  assert.equal(truce?.actor1?.country, 'ET');
});

test('a country named as a place is not the owner of "its fighters"', () => {
  const events = extract(
    article('An armed group in northern Mali said on Monday its fighters had captured the town of Kidal.'),
  );
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.ok(capture, 'a capture is found');
  assert.notEqual(capture.actor1?.id, 'mali');
});

test('in a clash the only side named is a side, an ally fought alongside is not', () => {
  const sides = extract(article('Twelve people died in clashes with al Shabaab near Kismayo on Monday.'));
  assert.match(sides.find((e) => e.type === 'clash')?.actor1?.name ?? '', /Shabaab/);
  const ally = extract(article('Kenya denied that its army was fighting alongside al Shabaab near Kismayo.'));
  assert.doesNotMatch(ally.find((e) => e.type === 'clash')?.actor1?.name ?? '', /Shabaab/);
});

test('what was hit by a strike is its target, not its author, also in the clause that follows', () => {
  const events = extract(
    article('A Kenyan army convoy was hit by an air strike near Kismayo on Monday, killing three soldiers.'),
  );
  assert.ok(events.length > 0);
  for (const e of events) assert.notEqual(e.actor1?.country, 'KE', `${e.type} is not by Kenya`);
});

test('"it" in a speaker\'s report is the speaker, and a country the sentence is set in places the event', () => {
  const events = extract(
    article(
      'The Ethiopian army said its convoys crossed into southern Somalia on Monday, and that it had destroyed several bases.',
    ),
  );
  const destruction = events.find((e) => e.type === 'destruction');
  assert.ok(destruction, 'the destruction is found');
  assert.equal(destruction.actor1?.country, 'ET');
  assert.equal(destruction.location?.country, 'SO');
});

test('a denial with its own event denies that event, not the sentence before', () => {
  const events = extract(
    article(
      'Police in Goma said 30 people were arrested. Rwanda denied that its army was fighting in Goma alongside the rebels.',
    ),
  );
  assert.ok(!events.some((e) => e.type === 'arrest' && e.modality === 'denied'));
  assert.equal(events.find((e) => e.type === 'clash')?.modality, 'denied');
});

test('"its fighters" belong to the speaker, not to an actor named in the speaker\'s description', () => {
  const events = extract(
    article(
      'Al Shabaab, which has fought the Somali army for years, said its fighters had captured the town of Baidoa.',
    ),
  );
  const capture = events.find((e) => e.type === 'territory_capture');
  assert.match(capture?.actor1?.name ?? '', /Shabaab/);
  assert.equal(capture?.modality, 'claimed');
});

test('the actor right before a verb is its subject, unless it sits in a phrase', () => {
  const events = extract(
    article('Police shot dead two protesters in Nairobi and demonstrators stormed parliament on Tuesday.'),
  );
  const storming = events.find((e) =>
    e.evidence.spans.some((s) => s.role === 'trigger' && s.text === 'stormed'),
  );
  assert.match(storming?.actor1?.name ?? '', /Protest|Rioter/);
  const strike = extract(
    article('A drone strike on a camp in northern Lebanon killed a commander on Saturday.'),
  );
  for (const e of strike) assert.notEqual(e.actor1?.id, 'lebanon');
});

test('", a day after" moves the event a day before the main clause, and parliament stands in the capital', () => {
  const events = extract(
    article("Kenya's president said he would resign, a day after protesters stormed parliament."),
  );
  const storming = events.find((e) => e.type === 'riot');
  assert.equal(storming?.date.value, '2024-03-04');
  assert.equal(storming?.location?.name, 'Nairobi');
});

test('"there" is the town named before in the sentence', () => {
  const events = extract(
    article(
      'Clashes erupted in Baidoa on Sunday. Al Shabaab said it had pushed back a force that tried to advance into the coastal village of Kismayo and denied that troops had taken control of the hilltop there.',
    ),
  );
  const capture = events.find((e) => e.type === 'territory_capture' && e.modality === 'denied');
  assert.equal(capture?.location?.name, 'Kismayo');
});

test('an "army air strike" is by the forces of the country where it happened', () => {
  const events = extract(
    article('Activists said an army air strike on a market in Kismayo killed 20 people.'),
  );
  const strike = events.find((e) => e.type === 'air_strike');
  assert.equal(strike?.actor1?.country, 'SO');
  assert.equal(strike?.actor1?.kind, 'state_forces');
});
