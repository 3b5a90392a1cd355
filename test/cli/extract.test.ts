// `sitrep extract` as a user runs it: files and stdin in, JSONL or a table out, bad input named by file and
// line while the good records still come out, and the exit status saying which happened.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventRecord } from '../../src/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPORT =
  ' date 2025-03-04 Rebels captured the town of Kupiansk on Monday, the Ukrainian military said. ' +
  'Russian troops shelled Kharkiv overnight, killing at least three people, the regional governor said.\n';

function sitrep(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
}

const parseLines = (out: string): EventRecord[] =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EventRecord);

describe('sitrep extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-extract-cli-'));
  const file = join(dir, 'report.txt');
  writeFileSync(file, REPORT);

  it('prints one JSON event record per line, with every field of the contract', () => {
    const run = sitrep(['extract', file]);
    assert.equal(run.status, 0, run.stderr);
    const events = parseLines(run.stdout);
    assert.ok(events.some((e) => e.type === 'territory_capture' && e.location?.name?.includes('Kup')));
    assert.ok(events.some((e) => e.type === 'shelling' && e.fatalities?.min === 3));
    for (const e of events) {
      for (const key of [
        'id',
        'type',
        'actor1',
        'actor2',
        'location',
        'date',
        'modality',
        'source',
        'fatalities',
        'acled',
        'plover',
        'evidence',
        'confidence',
        'article',
      ])
        assert.ok(key in e, `${key} present`);
    }
    // the same text gives the same ids
    assert.deepEqual(
      parseLines(sitrep(['extract', file]).stdout).map((e) => e.id),
      events.map((e) => e.id),
    );
  });

  it('reads stdin with --date and prints a readable table with --pretty', () => {
    const run = sitrep(
      ['extract', '--date', '2025-03-04', '--pretty', '-'],
      REPORT.replace(/^ date \S+ /, ''),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^TYPE +WHO +WHERE +WHEN +MODALITY +SOURCE/);
    assert.match(run.stdout, /territory_capture/);
    assert.match(run.stdout, /“Rebels captured the town of Kupiansk/);
    assert.match(run.stdout, /\d+ events?\n$/);
  });

  it('names the file and line of bad records, logs them, and still extracts the good ones (exit 2)', () => {
    const jsonl = join(dir, 'batch.jsonl');
    const rejects = join(dir, 'rejects.jsonl');
    writeFileSync(
      jsonl,
      [
        JSON.stringify({ id: 'good', date: '2025-03-04', text: REPORT.replace(/^ date \S+ /, '') }),
        '{"id": "broken", "text": ',
        JSON.stringify({ id: 'baddate', date: '2025-02-30', text: 'Troops shelled Sumy.' }),
      ].join('\n'),
    );
    const run = sitrep(['extract', jsonl, '--rejects', rejects]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /batch\.jsonl:2:/);
    assert.match(run.stderr, /batch\.jsonl:3:.*2025-02-30/);
    assert.ok(parseLines(run.stdout).every((e) => e.article === 'good'));
    assert.ok(parseLines(run.stdout).length > 0);
    const logged = readFileSync(rejects, 'utf8').trim().split('\n');
    assert.equal(logged.length, 2);
  });

  it('fails with one clear line when nothing can be read (exit 1)', () => {
    const run = sitrep(['extract', join(dir, 'missing.txt')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /missing\.txt/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});

describe("import { extract } from 'sitrep'", () => {
  const built = join(ROOT, 'lib', 'index.js');
  const skip = existsSync(built) ? false : 'lib/ is not built (npm run build)';
  it('returns the same records as the command line', { skip }, async () => {
    if (!existsSync(built) && process.env.CI === 'true') throw new Error('lib/ must be built in CI');
    const lib = (await import(pathToFileURL(built).href)) as typeof import('../../src/index.ts');
    const fromLibrary = lib.extract({ id: 'x', date: '2025-03-04', text: REPORT.replace(/^ date \S+ /, '') });
    const file = join(mkdtempSync(join(tmpdir(), 'sitrep-lib-')), 'x.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'x', date: '2025-03-04', text: REPORT.replace(/^ date \S+ /, '') })}\n`,
    );
    assert.deepEqual(fromLibrary, parseLines(sitrep(['extract', file]).stdout));
  });
});
