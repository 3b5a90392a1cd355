import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type GeoDoc,
  haversineKm,
  MAX_ERROR_KM,
  matchSpans,
  scoreErrors,
  scoreGeoparse,
  scoreRecognition,
} from '../../src/eval/geoparse.ts';

// A hand-made document: "Fighting in Alpha and Beta." with two gold toponyms.
const doc: GeoDoc = {
  id: 'd1',
  text: 'Fighting in Alpha and Beta.',
  toponyms: [
    { start: 12, end: 17, name: 'Alpha', lat: 10, lon: 10 },
    { start: 22, end: 26, name: 'Beta', lat: 20, lon: 20 },
  ],
};

test('haversine: one degree of latitude is about 111 km', () => {
  assert.ok(Math.abs(haversineKm(0, 0, 1, 0) - 111.2) < 0.5);
});

test('a perfect geoparser scores 1.0 everywhere', () => {
  const f = scoreGeoparse([doc], {
    geoparse: () => doc.toponyms.map((t) => ({ start: t.start, end: t.end, lat: t.lat!, lon: t.lon! })),
    resolve: (name) => {
      const t = doc.toponyms.find((x) => x.name === name)!;
      return { lat: t.lat!, lon: t.lon! };
    },
  });
  assert.equal(f.recognition.exact.f1, 1);
  assert.equal(f.recognition.overlap.f1, 1);
  assert.equal(f.resolution.acc161, 1);
  assert.equal(f.resolution.meanKm, 0);
  assert.equal(f.resolution.auc, 0);
  assert.equal(f.endToEnd.acc161, 1);
});

test('an empty geoparser scores 0', () => {
  const f = scoreGeoparse([doc], { geoparse: () => [], resolve: () => null });
  assert.equal(f.recognition.exact.recall, 0);
  assert.equal(f.recognition.exact.f1, 0);
  assert.equal(f.resolution.acc161, 0);
  assert.equal(f.resolution.unresolved, 2);
  assert.equal(f.resolution.meanKm, MAX_ERROR_KM);
  assert.ok(Math.abs(f.resolution.auc - Math.log(MAX_ERROR_KM + 1) / Math.log(MAX_ERROR_KM)) < 1e-9);
  assert.equal(f.endToEnd.matched, 0);
});

test('a known mix gives the hand-computed figures', () => {
  // predictions: Alpha exact; "and Beta" overlaps Beta; "Fighting" is a false positive
  const predicted = [
    { start: 12, end: 17, lat: 10, lon: 10 },
    { start: 18, end: 26, lat: 25, lon: 25 },
    { start: 0, end: 8, lat: 0, lon: 0 },
  ];
  assert.deepEqual(matchSpans(doc.toponyms, predicted, 'exact'), [0, -1, -1]);
  assert.deepEqual(matchSpans(doc.toponyms, predicted, 'overlap'), [0, 1, -1]);
  const exact = scoreRecognition([{ gold: doc.toponyms, predicted }], 'exact');
  assert.deepEqual([exact.tp, exact.fp, exact.fn], [1, 2, 1]);
  assert.ok(Math.abs(exact.precision - 1 / 3) < 1e-9);
  assert.equal(exact.recall, 0.5);
  assert.ok(Math.abs(exact.f1 - 0.4) < 1e-9);
  const overlap = scoreRecognition([{ gold: doc.toponyms, predicted }], 'overlap');
  assert.ok(Math.abs(overlap.f1 - 0.8) < 1e-9); // P 2/3, R 1
  const f = scoreGeoparse([doc], {
    geoparse: () => predicted,
    resolve: (name) => (name === 'Alpha' ? { lat: 10, lon: 10 } : { lat: 25, lon: 25 }),
  });
  const betaError = haversineKm(20, 20, 25, 25);
  assert.ok(betaError > 161);
  assert.equal(f.resolution.acc161, 0.5);
  assert.ok(Math.abs(f.resolution.meanKm - betaError / 2) < 1e-6);
  assert.ok(Math.abs(f.resolution.medianKm - betaError / 2) < 1e-6);
  // AUC: trapezoid over sorted ln(e+1) = [0, ln(betaError+1)], one interval
  const auc = Math.log(betaError + 1) / 2 / Math.log(MAX_ERROR_KM);
  assert.ok(Math.abs(f.resolution.auc - auc) < 1e-9);
  assert.equal(f.endToEnd.matched, 2);
  assert.equal(f.endToEnd.acc161, 0.5);
});

test('scoreErrors on known distances', () => {
  const e = scoreErrors([0, 100, 200, 1000]);
  assert.equal(e.acc161, 0.5);
  assert.equal(e.meanKm, 325);
  assert.equal(e.medianKm, 150);
});
