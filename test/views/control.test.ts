// Control rules day by day on hand-built event histories (SPEC "Derived views / Control").
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clusterMembers, components, type Member, reconcile } from '../../src/merge/cross-report.ts';
import { openStore } from '../../src/store/index.ts';
import type { EventRecord } from '../../src/types.ts';
import { type ControlFact, controlAt, controlFacts } from '../../src/views/control.ts';
import { article, type RecordSpec, record } from '../store/records.ts';

/** Merges records as the store does and returns the control facts of every merged event. */
function factsOf(records: EventRecord[]): ControlFact[] {
  const members: Member[] = records.map((r) => ({ record: r, articleDate: r.date.value }));
  return components(members).flatMap((component) =>
    clusterMembers(component).flatMap((cluster) => controlFacts(reconcile(cluster), cluster)),
  );
}

const ev = (spec: Partial<RecordSpec> & Pick<RecordSpec, 'type' | 'date'>, n: number): EventRecord =>
  record({ article: `h${n}`, place: 'hama', ...spec });

/** One line per day: "holder/status" for the place, or "-" when nothing is known yet. */
function timeline(facts: ControlFact[], days: string[], place = 'Hama'): string[] {
  return days.map((day) => {
    const rec = controlAt(facts, day).find((r) => r.place.name === place);
    return rec ? `${rec.holder?.id ?? 'none'}/${rec.status}` : '-';
  });
}

const DAYS = [
  '2024-12-01',
  '2024-12-02',
  '2024-12-03',
  '2024-12-04',
  '2024-12-05',
  '2024-12-06',
  '2024-12-07',
];

