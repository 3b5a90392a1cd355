// The OpenAPI document: 3.1, every route, parameters generated from the same schemas that validate requests,
// and every $ref resolvable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES } from '../../src/api/openapi.ts';
import { getJson, startTestServer, type TestServer } from './helpers.ts';

type Json = Record<string, unknown>;
let t: TestServer;
let doc: Json;

before(async () => {
  t = await startTestServer();
  const res = await getJson(`${t.url}/api/openapi.json`);
  assert.equal(res.status, 200);
  doc = res.json;
});
after(() => t.close());

test('is an OpenAPI 3.1 document with info and every route', () => {
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(typeof (doc.info as Json).title, 'string');
  const paths = doc.paths as Record<string, Json>;
  for (const path of [
    '/api/events',
    '/api/events/{id}',
    '/api/control',
    '/api/claims',
    '/api/export',
    '/api/articles',
    '/api/stream',
    '/api/openapi.json',
  ]) {
    assert.ok(paths[path], `missing ${path}`);
  }
  assert.ok(paths['/api/articles'].post);
  assert.equal(
    ROUTES.length,
    Object.values(paths).reduce((n, p) => n + Object.keys(p).length, 0),
  );
});

test('the events query parameters come from the validating schema', () => {
  const op = (doc.paths as Record<string, Record<string, Json>>)['/api/events'].get;
  const params = op.parameters as Array<{ name: string; in: string; required: boolean; schema: Json }>;
  const names = params.map((p) => p.name).sort();
  for (const name of [
    'from',
    'to',
    'type',
    'actor',
    'bbox',
    'modality',
    'source_kind',
    'q',
    'limit',
    'cursor',
  ]) {
    assert.ok(names.includes(name), `parameter ${name} missing`);
  }
  assert.ok(params.every((p) => p.in === 'query' && p.required === false));
  const limit = params.find((p) => p.name === 'limit')!.schema;
  assert.equal(limit.type, 'integer');
  assert.equal(limit.minimum, 1);
  const from = params.find((p) => p.name === 'from')!.schema;
  assert.equal(from.format, 'date');
  const control = (doc.paths as Record<string, Record<string, Json>>)['/api/control'].get;
  const at = (control.parameters as Array<{ name: string; required: boolean }>).find((p) => p.name === 'at')!;
  assert.equal(at.required, true);
});

test('the article body schema requires date and text and names the event types', () => {
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  const article = schemas.ArticleInput;
  assert.deepEqual([...(article.required as string[])].sort(), ['date', 'text']);
  assert.equal(article.additionalProperties, false);
  const event = schemas.StoredEvent;
  const type = (event.properties as Record<string, Json>).type;
  assert.ok((type.enum as string[]).includes('territory_capture'));
  const post = (doc.paths as Record<string, Record<string, Json>>)['/api/articles'].post;
  assert.deepEqual(post.security, [{ bearer: [] }]);
  assert.ok((post.responses as Json)['413']);
});

test('every $ref points at a component', () => {
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') refs.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  assert.ok(refs.length > 10);
  for (const ref of refs) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    assert.ok(m && schemas[m[1]], `unresolved ${ref}`);
  }
});
