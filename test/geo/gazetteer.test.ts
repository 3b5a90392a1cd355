import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gazetteer, normalizePlaceName, skeletonKey } from '../../src/knowledge/gazetteer.ts';

test('Arabic article variants, case, diacritics and hyphens normalise to one key', () => {
  const key = normalizePlaceName('Deir ez-Zor');
  for (const v of ['Deir el-Zor', 'Deir Al-Zor', 'DEIR EZ ZOR', 'deir-ez-zor'])
    assert.equal(normalizePlaceName(v), key);
  assert.equal(normalizePlaceName('Al Khums'), 'khums'); // a leading article is dropped
  assert.equal(normalizePlaceName('Ḩamāh'), 'hamah');
  assert.equal(normalizePlaceName("Ma'arrat al-Nu'man"), 'maarrat al numan');
  assert.equal(normalizePlaceName('St. Louis'), 'saint louis');
  assert.notEqual(normalizePlaceName('Homs'), normalizePlaceName('Khums'));
});

test('the loose key joins transliteration variants but not different names', () => {
  const k = (s: string) => skeletonKey(normalizePlaceName(s));
  assert.equal(k('Talbisa'), k('Talbiseh'));
  assert.equal(k('Dayr az Zawr'), k('Deir ez-Zor'));
  assert.equal(k('Qusayr'), k('Qusair'));
  assert.notEqual(k('Aleppo'), k('Idlib'));
});

test('lookups by name (any variant) and by GeoNames id', () => {
  const g = gazetteer();
  const homs = g.lookup('Homs').find((r) => r.country === 'SY' && r.featureCode.startsWith('PPL'));
  assert.ok(homs, 'Homs, Syria is in the gazetteer');
  assert.equal(homs.admin1, 'Homs');
  assert.ok(Math.abs(homs.lat - 34.73) < 0.1 && Math.abs(homs.lon - 36.72) < 0.1);
  assert.ok(homs.geonameId);
  assert.equal(g.byGeonameId(homs.geonameId!)?.name, homs.name);
  const deir = g.lookup('Dayr az Zawr').map((r) => r.country);
  assert.ok(deir.includes('SY'));
  const syria = g.lookup('Syria')[0];
  assert.equal(syria.featureCode, 'PCLI');
  assert.equal(syria.precision, 4);
  const idlibProvince = g.lookup('Idlib').find((r) => r.featureCode === 'ADM1');
  assert.equal(idlibProvince?.precision, 3);
});

test('supplement entries are in the gazetteer with their kind and precision', () => {
  const g = gazetteer();
  const crossing = g.lookup('Nassib crossing')[0];
  assert.equal(crossing.kind, 'crossing');
  assert.equal(crossing.country, 'SY');
  assert.equal(crossing.precision, 1);
  const golan = g.lookup('Golan Heights')[0];
  assert.equal(golan.kind, 'region');
  assert.equal(golan.precision, 3);
  assert.equal(g.lookup('Philadelphi corridor')[0].country, 'PS');
});
