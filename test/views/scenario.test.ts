// The two-week multi-report scenario (test/fixtures/scenario, see its README) through the whole pipeline:
// readInputs → extract → store (cross-report merge) → control, merges and disputed claims.
// The store's own guarantees are asserted (no control record contradicts the expected holder, no place
// is controlled before anything happened there, hypotheticals and denials move nothing); the agreement
// figures, which depend on what the extractor finds, are printed as diagnostics for docs/quality.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { runIngest } from '../../src/cli/commands/ingest.ts';
import { extract } from '../../src/extract/index.ts';
import { haversineKm } from '../../src/merge/cross-report.ts';
import { allEvents, openStore } from '../../src/store/index.ts';
import type { ControlRecord, StoredEvent } from '../../src/types.ts';

const DIR = new URL('../fixtures/scenario/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));

interface TimelineRow {
  at: string;
  place: string;
  near: [number, number];
  holder: string[] | null;
  status: ControlRecord['status'] | null;
}
interface MergeGroup {
  id: string;
  near: [number, number];
  members: Array<{ article: string; fragment: string; required: boolean }>;
}
interface DisputedGroup {
  id: string;
  claims: Array<{ article: string; fragment: string }>;
  denials: Array<{ article: string; fragment: string }>;
}

const holderMatches = (record: ControlRecord, tokens: string[]) =>
  !!record.holder &&
  tokens.some((t) => `${record.holder!.id} ${record.holder!.name}`.toLowerCase().includes(t.toLowerCase()));

/** The control record of the place nearest `near`, within 15 km. */
function recordNear(records: ControlRecord[], near: [number, number]): ControlRecord | null {
  const within = records
    .map((r) => ({ r, km: haversineKm(near[0], near[1], r.place.lat, r.place.lon) }))
    .filter((x) => x.km <= 15)
    .sort((a, b) => a.km - b.km);
  return within[0]?.r ?? null;
}

/** The stored event whose reports include this article's sentence containing the fragment. */
function eventWith(events: StoredEvent[], article: string, fragment: string, texts: Map<string, string>) {
  return events.find((e) =>
    e.reports.some(
      (r) => r.article === article && (texts.get(article) ?? '').slice(r.start, r.end).includes(fragment),
    ),
  );
}

describe('scenario: two weeks in central Borno', () => {
  test('control day by day, merges and disputes', async (t) => {
    const store = await openStore('memory://');
    try {
      const messages: string[] = [];
      const progress = await runIngest({
        paths: [new URL('reports.jsonl', DIR).pathname],
        store,
        extract,
        rejects: { write: (m: { reason: string }) => messages.push(m.reason) } as never,
      });
      assert.deepEqual(messages, []);
      assert.equal(progress.articles, 13);

      const timeline = load<TimelineRow[]>('timeline.json');
      const sides = [
        ...new Map(timeline.filter((r) => r.holder).map((r) => [r.holder!.join('|'), r.holder!])).values(),
      ];
      let agree = 0;
      const wrong: string[] = [];
      for (const row of timeline) {
        const record = recordNear(await store.control(row.at), row.near);
        const label = `${row.at} ${row.place}: got ${record ? `${record.holder?.id ?? 'none'}/${record.status}` : 'no record'}`;
        if (row.status === null) {
          // no control expected: a record naming a holder is wrong
          if (record?.holder) wrong.push(`${label}, expected none`);
          else agree++;
          continue;
        }
        if (!record) continue; // missing: an extraction miss, counted by the agreement figure
        const holderOk = row.holder === null || holderMatches(record, row.holder);
        if (holderOk && record.status === row.status) agree++;
        // wrong: the place given to the other side (a generic or unknown holder is an extraction miss)
        else if (
          row.holder &&
          !holderMatches(record, row.holder) &&
          sides.some((side) => holderMatches(record, side))
        )
          wrong.push(`${label}, expected ${row.holder[0]}/${row.status}`);
      }
      t.diagnostic(`scenario control: ${agree}/${timeline.length} day-place rows agree`);

      const events: StoredEvent[] = [];
      for await (const e of allEvents(store, {})) events.push(e);
      const texts = new Map<string, string>();
      for (const line of readFileSync(new URL('reports.jsonl', DIR), 'utf8').split('\n').filter(Boolean)) {
        const a = JSON.parse(line) as { id: string; text: string };
        texts.set(a.id, a.text);
      }
      let merged = 0;
      const merges = load<MergeGroup[]>('merges.json');
      for (const group of merges) {
        const found = group.members
          .filter((m) => m.required)
          .map((m) => eventWith(events, m.article, m.fragment, texts)?.id);
        if (found.every((id) => id && id === found[0])) merged++;
      }
      t.diagnostic(`scenario merges: ${merged}/${merges.length} groups stored as one event`);
      let disputed = 0;
      const disputes = load<DisputedGroup[]>('disputed.json');
      for (const group of disputes) {
        const ids = [...group.claims, ...group.denials].map((m) =>
          eventWith(events, m.article, m.fragment, texts),
        );
        if (ids.every((e) => e && e.id === ids[0]!.id && e.disputed)) disputed++;
      }
      t.diagnostic(`scenario disputes: ${disputed}/${disputes.length} flagged with both sides`);
      assert.deepEqual(wrong, [], 'no control record contradicts the expected holder');
    } finally {
      await store.close();
    }
  });
});
