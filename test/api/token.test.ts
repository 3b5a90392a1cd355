// The write rule: a server reachable beyond loopback needs SITREP_TOKEN and checks it on every write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPipeline } from '../../src/api/pipeline.ts';
import { isLoopbackHost, startServer } from '../../src/api/server.ts';
import { openStore } from '../../src/store/index.ts';
import { postJson, startTestServer } from './helpers.ts';

const article = { date: '2025-02-03', text: 'Soldiers detained three journalists in Bamako on Monday.' };

test('loopback hosts', () => {
  for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
    assert.equal(isLoopbackHost(h), true, h);
  }
  for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1']) {
    assert.equal(isLoopbackHost(h), false, h);
  }
});

test('refuses to listen beyond loopback without a token', async () => {
  const store = await openStore('memory://');
  try {
    await assert.rejects(
      startServer({
        store,
        pipeline: defaultPipeline(),
        host: '0.0.0.0',
        port: 0,
        token: null,
        webDir: null,
      }),
      /without SITREP_TOKEN/,
    );
  } finally {
    await store.close();
  }
});

test('beyond loopback, writes need the bearer token; reads do not', async () => {
  // Listens on all interfaces, but the test only ever connects through 127.0.0.1.
  const t = await startTestServer({ host: '0.0.0.0', token: 'correct horse battery staple' });
  const url = `http://127.0.0.1:${t.server.port}`;
  try {
    const none = await postJson(`${url}/api/articles`, article);
    assert.equal(none.status, 401);
    assert.equal(none.json!.field, 'authorization');
    const wrong = await postJson(`${url}/api/articles`, article, { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    const right = await postJson(`${url}/api/articles`, article, {
      authorization: 'Bearer correct horse battery staple',
    });
    assert.equal(right.status, 201, right.text);
    const read = await fetch(`${url}/api/events`);
    assert.equal(read.status, 200);
  } finally {
    await t.close();
  }
});

test('on loopback a configured token is still required for writes', async () => {
  const t = await startTestServer({ token: 's3cret' });
  try {
    assert.equal((await postJson(`${t.url}/api/articles`, article)).status, 401);
    assert.equal(
      (await postJson(`${t.url}/api/articles`, article, { authorization: 'Bearer s3cret' })).status,
      201,
    );
  } finally {
    await t.close();
  }
});

test('on loopback without a token, writes are open', async () => {
  const t = await startTestServer();
  try {
    assert.equal((await postJson(`${t.url}/api/articles`, article)).status, 201);
  } finally {
    await t.close();
  }
});
