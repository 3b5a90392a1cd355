// Scoring extractor output against hand-coded gold with the reference scorer in ../shared/tools
// (the same tool the targets are stated in), so the tests measure what users are promised.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ExpectedFigures } from '../../src/eval/expected.ts';
import { extract } from '../../src/extract/index.ts';
import { isMessage, readInputs } from '../../src/input/index.ts';
import type { EventRecord } from '../../src/types.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHARED = join(ROOT, '..', 'shared');
export const SCORER = join(SHARED, 'tools', 'score-expected.mjs');

/** The reference tool's figures (`--json`), the same shape as `sitrep eval` reports. */
export type Figures = ExpectedFigures;

/** Why a scorer test cannot run here; in CI a missing ../shared is a failure, not a skip. */
export function missingShared(): string | false {
  if (existsSync(SCORER)) return false;
  if (process.env.CI === 'true')
    throw new Error(`${SCORER} is missing: CI must have ../shared beside the clone`);
  return `${SCORER} not found (../shared beside the repository holds the gold)`;
}

/** Extracts a report file through the same input reader the CLI uses. */
export async function extractFile(file: string): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  for await (const item of readInputs([file])) {
    if (isMessage(item)) {
      if (item.fatal) throw new Error(`${item.file}:${item.line}: ${item.reason}`);
      continue;
    }
    events.push(...extract(item.article));
  }
  return events;
}

export function score(expected: string, events: EventRecord[], control?: object[]): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-score-'));
  const out = join(dir, `${basename(expected, '.expected.json')}.jsonl`);
  writeFileSync(out, events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''));
  const args = [SCORER, expected, out, '--json', '--quiet'];
  if (control) {
    const c = join(dir, 'control.jsonl');
    writeFileSync(c, control.map((r) => JSON.stringify(r)).join('\n') + (control.length ? '\n' : ''));
    args.push('--control', c);
  }
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, args, { encoding: 'utf8' });
  } catch (error) {
    // exit status 1 means "targets not met", the figures are still printed
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Figures;
}

export function goldFiles(dir: string): Array<{ text: string; expected: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ text: join(dir, f), expected: join(dir, f.replace(/\.txt$/, '.expected.json')) }))
    .filter((p) => existsSync(p.expected));
}
