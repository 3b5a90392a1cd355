// Our own reports (test/fixtures/reports and the held-out test/fixtures/heldout, several wars, written for
// this project) scored against their
// gold. The floors are the figures reached when they were last raised: a rule change that loses ground
// on reports it was not written for fails here. Raise them when the extractor improves.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractFile, type Figures, goldFiles, missingShared, ROOT, score } from './score.ts';

const FLOORS = {
  // development set: the rules were tuned looking at these (82/99 must events when last raised)
  reports: { mustRate: 0.78, forbiddenMax: 3 },
  // held-out set: written apart and never opened while tuning (40/68 when last raised)
  heldout: { mustRate: 0.52, forbiddenMax: 3 },
};

async function scoreDir(dir: string): Promise<Figures & { files: number }> {
  const sum = {
    must_hit: 0,
    must_total: 0,
    all_hit: 0,
    all_total: 0,
    forbidden: 0,
    duplicates: 0,
    unexplained: 0,
    outputs: 0,
  };
  const files = goldFiles(dir);
  for (const { text, expected } of files) {
    const f = score(expected, await extractFile(text));
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += f[k];
  }
  return { ...sum, control_ok: null, control_total: null, files: files.length };
}

for (const set of ['reports', 'heldout'] as const) {
  test(`own ${set}: must-event recall and forbidden matches stay above their floors`, {
    skip: missingShared(),
  }, async () => {
    const f = await scoreDir(join(ROOT, 'test', 'fixtures', set));
    assert.ok(f.files >= 12, `at least 12 reports (found ${f.files})`);
    const rate = f.must_hit / f.must_total;
    console.log(
      `${set}: must ${f.must_hit}/${f.must_total} (${(rate * 100).toFixed(0)}%), all ${f.all_hit}/${f.all_total}, forbidden ${f.forbidden}, duplicates ${f.duplicates}, unexplained ${f.unexplained}/${f.outputs}`,
    );
    assert.ok(rate >= FLOORS[set].mustRate, `must rate ${rate.toFixed(2)} < ${FLOORS[set].mustRate}`);
    assert.ok(
      f.forbidden <= FLOORS[set].forbiddenMax,
      `forbidden ${f.forbidden} > ${FLOORS[set].forbiddenMax}`,
    );
  });
}
