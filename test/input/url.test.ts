import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { networkReason } from '../../src/input/fetch.ts';
import { collect, fixture } from './helpers.ts';

// Everything is served from 127.0.0.1: the tests never touch any other address.
let server: Server;
let base: string;
let hits = 0;

before(async () => {
  const rss = await readFile(fixture('feed.rss'));
  const page = await readFile(fixture('page.html'));
  server = createServer((req, res) => {
    hits++;
    switch (req.url) {
      case '/feed':
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(rss);
        return;
      case '/feed-as-xml':
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(rss);
        return;
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      case '/page-as-plain':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(page);
        return;
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
        res.end(Buffer.from(' date 2025-01-01 Caf\xe9 shelled.', 'latin1'));
        return;
      case '/jsonl':
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.end('{"text":"Over HTTP.","date":"2025-01-01"}\n{broken\n');
        return;
      case '/moved':
        res.writeHead(302, { location: '/page' });
        res.end();
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
        return;
      case '/stall-body':
        // Headers and a first chunk, then silence: the timeout must also cover the body.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write(' date 2025-01-01 Partial');
        return;
      case '/never':
        // Accept the request and never answer: only the client's timeout ends it.
        return;
      case '/big-declared':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(5000) });
        res.end('x'.repeat(5000));
        return;
      case '/big-streamed': {
        // No content-length: the limit must be enforced while the body streams.
        res.writeHead(200, { 'content-type': 'text/plain' });
        let sent = 0;
        const push = (): void => {
          if (res.destroyed || sent > 1_000_000) return void res.end();
          sent += 1000;
          res.write('y'.repeat(1000), () => setImmediate(push));
        };
        push();
        return;
      }
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('http URLs', () => {
  it('reads a feed by its content type', async () => {
    const { items, rejects } = await collect([`${base}/feed`]);
    assert.equal(items.length, 2);
    assert.equal(items[0].article.title, 'Village retaken');
    assert.equal(items[0].origin.file, `${base}/feed`);
    assert.equal(rejects.length, 2, 'the bad items of the feed are still reported');
  });

  it('sniffs a feed served as generic XML and a page served as plain text', async () => {
    const feed = await collect([`${base}/feed-as-xml`]);
    assert.equal(feed.items.length, 2);
    const page = await collect([`${base}/page-as-plain`]);
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].article.title, 'Ceasefire talks stall');
  });

  it('reads a page, with the fetched URL as the article url, after redirects', async () => {
    const { items, messages } = await collect([`${base}/moved`]);
    assert.equal(messages.length, 0);
    assert.equal(items[0].article.url, `${base}/page`);
    assert.equal(items[0].article.date, '2025-05-20');
    assert.equal(items[0].article.text.split('\n\n').length, 3);
  });

  it('honours a declared charset instead of guessing', async () => {
    const { items } = await collect([`${base}/latin1`]);
    assert.equal(items[0].article.text, 'Café shelled.');
  });

  it('reads JSONL bodies line by line', async () => {
    const { items, rejects } = await collect([`${base}/jsonl`]);
    assert.equal(items.length, 1);
    assert.deepEqual(
      rejects.map((m) => m.line),
      [2],
    );
  });

  it('an HTTP error is a message', async () => {
    const { items, rejects } = await collect([`${base}/missing`, `${base}/page`]);
    assert.deepEqual(rejects, [
      { file: `${base}/missing`, line: null, reason: 'HTTP 404 Not Found', fatal: true },
    ]);
    assert.equal(items.length, 1, 'the next URL is still read');
  });

  it('a server that never answers times out with a message', async () => {
    const { items, rejects } = await collect([`${base}/never`], { fetchTimeoutMs: 300 });
    assert.equal(items.length, 0);
    assert.equal(rejects[0].reason, 'timed out after 300 ms');
  });

  it('a body that stops arriving times out too', async () => {
    const { items, rejects } = await collect([`${base}/stall-body`], { fetchTimeoutMs: 300 });
    assert.equal(items.length, 0);
    assert.equal(rejects[0].reason, 'timed out after 300 ms');
  });

  it('a body over the limit is refused: declared length, or while streaming', async () => {
    const declared = await collect([`${base}/big-declared`], { maxBytes: 1000 });
    assert.equal(declared.rejects[0].reason, 'response is 5000 bytes, over the limit of 1000 bytes');
    const streamed = await collect([`${base}/big-streamed`], { maxBytes: 20_000 });
    assert.equal(
      streamed.rejects[0].reason,
      'response is more than 20000 bytes, over the limit of 20000 bytes',
    );
  });

  it('a refused connection is a message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { rejects } = await collect([`http://127.0.0.1:${port}/x`]);
    assert.equal(rejects[0].reason, `connection refused by 127.0.0.1:${port}`);
    assert.ok(hits > 0);
  });
});

describe('network error messages', () => {
  // DNS failures cannot be produced without a resolver; the errors below have the shape fetch (undici) gives.
  const limits = { timeoutMs: 1000, maxBytes: 1 };
  const failed = (code: string): Error =>
    Object.assign(new TypeError('fetch failed'), { cause: { code, message: code } });

  it('names DNS failures, resets and unknown causes', () => {
    assert.equal(
      networkReason(failed('ENOTFOUND'), limits, 'news.example'),
      'DNS lookup failed for news.example',
    );
    assert.equal(
      networkReason(failed('EAI_AGAIN'), limits, 'news.example'),
      'DNS lookup failed for news.example',
    );
    assert.equal(networkReason(failed('ECONNRESET'), limits, 'h'), 'connection to h was reset');
    assert.equal(networkReason(failed('CERT_HAS_EXPIRED'), limits, 'h'), 'fetch failed: CERT_HAS_EXPIRED');
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' });
    assert.equal(networkReason(timeout, limits, 'h'), 'timed out after 1000 ms');
  });
});
