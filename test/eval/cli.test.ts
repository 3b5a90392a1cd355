import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sitrep(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('sitrep eval (command line, real extractor)', () => {
  it('scores a corpus-format folder and writes a Markdown report', () => {
    const report = join(mkdtempSync(join(tmpdir(), 'sitrep-eval-cli-')), 'q.md');
    const run = sitrep('eval', '--gold', 'test/fixtures/eval/expected', '--report', report);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /kordofan-2025-02-03 +\d+\/3 +\d+\/4/);
    assert.match(run.stdout, /control/);
    const md = readFileSync(report, 'utf8');
    assert.ok(md.startsWith('# sitrep quality'));
    assert.ok(md.includes('## Headline figures'));
  });

  it('prints JSON with --json and detects the ACLED CSV format', () => {
    const run = sitrep('eval', '--gold', 'test/fixtures/eval/acled-sample.csv', '--json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { sections: Array<{ format: string; items: number }> };
    assert.deepEqual(
      out.sections.map((s) => [s.format, s.items]),
      [['acled-csv', 20]],
    );
  });

  it('fails with one clear line on a missing gold path', () => {
    const run = sitrep('eval', '--gold', 'test/fixtures/eval/no-such-file.jsonl');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no such gold file/);
  });
});
