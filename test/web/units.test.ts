// The web UI's pure modules, in node: sentence highlighting, URL state, event days and the brush,
// timeline buckets, holder colours, link safety.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredEvent } from '../../src/types.ts';
import { holderColor } from '../../web/src/colors.ts';
import { safeUrl } from '../../web/src/dom.ts';
import { eventDay, eventFeatures, eventSpan, inBrush, matchesFilters } from '../../web/src/events.ts';
import { highlightSegments } from '../../web/src/highlight.ts';
import { EMPTY_STATE, eventsQuery, parseState, stateToSearch } from '../../web/src/state.ts';
import { bucketEvents } from '../../web/src/timeline.ts';

function event(over: Partial<StoredEvent> & { id: string }): StoredEvent {
  const base: StoredEvent = {
    id: over.id,
    type: 'clash',
    actor1: { name: 'Northern Front', id: 'northern-front', kind: 'rebel', country: null },
    actor2: null,
    location: { name: 'Town', lat: 10, lon: 20, admin1: null, country: 'XX', precision: 1, geonameId: null },
    date: { value: '2025-01-10', end: null, precision: 'day', text: 'Friday' },
    modality: 'asserted',
    source: { text: null, kind: 'reporter', name: null },
    fatalities: null,
    acled: { event_type: 'Battles', sub_event_type: 'Armed clash' },
    plover: { event_type: 'ASSAULT', mode: null },
    evidence: { sentence: 'Fighting broke out in Town.', start: 0, end: 27, spans: [] },
    confidence: 0.8,
    article: 'a1',
    reports: [],
    disputed: false,
  };
  return { ...base, ...over };
}

test('highlight: spans (article offsets) become segments of the sentence', () => {
  // The sentence starts at offset 100 of its article.
  const sentence = 'Rebels seized the town of Alpha on Friday.';
  const segments = highlightSegments({
    sentence,
    start: 100,
    end: 100 + sentence.length,
    spans: [
      { role: 'actor1', start: 100, end: 106, text: 'Rebels' },
      { role: 'trigger', start: 107, end: 113, text: 'seized' },
      { role: 'place', start: 126, end: 131, text: 'Alpha' },
      { role: 'date', start: 132, end: 141, text: 'on Friday' },
    ],
  });
  assert.equal(segments.map((s) => s.text).join(''), sentence);
  assert.deepEqual(
    segments.filter((s) => s.roles.length).map((s) => [s.text, s.roles[0]]),
    [
      ['Rebels', 'actor1'],
      ['seized', 'trigger'],
      ['Alpha', 'place'],
      ['on Friday', 'date'],
    ],
  );
});

test('highlight: overlapping spans keep every role; spans outside the sentence are clipped', () => {
  const sentence = 'Army of the North shelled it.';
  const segments = highlightSegments({
    sentence,
    start: 0,
    end: sentence.length,
    spans: [
      { role: 'actor1', start: 0, end: 17, text: 'Army of the North' },
      { role: 'place', start: 12, end: 17, text: 'North' },
      { role: 'trigger', start: 18, end: 25, text: 'shelled' },
      { role: 'date', start: 500, end: 510, text: 'elsewhere' },
    ],
  });
  assert.equal(segments.map((s) => s.text).join(''), sentence);
  const north = segments.find((s) => s.text === 'North')!;
  assert.deepEqual(north.roles, ['actor1', 'place']);
  assert.ok(!segments.some((s) => s.roles.includes('date')));
});

test('state: a query string round-trips, and junk is dropped rather than trusted', () => {
  const state = {
    ...EMPTY_STATE,
    from: '2025-01-01',
    to: '2025-01-31',
    types: ['clash' as const, 'air_strike' as const],
    modalities: ['claimed' as const],
    sourceKinds: ['witness' as const],
    actor: 'northern-front',
    q: 'bridge',
    event: 'e1',
    control: true,
    camera: [36.5, 35.1, 7.25] as [number, number, number],
  };
  assert.deepEqual(parseState(stateToSearch(state)), state);
  const junk = parseState('?from=not-a-date&type=clash,javascript:alert(1)&at=999,0,3&control=yes&modality=');
  assert.equal(junk.from, null);
  assert.deepEqual(junk.types, ['clash']);
  assert.equal(junk.camera, null);
  assert.equal(junk.control, false);
  assert.deepEqual(junk.modalities, []);
  // A reversed range is put right.
  const reversed = parseState('?from=2025-02-01&to=2025-01-01');
  assert.deepEqual([reversed.from, reversed.to], ['2025-01-01', '2025-02-01']);
});

test('state: the events query carries the server-side filters, not the brush', () => {
  const q = new URLSearchParams(
    eventsQuery({ ...EMPTY_STATE, from: '2025-01-01', types: ['clash'], actor: 'x' }, 500, 'c1'),
  );
  assert.equal(q.get('type'), 'clash');
  assert.equal(q.get('actor'), 'x');
  assert.equal(q.get('cursor'), 'c1');
  assert.equal(q.get('from'), null);
});

