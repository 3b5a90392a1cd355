import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type AcledRow,
  acledDate,
  actorMatches,
  loadAcledCsv,
  scoreAcledRows,
} from '../../src/eval/acled-csv.ts';
import type { EvalMessage, ExtractFn } from '../../src/eval/common.ts';
import { parseCsv } from '../../src/eval/csv.ts';
import { loadEvalTypeMapping, mapAcledSubEvent } from '../../src/eval/type-mapping.ts';
import type { EventRecord } from '../../src/types.ts';
import { makeEvent } from './helpers.ts';

const mapping = loadEvalTypeMapping();
const CSV = readFileSync(new URL('../fixtures/eval/acled-sample.csv', import.meta.url), 'utf8');

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The event an ideal extractor would give for a row. */
function idealEvent(
  row: AcledRow,
  change: Partial<{ actor: string; dLat: number; dDays: number; acled: [string, string] }> = {},
): EventRecord {
  const type = mapAcledSubEvent(mapping, row.subEventType)?.[0] ?? 'deployment';
  return makeEvent({
    type,
    actor: change.actor ?? row.actor1,
    place:
      row.lat != null && row.lon != null
        ? { name: row.location, lat: row.lat + (change.dLat ?? 0), lon: row.lon }
        : null,
    date: shiftDays(row.date, change.dDays ?? 0),
    acled: change.acled ?? [row.eventType, row.subEventType],
    fatalities: row.fatalities,
  });
}

describe('ACLED-style CSV', () => {
  const messages: EvalMessage[] = [];
  const rows = loadAcledCsv(CSV, 'acled-sample.csv', messages);

  it('reads every row of the fixture, both date styles', () => {
    assert.equal(messages.length, 0);
    assert.equal(rows.length, 20);
    assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date)));
    assert.equal(acledDate('05 March 2024'), '2024-03-05');
    assert.equal(acledDate('2024-13'), null);
  });

  it('scores a perfect extractor 1.0 on every figure', () => {
    const perfect: ExtractFn = (a) => {
      const row = rows.find((r) => r.notes === a.text);
      return row ? [idealEvent(row)] : [];
    };
    const f = scoreAcledRows('fixture', rows, perfect, mapping).figures;
    for (const [k, v] of Object.entries(f)) if (k !== 'rows' && k !== 'withOutput') assert.equal(v, 1, k);
    assert.equal(f.withOutput, 20);
  });

  it('scores an empty extractor 0', () => {
    const f = scoreAcledRows('fixture', rows, () => [], mapping).figures;
    for (const k of [
      'eventType',
      'subEventType',
      'sitrepType',
      'actor1',
      'within25',
      'within161',
      'dateExact',
      'date3',
      'fatalities',
    ] as const) {
      assert.equal(f[k], 0, k);
    }
  });

  it('gives the hand-computed figures on a known mix', () => {
    const four = rows.slice(0, 4);
    const outputs = new Map<string, EventRecord[]>([
      [four[0].notes, [idealEvent(four[0])]],
      // wrong type, 30 km off (0.27° of latitude), two days late
      [
        four[1].notes,
        [
          idealEvent(four[1], {
            dLat: 0.27,
            dDays: 2,
            acled: ['Explosions/Remote violence', 'Air/drone strike'],
          }),
        ],
      ],
      // the other side as actor1, 200 km off, exact date
      [four[2].notes, [idealEvent(four[2], { actor: 'Ukrainian army', dLat: 1.8 })]],
    ]);
    const r = scoreAcledRows('fixture', four, (a) => outputs.get(a.text) ?? [], mapping);
    assert.deepEqual(
      { ...r.figures },
      {
        rows: 4,
        withOutput: 3,
        eventType: 0.5,
        subEventType: 0.5,
        sitrepType: 0.75,
        actor1: 0.5,
        within25: 0.25,
        within161: 0.5,
        dateExact: 0.5,
        date3: 0.75,
        fatalities: 0.75,
      },
    );
    assert.equal(r.errors.length, 3);
  });

  it('matches ACLED actor names to output actors by content words, stems and initials', () => {
    const actor = (name: string, id: string | null = null) => ({ name, id, kind: null, country: null });
    assert.ok(actorMatches('Military Forces of Russia (2000-)', actor('Russian army'), mapping));
    assert.ok(!actorMatches('Military Forces of Russia (2000-)', actor('Ukrainian army'), mapping));
    assert.ok(actorMatches('Rapid Support Forces', actor('RSF', 'rsf'), mapping));
    assert.ok(actorMatches('M23: March 23 Movement', actor('M23 rebels'), mapping));
    assert.ok(!actorMatches('Military Forces of Sudan (2019-)', actor('armed forces'), mapping));
    assert.ok(!actorMatches('Al Shabaab', null, mapping));
  });

  it('reports rows with a bad date or missing columns as messages', () => {
    const m: EvalMessage[] = [];
    const header = 'event_date,event_type,sub_event_type,actor1,notes';
    assert.equal(
      loadAcledCsv(`${header}\nyesterday,Battles,Armed clash,X,"Some text"\n`, 'x.csv', m).length,
      0,
    );
    assert.match(m[0].reason, /not a date/);
    assert.equal(loadAcledCsv('a,b\n1,2\n', 'y.csv', m).length, 0);
    assert.match(m[1].reason, /missing column/);
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF and newlines inside quotes, with start lines', () => {
    const m: EvalMessage[] = [];
    const recs = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n3,4', 'f.csv', m);
    assert.deepEqual(
      recs.map((r) => [r.line, r.fields.a, r.fields.b]),
      [
        [2, 'x, y', 'say "hi"'],
        [3, 'multi\nline', '2'],
        [5, '3', '4'],
      ],
    );
    assert.equal(m.length, 0);
  });

  it('reports a wrong field count and an unterminated quote', () => {
    const m: EvalMessage[] = [];
    parseCsv('a,b\n1,2,3\n"open,4\n', 'f.csv', m);
    // the unterminated quote is reported on its own line and reading resumes after it
    assert.deepEqual(
      m.map((x) => x.line),
      [3, 2],
    );
    assert.match(m[0].reason, /unterminated/);
  });
});
