import assert from 'node:assert/strict';
import { test } from 'node:test';
import vague from '../../data/fatality-vague.json' with { type: 'json' };
import { findFatalities } from '../../src/extract/fatalities.ts';

const f = (s: string) => findFatalities(s).map((m) => [m.text, m.value, m.min, m.max]);

test('exact counts before and after the killing phrase', () => {
  assert.deepEqual(f('Nine soldiers were killed at the checkpoint.'), [['Nine', 9, 9, 9]]);
  assert.deepEqual(f('4 dead after the blast.'), [['4', 4, 4, 4]]);
  assert.deepEqual(f('The drone strike killed 17.'), [['17', 17, 17, 17]]);
  assert.deepEqual(f('The toll rose to 2,340 on Monday.'), [['2,340', 2340, 2340, 2340]]);
  assert.deepEqual(f('Thirty-two miners lost their lives.'), [['Thirty-two', 32, 32, 32]]);
  assert.deepEqual(f('A policeman was shot dead.'), [['A', 1, 1, 1]]);
});

test('qualified counts and ranges', () => {
  assert.deepEqual(f('The raid killed at least 8 people.'), [['at least 8', 8, 8, null]]);
  assert.deepEqual(f('More than 60 civilians died.'), [['More than 60', 60, 60, null]]);
  assert.deepEqual(f('Up to 25 people may have been killed.'), [['Up to 25', null, null, 25]]);
  assert.deepEqual(f('Between 30 and 45 fighters were killed.'), [['Between 30 and 45', null, 30, 45]]);
  assert.deepEqual(f('Nearly 70 people were killed.'), [['Nearly 70', 70, null, 70]]);
});

test('number words and dozens', () => {
  assert.deepEqual(f('Gunmen killed a dozen herders.'), [['a dozen', 12, 12, 12]]);
  assert.deepEqual(f('Three dozen bodies were recovered.'), [['Three dozen', 36, 36, 36]]);
});

test('vague counts take the ACLED minimum from the data table', () => {
  assert.deepEqual(f('Several guards were killed.'), [['Several', null, vague.vague.several, null]]);
  assert.deepEqual(f('Dozens of people died in the floods of fire.'), [['Dozens of', null, 12, null]]);
  assert.deepEqual(f('The bombing killed hundreds.'), [['hundreds', null, 100, null]]);
  assert.equal(vague.vague.dozens, 12);
  assert.equal(vague.vague.hundreds, 100);
});

test('only the killed count, not the wounded', () => {
  assert.deepEqual(f('The attack, killing 6 and wounding 19, was condemned.'), [['6', 6, 6, 6]]);
  assert.deepEqual(f('Two were killed and 11 injured.'), [['Two', 2, 2, 2]]);
  assert.deepEqual(f('Fifteen people were wounded.'), []);
  assert.deepEqual(f('Police arrested 40 people.'), []);
  assert.deepEqual(f('About 3,000 were displaced.'), []);
});

test('not counts: distances, dates, subsets', () => {
  assert.deepEqual(f('A village 30 km away was hit and 5 people were killed.'), [['5', 5, 5, 5]]);
  assert.deepEqual(f('On Aug. 4 militants killed 3.'), [['3', 3, 3, 3]]);
  assert.deepEqual(f('Eleven people were killed, including four children.'), [['Eleven', 11, 11, 11]]);
});

test('offset is added', () => {
  const [m] = findFatalities('It killed 5.', 10);
  assert.equal(m.start, 20);
  assert.equal(m.end, 21);
});

test('"left" counts only with a death word after it', () => {
  assert.deepEqual(f('The blast left 5 people injured.'), []);
  assert.deepEqual(f('The blast left 5 people dead.'), [['5', 5, 5, 5]]);
});

test('a count of one written "a", and counts past a subset or a second verb', () => {
  assert.deepEqual(f('An army engineer was killed and two others were wounded.'), [['An', 1, 1, 1]]);
  assert.deepEqual(f('9 people in a market were killed.'), [['9', 9, 9, 9]]);
  assert.deepEqual(f('Four herders, including a boy, lost their lives.'), [['Four', 4, 4, 4]]);
  assert.deepEqual(f('Six guards were seized and shot dead.'), [['Six', 6, 6, 6]]);
  assert.deepEqual(f('The death toll has climbed to 73.'), [['73', 73, 73, 73]]);
});
