import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryContext, geoparse, geoparseArticle } from '../../src/resolve/places.ts';

test('geoparseArticle equals countryContext followed by geoparse, recognising once', () => {
  const text =
    'Fighting spread from Kharkiv towards Vovchansk, the Ukrainian military said, while Russian troops shelled Sumy. ' +
    'In Lebanon, a strike hit Tripoli and residents fled to Beirut.';
  const countries = countryContext(text);
  const expected = geoparse(text, { countryHint: countries });
  const got = geoparseArticle(text);
  assert.deepEqual(got.countries, countries);
  assert.deepEqual(got.toponyms, expected);
  assert.ok(got.toponyms.some((t) => t.place.country === 'UA'));
  assert.equal(got.toponyms.find((t) => t.text === 'Tripoli')?.place.country, 'LB');
});