test('event days: day, week, month and year precision', () => {
  assert.deepEqual(eventSpan(event({ id: 'd' })), { start: '2025-01-10', end: '2025-01-10' });
  const week = event({
    id: 'w',
    date: { value: '2025-01-06', end: null, precision: 'week', text: 'last week' },
  });
  assert.deepEqual(eventSpan(week), { start: '2025-01-06', end: '2025-01-12' });
  const month = event({
    id: 'm',
    date: { value: '2024-02', end: null, precision: 'month', text: 'in February' },
  });
  assert.deepEqual(eventSpan(month), { start: '2024-02-01', end: '2024-02-29' });
  assert.equal(eventDay(month), null, 'a month-dated event is not drawn as a spike on the 1st');
  const year = event({ id: 'y', date: { value: '2011', end: null, precision: 'year', text: 'in 2011' } });
  assert.deepEqual(eventSpan(year), { start: '2011-01-01', end: '2011-12-31' });
  const undated = event({
    id: 'u',
    date: { value: null, end: null, precision: null, text: null },
    reports: [
      {
        article: 'a1',
        event: 'u',
        sentence: '',
        start: 0,
        end: 0,
        source: { text: null, kind: 'reporter', name: null },
        modality: 'asserted',
        dateText: null,
        articleDate: '2025-03-03',
      },
    ],
  });
  assert.equal(eventDay(undated), '2025-03-03');
});

test('brush: an event is in when the days it may have happened on overlap the range', () => {
  const month = event({ id: 'm', date: { value: '2025-01', end: null, precision: 'month', text: null } });
  assert.equal(inBrush(month, { from: '2025-01-20', to: '2025-02-05' }), true);
  assert.equal(inBrush(month, { from: '2025-02-01', to: '2025-02-05' }), false);
  assert.equal(inBrush(event({ id: 'd' }), { from: '2025-01-10', to: '2025-01-10' }), true);
  assert.equal(inBrush(event({ id: 'd' }), { from: null, to: null }), true);
});

test('map features: only located events in the brush', () => {
  const located = event({ id: 'a' });
  const nowhere = event({ id: 'b', location: null });
  const later = event({ id: 'c', date: { value: '2025-05-01', end: null, precision: 'day', text: null } });
  const fc = eventFeatures([located, nowhere, later], { from: '2025-01-01', to: '2025-01-31' });
  assert.deepEqual(
    fc.features.map((f) => f.properties.id),
    ['a'],
  );
  assert.deepEqual(fc.features[0].geometry.coordinates, [20, 10]);
});

test('live filter: a pushed event is checked against the page filters', () => {
  const e = event({ id: 'a' });
  assert.equal(matchesFilters(e, EMPTY_STATE), true);
  assert.equal(matchesFilters(e, { ...EMPTY_STATE, types: ['air_strike'] }), false);
  assert.equal(matchesFilters(e, { ...EMPTY_STATE, actor: 'northern' }), true);
  assert.equal(matchesFilters(e, { ...EMPTY_STATE, q: 'broke out' }), true);
  assert.equal(matchesFilters(e, { ...EMPTY_STATE, q: 'ceasefire' }), false);
});

test('timeline buckets: whole days, at least 4 px a bar, counts per type', () => {
  const events = [
    event({ id: '1' }),
    event({ id: '2', type: 'air_strike' }),
    event({ id: '3', date: { value: '2025-01-12', end: null, precision: 'day', text: null } }),
  ];
  const b = bucketEvents(events, 800)!;
  assert.equal(b.size, 1);
  const total = b.totals.reduce((x, y) => x + y, 0);
  assert.equal(total, 3);
  const i = b.counts.findIndex((c) => c.air_strike === 1);
  assert.equal(b.counts[i].clash, 1);
  // Two years of days on 200 px: buckets of several days.
  const wide = bucketEvents(
    [
      event({ id: 'a' }),
      event({ id: 'b', date: { value: '2027-01-10', end: null, precision: 'day', text: null } }),
    ],
    200,
  )!;
  assert.ok(wide.size > 1, 'days are grouped');
  assert.ok(200 / wide.counts.length >= 3.9, `bars of ${200 / wide.counts.length} px`);
  assert.equal(bucketEvents([], 500), null);
});

test('holder colours are stable per holder', () => {
  assert.equal(holderColor('northern-front'), holderColor('northern-front'));
  assert.match(holderColor('x'), /^#[0-9a-f]{6}$/);
  assert.equal(holderColor(null), '#555555');
});

test('only http(s) links are made clickable', () => {
  assert.equal(safeUrl('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('data:text/html,<script>1</script>'), null);
  assert.equal(safeUrl('not a url'), null);
  assert.equal(safeUrl(null), null);
});
