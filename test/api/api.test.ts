// The HTTP API end to end: a real store (PGlite in memory), the real extractor, a server on a random
// loopback port; every endpoint, its 400s, the body limit, and the generic 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ControlRecord, StoredEvent } from '../../src/types.ts';
import { getJson, postJson, sampleArticle, startTestServer, type TestServer } from './helpers.ts';

let t: TestServer;
let created: string[] = [];
let all: StoredEvent[] = [];

before(async () => {
  t = await startTestServer({ bodyLimitBytes: 1024 * 1024 });
  const res = await postJson(`${t.url}/api/articles`, sampleArticle());
  assert.equal(res.status, 201, res.text);
  const results = res.json!.results as Array<{ created: string[]; inserted: boolean }>;
  created = results[0].created;
  const page = await getJson(`${t.url}/api/events?limit=5000`);
  all = page.json.events as StoredEvent[];
});

after(async () => {
  await t.close();
});

describe('POST /api/articles', () => {
  test('the sample report creates events, and posting it again inserts nothing', async () => {
    assert.ok(created.length >= 5, `only ${created.length} events from the sample report`);
    const again = await postJson(`${t.url}/api/articles`, sampleArticle());
    assert.equal(again.status, 201);
    const [result] = again.json!.results as Array<{ inserted: boolean; created: string[] }>;
    assert.equal(result.inserted, false);
    assert.deepEqual(result.created, []);
  });

  test('an array of articles is one request; ids given are kept', async () => {
    const res = await postJson(`${t.url}/api/articles`, [
      {
        id: 'api-test-1',
        date: '2025-03-02',
        text: 'Rebels seized the town of Kidal in northern Mali on Sunday.',
      },
      { id: 'api-test-2', date: '2025-03-03', text: 'Police arrested 12 protesters in Nairobi on Monday.' },
    ]);
    assert.equal(res.status, 201, res.text);
    const results = res.json!.results as Array<{ article: string }>;
    assert.deepEqual(
      results.map((r) => r.article),
      ['api-test-1', 'api-test-2'],
    );
  });

  test('validation errors name the field', async () => {
    const missingText = await postJson(`${t.url}/api/articles`, { date: '2024-12-06' });
    assert.equal(missingText.status, 400);
    assert.equal(missingText.json!.field, 'text');
    const emptyText = await postJson(`${t.url}/api/articles`, { date: '2024-12-06', text: '   ' });
    assert.equal(emptyText.status, 400);
    assert.equal(emptyText.json!.field, 'text');
    const badDate = await postJson(`${t.url}/api/articles`, [
      { date: '2024-12-06', text: 'ok' },
      { date: '2024-02-30', text: 'ok' },
    ]);
    assert.equal(badDate.status, 400);
    assert.equal(badDate.json!.field, '1.date');
    const extra = await postJson(`${t.url}/api/articles`, { date: null, text: 'x', html: '<b>' });
    assert.equal(extra.status, 400);
    const badUrl = await postJson(`${t.url}/api/articles`, { date: null, text: 'x', url: 'not a url' });
    assert.equal(badUrl.json!.field, 'url');
  });

  test('malformed JSON is a 400, another content type a 415, both JSON errors', async () => {
    const bad = await postJson(`${t.url}/api/articles`, '{"date": "2024-12-06", "text": ');
    assert.equal(bad.status, 400);
    assert.match(String(bad.json!.error), /JSON/);
    const plain = await fetch(`${t.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ date: null, text: 'x' }),
    });
    assert.equal(plain.status, 415);
    assert.equal(((await plain.json()) as { field: string }).field, 'content-type');
  });

  test('a body over the limit is refused with 413 before it is parsed', async () => {
    const big = JSON.stringify({ date: '2024-12-06', text: 'a'.repeat(1024 * 1024 + 10) });
    const res = await postJson(`${t.url}/api/articles`, big);
    assert.equal(res.status, 413);
    assert.match(String(res.json!.error), /larger than/);
  });
});

describe('GET /api/events', () => {
  test('lists stored events with their reports', async () => {
    assert.ok(all.length >= created.length);
    for (const id of created)
      assert.ok(
        all.some((e) => e.id === id),
        `created event ${id} not listed`,
      );
    for (const e of all) assert.ok(Array.isArray(e.reports) && e.reports.length >= 1);
  });

  test('pages with limit and cursor cover everything once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await getJson(`${t.url}/api/events?${query}`);
      assert.equal(page.status, 200, page.text);
      const events = page.json.events as StoredEvent[];
      assert.ok(events.length <= 4);
      seen.push(...events.map((e) => e.id));
      cursor = page.json.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 100);
    assert.equal(new Set(seen).size, seen.length, 'an event came twice');
    const everything = (await getJson(`${t.url}/api/events?limit=5000`)).json.events as StoredEvent[];
    assert.deepEqual([...seen].sort(), everything.map((e) => e.id).sort());
  });

  test('type, modality, source_kind and date filters return only matching events', async () => {
    const type = all[0].type;
    const byType = (await getJson(`${t.url}/api/events?type=${type}`)).json.events as StoredEvent[];
    assert.ok(byType.length > 0 && byType.every((e) => e.type === type));
    assert.equal(byType.length, all.filter((e) => e.type === type).length);

    const modality = all[0].modality;
    const byModality = (await getJson(`${t.url}/api/events?modality=${modality},denied`)).json
      .events as StoredEvent[];
    assert.ok(byModality.every((e) => e.modality === modality || e.modality === 'denied'));

    const kind = all[0].source.kind;
    const byKind = (await getJson(`${t.url}/api/events?source_kind=${kind}`)).json.events as StoredEvent[];
    assert.ok(byKind.length > 0 && byKind.every((e) => e.source.kind === kind));

    const day = all.find((e) => e.date.value?.length === 10)!.date.value!;
    const byDay = (await getJson(`${t.url}/api/events?from=${day}&to=${day}`)).json.events as StoredEvent[];
    assert.ok(byDay.length > 0);
    for (const e of byDay) {
      const start = e.date.value ?? '';
      assert.ok(start.slice(0, day.length) <= day, `${e.id} starts ${start}, after ${day}`);
    }
  });

  test('bbox returns only events inside it', async () => {
    const located = all.filter((e) => e.location?.lat != null && e.location?.lon != null);
    const { lat, lon } = located[0].location!;
    const bbox = [lon! - 1, lat! - 1, lon! + 1, lat! + 1];
    const res = await getJson(`${t.url}/api/events?bbox=${bbox.join(',')}`);
    const events = res.json.events as StoredEvent[];
    assert.ok(events.some((e) => e.id === located[0].id));
    for (const e of events) {
      assert.ok(e.location!.lon! >= bbox[0] && e.location!.lon! <= bbox[2]);
      assert.ok(e.location!.lat! >= bbox[1] && e.location!.lat! <= bbox[3]);
    }
  });

  test('a bbox with west > east crosses the antimeridian', async () => {
    const res = await getJson(`${t.url}/api/events?bbox=170,-90,-170,90`);
    assert.equal(res.status, 200, res.text);
    for (const e of res.json.events as StoredEvent[]) {
      assert.ok(e.location!.lon! >= 170 || e.location!.lon! <= -170);
    }
  });

  test('q searches the evidence sentences', async () => {
    const word = all[0].evidence.sentence.split(/\W+/).find((w) => w.length > 6)!;
    const res = await getJson(`${t.url}/api/events?q=${encodeURIComponent(word)}`);
    const events = res.json.events as StoredEvent[];
    assert.ok(events.some((e) => e.id === all[0].id));
  });

  for (const [query, field] of [
    ['from=2024-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2024-12-07&to=2024-12-01', 'from'],
    ['type=clash,teleportation', 'type'],
    ['modality=certain', 'modality'],
    ['source_kind=oracle', 'source_kind'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=0,60,10,50', 'bbox'],
    ['bbox=-200,0,10,10', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1000000', 'limit'],
    ['colour=red', 'colour'],
    ['disputed=maybe', 'disputed'],
    ['cursor=not-a-cursor', 'cursor'],
  ] as const) {
    test(`400 with field ${field} for ${query}`, async () => {
      const res = await getJson(`${t.url}/api/events?${query}`);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.field, field);
      assert.equal(typeof res.json.error, 'string');
    });
  }
});

describe('GET /api/events/:id', () => {
  test('one event with every report, sentence and source', async () => {
    const id = created[0];
    const res = await getJson(`${t.url}/api/events/${id}`);
    assert.equal(res.status, 200);
    const event = res.json as unknown as StoredEvent;
    assert.equal(event.id, id);
    assert.ok(event.reports.length >= 1);
    for (const r of event.reports) {
      assert.equal(typeof r.sentence, 'string');
      assert.ok(r.source.kind);
    }
    assert.ok(event.evidence.sentence.length > 0);
  });

  test('404 JSON for an unknown id', async () => {
    const res = await getJson(`${t.url}/api/events/no-such-event`);
    assert.equal(res.status, 404);
    assert.equal(res.json.field, 'id');
  });
});

describe('GET /api/control, /api/claims, /api/export', () => {
  test('control at a date lists places with holder and status', async () => {
    const day = sampleArticle().date!;
    const res = await getJson(`${t.url}/api/control?at=${day}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.at, day);
    const places = res.json.places as ControlRecord[];
    assert.ok(places.length > 0, 'the sample report moves control of at least one place');
    for (const p of places) {
      assert.ok(['held', 'claimed', 'contested'].includes(p.status));
      assert.equal(typeof p.place.lat, 'number');
    }
    // Before anything happened nobody holds anything.
    const before = await getJson(`${t.url}/api/control?at=1990-01-01`);
    assert.deepEqual(before.json.places, []);
  });

  test('control needs a valid at', async () => {
    assert.equal((await getJson(`${t.url}/api/control`)).json.field, 'at');
    assert.equal((await getJson(`${t.url}/api/control?at=2024-02-30`)).status, 400);
  });

  test('claims lists only disputed events', async () => {
    const res = await getJson(`${t.url}/api/claims?disputed=true`);
    assert.equal(res.status, 200);
    for (const e of res.json.events as StoredEvent[]) assert.equal(e.disputed, true);
    assert.equal((await getJson(`${t.url}/api/claims?disputed=false`)).status, 400);
  });

  test('exports in the four formats', async () => {
    const csv = await fetch(`${t.url}/api/export?format=acled-csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    assert.match(lines[0], /^event_id_cnty,event_date,/);
    assert.ok(lines.length > 1);

    const geo = await getJson(`${t.url}/api/export?format=geojson`);
    assert.equal(geo.json.type, 'FeatureCollection');
    assert.ok((geo.json.features as unknown[]).length > 0);

    const jsonl = await fetch(`${t.url}/api/export?format=jsonl`);
    const rows = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StoredEvent);
    const stored = (await getJson(`${t.url}/api/events?limit=5000`)).json.events as StoredEvent[];
    assert.deepEqual(rows.map((r) => r.id).sort(), stored.map((e) => e.id).sort());

    const plover = await fetch(`${t.url}/api/export?format=plover`);
    assert.equal(plover.status, 200);
    const ploverRows = JSON.parse(await plover.text()) as unknown[];
    assert.ok(Array.isArray(ploverRows) && ploverRows.length > 0);

    const filtered = await fetch(`${t.url}/api/export?format=jsonl&type=${all[0].type}`);
    const filteredRows = (await filtered.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StoredEvent);
    assert.ok(filteredRows.every((r) => r.type === all[0].type));
  });

  test('export needs a known format', async () => {
    const res = await getJson(`${t.url}/api/export?format=xlsx`);
    assert.equal(res.status, 400);
    assert.equal(res.json.field, 'format');
  });
});

describe('errors', () => {
  test('unknown API routes are JSON 404s', async () => {
    const res = await getJson(`${t.url}/api/nothing`);
    assert.equal(res.status, 404);
    assert.equal(typeof res.json.error, 'string');
  });

  test('a failure inside the store is a generic 500 without details', async () => {
    // The real store, with one method broken: what the client sees must not leak the cause.
    const broken = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === 'events') return () => Promise.reject(new Error('secret connection detail at db.ts:42'));
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const lines: string[] = [];
    const { startServer } = await import('../../src/api/server.ts');
    const { defaultPipeline } = await import('../../src/api/pipeline.ts');
    const server = await startServer({
      store: broken,
      pipeline: defaultPipeline(),
      port: 0,
      host: '127.0.0.1',
      token: null,
      webDir: null,
      log: (l) => lines.push(l),
    });
    try {
      const res = await getJson(`${server.url}/api/events`);
      assert.equal(res.status, 500);
      assert.deepEqual(res.json, { error: 'internal server error', field: null });
      assert.doesNotMatch(res.text, /secret|db\.ts/);
      assert.ok(
        lines.some((l) => l.includes('secret connection detail')),
        'the cause goes to the server log',
      );
      const exported = await getJson(`${server.url}/api/export?format=acled-csv`);
      assert.equal(exported.status, 500, 'an export from a failing store is a 500, not a cut file');
      assert.doesNotMatch(exported.text, /secret/);
    } finally {
      await server.close();
    }
  });

  test('on loopback a foreign Host header is refused (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/api/events`, { headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 421);
  });
});
