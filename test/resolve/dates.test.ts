import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDates } from '../../src/resolve/dates.ts';

// 2024-03-15 is a Friday.
const ANCHOR = '2024-03-15';
const one = (s: string, anchor = ANCHOR) => {
  const found = findDates(s, anchor);
  assert.equal(found.length, 1, `${s}: ${JSON.stringify(found)}`);
  const [d] = found;
  assert.equal(s.slice(d.start, d.end), d.text);
  return [d.text, d.value, d.endValue, d.precision];
};

test('weekdays lean back to the last such day on or before the anchor', () => {
  assert.deepEqual(one('The convoy was hit on Friday.'), ['Friday', '2024-03-15', null, 'day']);
  assert.deepEqual(one('Gunmen struck on Tuesday.'), ['Tuesday', '2024-03-12', null, 'day']);
  assert.deepEqual(one('Shelling began Saturday night.'), ['Saturday night', '2024-03-09', null, 'day']);
  assert.deepEqual(one('It happened last Friday.'), ['last Friday', '2024-03-08', null, 'day']);
  assert.deepEqual(one('Talks resume next Monday.'), ['next Monday', '2024-03-18', null, 'day']);
});

test('relative days', () => {
  assert.deepEqual(one('Drones attacked overnight.'), ['overnight', '2024-03-14', '2024-03-15', 'day']);
  assert.deepEqual(one('A car bomb exploded last night.'), ['last night', '2024-03-14', '2024-03-15', 'day']);
  assert.deepEqual(one('Police said yesterday.'), ['yesterday', '2024-03-14', null, 'day']);
  assert.deepEqual(one('The crossing reopened this morning.'), ['this morning', '2024-03-15', null, 'day']);
  assert.deepEqual(one('Troops left two days ago.'), ['two days ago', '2024-03-13', null, 'day']);
});

test('month and day without a year: the last such date not after the anchor', () => {
  assert.deepEqual(one('The siege began on Feb. 24.'), ['Feb. 24', '2024-02-24', null, 'day']);
  assert.deepEqual(one('Fighting started on 2 March.'), ['2 March', '2024-03-02', null, 'day']);
  assert.deepEqual(one('The dam broke on Dec. 30.'), ['Dec. 30', '2023-12-30', null, 'day']);
  assert.deepEqual(one('Elections were held on June 4, 2019.'), ['June 4, 2019', '2019-06-04', null, 'day']);
  assert.deepEqual(one('It fell on Sunday, March 10.'), ['Sunday, March 10', '2024-03-10', null, 'day']);
});

test('weeks, months and years', () => {
  assert.deepEqual(one('Raids rose last week.'), ['last week', '2024-03-04', '2024-03-10', 'week']);
  assert.deepEqual(one('Raids rose this week.'), ['this week', '2024-03-11', '2024-03-17', 'week']);
  assert.deepEqual(one('Raids rose last month.'), ['last month', '2024-02', null, 'month']);
  assert.deepEqual(one('It was agreed earlier this month.'), [
    'earlier this month',
    '2024-03',
    '2024-03-15',
    'month',
  ]);
  assert.deepEqual(one('Attacks doubled this year.'), ['this year', '2024', null, 'year']);
  assert.deepEqual(one('The town was taken in 2016.'), ['in 2016', '2016', null, 'year']);
  assert.deepEqual(one('A truce was signed in October 2021.'), ['October 2021', '2021-10', null, 'month']);
  assert.deepEqual(one('The war began 13 years ago.'), ['13 years ago', '2011', null, 'year']);
  assert.deepEqual(one('The group has held it since 2011.'), ['since 2011', '2011', '2024-03-15', 'year']);
  assert.deepEqual(one('Aid stopped in January.'), ['in January', '2024-01', null, 'month']);
  assert.deepEqual(one('Aid stopped in November.'), ['in November', '2023-11', null, 'month']);
});

test('ranges', () => {
  assert.deepEqual(one('Clashes lasted from Feb. 27 to March 2.'), [
    'Feb. 27 to March 2',
    '2024-02-27',
    '2024-03-02',
    'day',
  ]);
});

test('not dates: counts, roads, distances, times alone, now', () => {
  for (const s of [
    'Rebels are now in control and currently hold the road.',
    'The M4 highway, 40 km away, was cut.',
    'They killed 2015 sheep.',
    'The strike came at 3 p.m.',
    'They may march on the town.',
    'The Marines landed.',
  ])
    assert.deepEqual(findDates(s, ANCHOR), [], s);
});

test('offset is added and an invalid anchor gives nothing', () => {
  const [d] = findDates('on Friday', ANCHOR, 100);
  assert.equal(d.start, 103);
  assert.deepEqual(findDates('on Friday', '2024-13-45'), []);
});

test('recent spans end on the report day', () => {
  assert.deepEqual(one('Nine died in the past 24 hours.'), [
    'in the past 24 hours',
    '2024-03-14',
    '2024-03-15',
    'day',
  ]);
  assert.deepEqual(one('Raids grew in recent days.'), ['in recent days', '2024-03-09', '2024-03-15', 'week']);
  assert.deepEqual(one('Raids grew over the past two weeks.'), [
    'over the past two weeks',
    '2024-03',
    '2024-03-15',
    'month',
  ]);
});

test('spans of years', () => {
  assert.deepEqual(one('He led the unit 2011-2016.'), ['2011-2016', '2011', '2016-12-31', 'year']);
  assert.deepEqual(one('The 2014–15 offensive stalled.'), ['2014–15', '2014', '2015-12-31', 'year']);
  assert.deepEqual(findDates('Call 2024-12 now', ANCHOR).length, 0);
});
