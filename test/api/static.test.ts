// The built web UI as the server hands it out: the page with its security headers, gzip twins, basemap
// tiles (an empty answer for tiles of open sea), and nothing outside dist/web.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_WEB_DIR } from '../../src/api/server.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let t: TestServer;

before(async () => {
  assert.ok(existsSync(join(DEFAULT_WEB_DIR, 'index.html')), 'the web UI is not built: run npm run build');
  t = await startTestServer({ webDir: DEFAULT_WEB_DIR });
});
after(() => t.close());

/** A raw GET, so that the path is sent exactly as written (fetch would normalise `..`). */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${t.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.path = path;
    req.on('error', reject);
    req.end();
  });
}

test('the page comes with a strict content security policy', async () => {
  const res = await rawGet('/');
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /text\/html/);
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote script');
  assert.match(csp, /connect-src 'self'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(res.body.toString(), /<script type="module" src="\/app\.js">/);
});

test('scripts go out gzipped to browsers that accept it', async () => {
  const gz = await rawGet('/app.js', { 'accept-encoding': 'gzip' });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  const plain = await rawGet('/app.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(gz.body.length < plain.body.length / 2);
});

test('basemap tiles: vector tiles where there is land, an empty answer for open sea', async () => {
  const world = await rawGet('/basemap/tiles/0/0/0.pbf');
  assert.equal(world.status, 200);
  assert.equal(world.headers['content-type'], 'application/x-protobuf');
  assert.ok(world.body.length > 1000);
  assert.match(String(world.headers['cache-control']), /max-age/);
  // A zoom-6 tile the build left out because nothing is in it (open sea).
  let missing: string | null = null;
  for (let x = 0; x < 64 && !missing; x++) {
    for (let y = 0; y < 64 && !missing; y++) {
      if (!existsSync(join(DEFAULT_WEB_DIR, `basemap/tiles/6/${x}/${y}.pbf`))) missing = `6/${x}/${y}`;
    }
  }
  assert.ok(missing, 'every zoom-6 tile was built: the sea is not left out');
  const sea = await rawGet(`/basemap/tiles/${missing}.pbf`);
  assert.equal(sea.status, 204);
  assert.equal(sea.body.length, 0);
  const fonts = await rawGet('/basemap/fonts.json');
  const faces = JSON.parse(fonts.body.toString()) as Record<string, Array<{ url: string }>>;
  for (const face of Object.values(faces).flat()) {
    assert.equal((await rawGet(`/basemap/${face.url}`)).status, 200, face.url);
  }
});

test('nothing outside the web folder is served', async () => {
  for (const path of [
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/basemap/../../package.json',
  ]) {
    const res = await rawGet(path);
    assert.notEqual(res.status, 200, path);
    assert.doesNotMatch(res.body.toString(), /"devDependencies"/, path);
  }
});
