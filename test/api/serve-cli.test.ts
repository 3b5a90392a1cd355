// `sitrep serve` as a user runs it: the refusal beyond loopback without a token, and a normal start/stop.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.ts';

const CLI = join(ROOT, 'src/cli/main.ts');

function run(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

test('refuses a non-loopback host without SITREP_TOKEN, with one clear line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-serve-'));
  try {
    const r = run(['serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'db')], {
      SITREP_TOKEN: undefined,
    });
    assert.equal(await r.exited, 1);
    assert.match(r.stderr(), /refusing to listen on 0\.0\.0\.0 without SITREP_TOKEN/);
    assert.doesNotMatch(r.stderr(), /\n\s+at /, 'no stack trace');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('starts on loopback, answers, and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-serve-'));
  const r = run(['serve', '--port', '0', '--db', join(dir, 'db')], { SITREP_TOKEN: undefined });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(r.stderr());
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        }
      }, 100);
      void r.exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${code}: ${r.stderr()}`));
      });
    });
    const res = await fetch(`${url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { openapi: string }).openapi, '3.1.0');
    r.child.kill('SIGTERM');
    assert.equal(await r.exited, 0);
  } finally {
    r.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
