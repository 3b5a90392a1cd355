import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  case2021ToAcled,
  loadEvalTypeMapping,
  mapAcledSubEvent,
  mapCameo,
  mapPlover,
  unknownTypes,
} from '../../src/eval/type-mapping.ts';

const mapping = loadEvalTypeMapping();
const SHARED_EVAL = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

function jsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

describe('eval type mapping data', () => {
  it('names only sitrep types', () => {
    assert.deepEqual(unknownTypes(mapping), []);
  });

  it('has all 25 ACLED sub-event types, and every CASE 2021 ACLED label names one of them', () => {
    assert.equal(Object.keys(mapping.acled.subEventTypes).length, 25);
    for (const [label, acled] of Object.entries(mapping.case2021.labels)) {
      if (acled !== null) assert.ok(mapAcledSubEvent(mapping, acled) !== null, label);
    }
  });

  it('looks up PLOVER mode before context before type', () => {
    assert.deepEqual(mapPlover(mapping, 'FIGHT', 'heavy-weapons', 'military'), ['shelling', 'clash']);
    assert.deepEqual(mapPlover(mapping, 'AID', null, 'economic, military'), ['military_aid']);
    assert.deepEqual(mapPlover(mapping, 'AID', null, 'economic'), []);
    assert.deepEqual(mapPlover(mapping, 'fight', 'unknown-mode', null), ['clash', 'attack']);
    assert.equal(mapPlover(mapping, 'NO_SUCH_TYPE', null, null), null);
  });

  it('maps CAMEO codes by their longest prefix', () => {
    assert.deepEqual(mapCameo(mapping, '195'), ['air_strike']);
    assert.deepEqual(mapCameo(mapping, '1952'), ['air_strike']);
    assert.deepEqual(mapCameo(mapping, '190'), ['clash', 'attack']);
    assert.deepEqual(mapCameo(mapping, '0874'), ['withdrawal']);
    assert.deepEqual(mapCameo(mapping, '042'), []);
    assert.equal(mapCameo(mapping, '999'), null);
  });

  it('covers every label used by the shared event-type gold', {
    skip: !existsSync(SHARED_EVAL) && 'no shared eval folder',
  }, () => {
    for (const r of jsonl(`${SHARED_EVAL}/plover-gsr/plover_gsr.jsonl`)) {
      assert.ok(mapPlover(mapping, String(r.event_type), null, null) !== null, String(r.event_type));
    }
    for (const r of jsonl(`${SHARED_EVAL}/case2021-task2-finegrained/case2021_task2_test.jsonl`)) {
      assert.notEqual(case2021ToAcled(mapping, String(r.label)), undefined, String(r.label));
    }
    for (const r of jsonl(`${SHARED_EVAL}/petrarch2-unittest/petr_unittest.jsonl`)) {
      for (const e of r.expected as Array<{ code: string }>) {
        // only PETRARCH's test-only codes (roots above 20) may be missing
        if (mapCameo(mapping, e.code) === null) assert.ok(Number(e.code.slice(0, 2)) > 20, e.code);
      }
    }
  });
});
