// Exports checked against their formats: the ACLED CSV parses back to 31 columns in ACLED's order with
// ACLED codes, GeoJSON follows RFC 7946 (FeatureCollection, [lon, lat], null geometry when unlocated),
// PLOVER records carry PLOVER's fields, JSONL round-trips.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeAll } from '../../src/merge/cross-report.ts';
import type { StoredEvent } from '../../src/types.ts';
import { csvRow, parseCsv } from '../../src/views/csv.ts';
import { disputedClaims } from '../../src/views/disputed.ts';
import { ACLED_COLUMNS, type ExportFormat, exporter } from '../../src/views/export/index.ts';
import { record } from '../store/records.ts';

const records = [
  record({
    article: 'x1',
    type: 'territory_capture',
    actor1: 'hts',
    actor2: 'army',
    place: 'hama',
    date: '2024-12-05',
    modality: 'claimed',
    source: { kind: 'party_to_conflict', name: 'HTS, "operations room"' },
    sentence: 'Rebels said, "we have liberated Hama", after a day of fighting,\nresidents reported.',
    fatalities: 12,
  }),
  record({
    article: 'x2',
    type: 'withdrawal',
    actor1: 'army',
    place: 'hama',
    date: '2024-12-05',
    modality: 'denied',
    source: { kind: 'official', name: 'Defence ministry' },
  }),
  record({ article: 'x3', type: 'protest', actor1: 'civilians', place: null, date: '2024-12-03' }),
  record({
    article: 'x4',
    type: 'air_strike',
    actor1: 'russia',
    actor2: 'civilians',
    place: 'aleppo',
    date: '2024-12-04',
  }),
  record({ article: 'x5', type: 'displacement', actor1: 'civilians', place: 'syria', date: '2024-12' }),
];
const events: StoredEvent[] = mergeAll(records.map((r) => ({ record: r, articleDate: '2024-12-06' })));

async function text(format: ExportFormat): Promise<string> {
  let out = '';
  for await (const chunk of exporter(format)(events)) out += chunk;
  return out;
}