describe('control', () => {
  test('an asserted capture gives held from its day; a later capture by another side wins', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'territory_capture', actor1: 'hts', actor2: 'army', date: '2024-12-05' }, 2),
    ]);
    assert.deepEqual(timeline(facts, ['2024-11-30', ...DAYS]), [
      '-',
      'syrian-army/held',
      'syrian-army/held',
      'syrian-army/held',
      'syrian-army/held',
      'hts/held',
      'hts/held',
      'hts/held',
    ]);
    const rec = controlAt(facts, '2024-12-06')[0];
    assert.equal(rec.since, '2024-12-05');
    assert.deepEqual(rec.place, { name: 'Hama', lat: 35.1318, lon: 36.7578, geonameId: 170017 });
    assert.equal(rec.holder?.name, 'Hayat Tahrir al-Sham');
    assert.equal(rec.events.length, 1);
  });

  test('a claimed capture gives claimed; a later assertion by the same side makes it held, since unchanged', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'territory_capture', actor1: 'hts', date: '2024-12-02', modality: 'claimed' }, 2),
      ev(
        { type: 'territory_capture', actor1: 'hts', date: '2024-12-06', source: { kind: 'organization' } },
        3,
      ),
    ]);
    assert.deepEqual(timeline(facts, DAYS), [
      'syrian-army/held',
      'hts/claimed',
      'hts/claimed',
      'hts/claimed',
      'hts/claimed',
      'hts/held',
      'hts/held',
    ]);
    assert.equal(controlAt(facts, '2024-12-07')[0].since, '2024-12-02');
  });

  test('a denied withdrawal moves nothing; an asserted withdrawal clears the withdrawing holder', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'withdrawal', actor1: 'army', date: '2024-12-03', modality: 'denied' }, 2),
      ev({ type: 'withdrawal', actor1: 'army', date: '2024-12-06', place: 'hamaOutskirts' }, 3),
    ]);
    // the withdrawal near Hama is a report of leaving Hama's area: it is placed at the village it names
    const hama = timeline(facts, DAYS);
    assert.deepEqual(hama.slice(0, 5), Array(5).fill('syrian-army/held'));
    const own = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'withdrawal', actor1: 'army', date: '2024-12-03', modality: 'denied' }, 2),
      ev({ type: 'withdrawal', actor1: 'army', date: '2024-12-06', source: { kind: 'reporter' } }, 3),
    ]);
    assert.deepEqual(timeline(own, DAYS), [
      'syrian-army/held',
      'syrian-army/held',
      'syrian-army/held',
      'syrian-army/held',
      'syrian-army/held',
      'none/held',
      'none/held',
    ]);
  });

  test('a capture and a later withdrawal merged into one event still apply on their own days', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'withdrawal', actor1: 'army', date: '2024-12-03' }, 2),
    ]);
    assert.deepEqual(timeline(facts, DAYS.slice(0, 4)), [
      'syrian-army/held',
      'syrian-army/held',
      'none/held',
      'none/held',
    ]);
  });

  test('a withdrawal that names who takes over hands the place to them; someone else’s withdrawal is ignored', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'withdrawal', actor1: 'sdf', date: '2024-12-02' }, 2),
      ev({ type: 'withdrawal', actor1: 'army', actor2: 'hts', date: '2024-12-06' }, 3),
    ]);
    assert.deepEqual(timeline(facts, ['2024-12-02', '2024-12-06']), ['syrian-army/held', 'hts/held']);
  });

  test('two opposing claims on the same day give contested; a later assertion settles it', () => {
    const facts = factsOf([
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-03', modality: 'claimed' }, 1),
      ev({ type: 'territory_capture', actor1: 'hts', date: '2024-12-03', modality: 'claimed' }, 2),
      ev({ type: 'territory_capture', actor1: 'hts', date: '2024-12-07' }, 3),
    ]);
    assert.deepEqual(timeline(facts, ['2024-12-02', '2024-12-03', '2024-12-06', '2024-12-07']), [
      '-',
      'none/contested',
      'none/contested',
      'hts/held',
    ]);
    assert.equal(controlAt(facts, '2024-12-04')[0].events.length, 2);
  });

  test('a claimed capture the other side denies is contested; an undenied claim stays claimed', () => {
    const facts = factsOf([
      ev(
        {
          type: 'territory_capture',
          actor1: 'hts',
          date: '2024-12-05',
          modality: 'claimed',
          source: { kind: 'party_to_conflict', name: 'HTS' },
        },
        1,
      ),
      ev(
        {
          type: 'territory_capture',
          actor1: 'hts',
          date: '2024-12-05',
          modality: 'denied',
          source: { kind: 'official', name: 'Army command' },
        },
        2,
      ),
      record({
        article: 'h3',
        type: 'territory_capture',
        actor1: 'sdf',
        place: 'deir',
        date: '2024-12-05',
        modality: 'claimed',
        source: { kind: 'party_to_conflict', name: 'SDF' },
      }),
    ]);
    assert.deepEqual(timeline(facts, ['2024-12-05', '2024-12-06']), ['none/contested', 'none/contested']);
    assert.deepEqual(timeline(facts, ['2024-12-06'], 'Deir ez-Zor'), ['sdf/claimed']);
  });

  test('a report naming no captor, merged into a claimed capture, confirms it', () => {
    const facts = factsOf([
      ev(
        {
          type: 'territory_capture',
          actor1: 'hts',
          date: '2024-12-05',
          modality: 'claimed',
          source: { kind: 'party_to_conflict' },
        },
        1,
      ),
      ev(
        {
          type: 'territory_capture',
          actor1: null,
          date: '2024-12-05',
          source: { kind: 'witness', text: 'residents' },
        },
        2,
      ),
    ]);
    assert.deepEqual(timeline(facts, ['2024-12-05']), ['hts/held']);
  });

  test('the store gives the same control as the pure replay, filtered by place', async () => {
    const history = [
      ev({ type: 'territory_capture', actor1: 'army', date: '2024-12-01' }, 1),
      ev({ type: 'territory_capture', actor1: 'hts', date: '2024-12-04', modality: 'claimed' }, 2),
      record({ article: 'h9', type: 'territory_capture', actor1: 'sdf', place: 'deir', date: '2024-12-05' }),
    ];
    const store = await openStore('memory://');
    try {
      for (const r of history) await store.ingest(article(r.article, r.date.value!, [r], r.article), [r]);
      const all = await store.control('2024-12-06');
      assert.deepEqual(all, controlAt(factsOf(history), '2024-12-06'));
      assert.deepEqual(
        all.map((r) => [r.place.name, r.holder?.id, r.status]),
        [
          ['Deir ez-Zor', 'sdf', 'held'],
          ['Hama', 'hts', 'claimed'],
        ],
      );
      // a later ingest is seen by the next query (the in-memory timelines are reloaded)
      const retaken = record({
        article: 'h10',
        type: 'territory_capture',
        actor1: 'army',
        place: 'hama',
        date: '2024-12-06',
      });
      await store.ingest(article('h10', '2024-12-06', [retaken], 'h10'), [retaken]);
      assert.deepEqual(
        (await store.control('2024-12-06')).map((r) => [r.place.name, r.holder?.id, r.status]),
        [
          ['Deir ez-Zor', 'sdf', 'held'],
          ['Hama', 'syrian-army', 'held'],
        ],
      );
      const one = await store.control('2024-12-03', { place: 'hama' });
      assert.deepEqual(
        one.map((r) => [r.holder?.id, r.status]),
        [['syrian-army', 'held']],
      );
    } finally {
      await store.close();
    }
  });
});
