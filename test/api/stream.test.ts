// Live updates: an event created by a POST reaches an open /api/stream connection as a server-sent event.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredEvent } from '../../src/types.ts';
import { postJson, startTestServer } from './helpers.ts';
import { SseReader } from './sse.ts';

test('events created by a POST arrive on open streams with their full record', async () => {
  const t = await startTestServer();
  const streams: SseReader[] = [];
  try {
    // Two subscribers: every open stream gets every update.
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${t.url}/api/stream`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
      const sse = new SseReader(response.body!);
      streams.push(sse);
      assert.ok(await sse.next((m) => m.event === 'ready', 10000), 'no ready message');
    }
    const res = await postJson(`${t.url}/api/articles`, {
      date: '2025-04-14',
      text: 'Army troops recaptured the town of Kidal in northern Mali on Sunday, the defence ministry said.',
    });
    assert.equal(res.status, 201, res.text);
    const createdIds = (res.json!.results as Array<{ created: string[] }>)[0].created;
    assert.ok(createdIds.length >= 1, 'the article should give at least one event');
    for (const sse of streams) {
      const message = await sse.next((m) => m.event === 'created', 10000);
      assert.ok(message, `no created event on the stream; saw ${JSON.stringify(sse.seen)}`);
      const body = JSON.parse(message.data) as { change: string; event: StoredEvent };
      assert.equal(body.change, 'created');
      assert.ok(createdIds.includes(body.event.id));
      assert.ok(body.event.reports.length >= 1);
      assert.equal(message.id !== null, true, 'messages carry an id');
    }
  } finally {
    for (const s of streams) s.close();
    await t.close();
  }
});

test('a closed stream unsubscribes', async () => {
  const t = await startTestServer();
  try {
    const response = await fetch(`${t.url}/api/stream`);
    const sse = new SseReader(response.body!);
    await sse.next((m) => m.event === 'ready', 10000);
    assert.equal(t.server.live.subscribers, 1);
    sse.close();
    const deadline = Date.now() + 5000;
    while (t.server.live.subscribers > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(t.server.live.subscribers, 0);
  } finally {
    await t.close();
  }
});