describe('exports', () => {
  test('CSV writer and parser agree on quotes, commas and newlines', () => {
    const row = ['plain', 'a,b', 'say "hi"', 'two\nlines', '', '3'];
    assert.deepEqual(parseCsv(csvRow(row) + csvRow(['x'])), [row, ['x']]);
  });

  test('ACLED CSV: 31 columns in ACLED order, one row per event, codes from data', async () => {
    const rows = parseCsv(await text('acled-csv'));
    assert.deepEqual(rows[0], [...ACLED_COLUMNS]);
    assert.equal(rows[0].length, 31);
    assert.equal(rows.length, 1 + events.length);
    for (const row of rows) assert.equal(row.length, 31);
    const byType = new Map(
      rows.slice(1).map((r) => [r[6], Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, r[i]]))]),
    );
    const capture = byType.get('Non-state actor overtakes territory')!;
    assert.equal(capture.event_date, '2024-12-05');
    assert.equal(capture.year, '2024');
    assert.equal(capture.time_precision, '1');
    assert.equal(capture.disorder_type, 'Political violence');
    assert.equal(capture.event_type, 'Battles');
    assert.equal(capture.actor1, 'Hayat Tahrir al-Sham');
    assert.equal(capture.inter1, '2');
    assert.equal(capture.inter2, '1');
    assert.equal(capture.interaction, '12');
    assert.equal(capture.iso, '760');
    assert.equal(capture.region, 'Middle East');
    assert.equal(capture.country, 'Syria');
    assert.equal(capture.location, 'Hama');
    assert.equal(capture.latitude, '35.1318');
    assert.equal(capture.longitude, '36.7578');
    assert.equal(capture.geo_precision, '1');
    assert.equal(capture.fatalities, '12');
    assert.match(capture.event_id_cnty, /^SYR\d+$/);
    assert.equal(capture.notes, records[0].evidence.sentence, 'quotes, commas and newlines survive');
    assert.match(capture.source, /HTS, "operations room"/);
    assert.match(capture.tags, /disputed/);
    assert.equal(capture.timestamp, String(Date.parse('2024-12-06T00:00:00Z') / 1000));
    const strike = byType.get('Air/drone strike')!;
    assert.equal(strike.civilian_targeting, 'Civilian targeting');
    assert.equal(strike.inter1, '8');
    assert.equal(strike.inter2, '7');
    assert.equal(strike.interaction, '78');
    const protest = byType.get('Peaceful protest')!;
    assert.equal(protest.latitude, '');
    assert.equal(protest.inter1, '6', 'civilians in a protest are ACLED protesters');
    const displacement = [...byType.values()].find((r) => r.geo_precision === '3')!;
    assert.equal(displacement.event_date, '2024-12-01');
    assert.equal(displacement.time_precision, '1');
  });

  test('GeoJSON: RFC 7946 FeatureCollection, [lon, lat], null geometry for unlocated events', async () => {
    const doc = JSON.parse(await text('geojson'));
    assert.equal(doc.type, 'FeatureCollection');
    assert.ok(Array.isArray(doc.features));
    assert.equal(doc.features.length, events.length);
    for (const f of doc.features) {
      assert.equal(f.type, 'Feature');
      assert.equal(typeof f.id, 'string');
      assert.ok(f.properties && typeof f.properties === 'object');
      assert.ok('geometry' in f, 'geometry is always present');
      if (f.geometry === null) continue;
      assert.equal(f.geometry.type, 'Point');
      const [lon, lat] = f.geometry.coordinates;
      assert.equal(f.geometry.coordinates.length, 2);
      assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
    }
    const hama = doc.features.find((f: { properties: { place: string } }) => f.properties.place === 'Hama');
    assert.deepEqual(hama.geometry.coordinates, [36.7578, 35.1318]);
    assert.equal(hama.properties.disputed, true);
    assert.equal(hama.properties.report_count, 2);
    const unlocated = doc.features.filter((f: { geometry: unknown }) => f.geometry === null);
    assert.equal(unlocated.length, 1);
    assert.equal(unlocated[0].properties.type, 'protest');
  });

  test('PLOVER: event_type, mode, actor/recipient, location, date; types without PLOVER type left out', async () => {
    const doc = JSON.parse(await text('plover'));
    assert.ok(Array.isArray(doc));
    assert.equal(doc.length, events.filter((e) => e.plover.event_type).length);
    assert.ok(!doc.some((p: { id: string }) => events.find((e) => e.id === p.id)?.type === 'displacement'));
    const capture = doc.find((p: { event_type: string; actor_id: string }) => p.actor_id === 'hts');
    assert.equal(capture.event_type, 'ASSAULT');
    assert.equal(capture.mode, null);
    assert.equal(capture.date, '2024-12-05');
    assert.equal(capture.actor, 'Hayat Tahrir al-Sham');
    assert.equal(capture.actor_country, 'SY');
    assert.equal(capture.recipient_id, 'syrian-army');
    assert.equal(capture.location.name, 'Hama');
    assert.equal(capture.location.geonameId, 170017);
    assert.equal(capture.modality, 'claimed');
    assert.equal(capture.disputed, true);
  });

  test('JSONL: one StoredEvent per line, round-trips', async () => {
    const lines = (await text('jsonl')).trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      JSON.parse(JSON.stringify(events)),
    );
  });

  test('disputed claims list both sides with their sources and sentences', () => {
    const [claim, ...rest] = disputedClaims(events);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      claim.affirm.map((r) => r.source.kind),
      ['party_to_conflict'],
    );
    assert.deepEqual(
      claim.deny.map((r) => r.source.name),
      ['Defence ministry'],
    );
    assert.equal(claim.deny[0].sentence, records[1].evidence.sentence);
  });
});
