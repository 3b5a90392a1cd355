import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type InputItem, isMessage, type ReadOptions, readInputs } from '../../src/input/index.ts';
import type { InputMessage } from '../../src/types.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/input/', import.meta.url));

export function fixture(name: string): string {
  return `${FIXTURES}${name}`;
}

export interface Collected {
  items: InputItem[];
  messages: InputMessage[];
  /** Fatal messages only (rejections). */
  rejects: InputMessage[];
  /** Everything in the order the generator yielded it. */
  all: (InputItem | InputMessage)[];
}

export async function collect(paths: string[], opts?: ReadOptions): Promise<Collected> {
  const all: (InputItem | InputMessage)[] = [];
  for await (const r of readInputs(paths, opts)) all.push(r);
  const messages = all.filter(isMessage);
  return {
    all,
    items: all.filter((r): r is InputItem => !isMessage(r)),
    messages,
    rejects: messages.filter((m) => m.fatal),
  };
}

/** [line, reason] pairs of the messages, for compact assertions. */
export function lines(messages: InputMessage[]): [number | null, string][] {
  return messages.map((m) => [m.line, m.reason]);
}

let tempDir: string | null = null;

/** Writes a file into a per-process temporary folder (generated inputs are never committed). */
export async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  tempDir ??= await mkdtemp(join(tmpdir(), 'sitrep-input-'));
  const path = join(tempDir, name);
  await writeFile(path, content);
  return path;
}

/** A fresh temporary folder. */
export async function tempDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sitrep-input-'));
}
