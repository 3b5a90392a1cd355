#!/usr/bin/env node
// Runs every build step in scripts/build.d in name order (gazetteer, bundles, basemap, ...).
// Each step is a standalone script so that a step can be rebuilt alone: `npx tsx scripts/build.d/10-gazetteer.ts`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'build.d');
const only = process.argv.slice(2);
for (const step of readdirSync(dir).sort()) {
  if (!/\.(ts|mjs)$/.test(step)) continue;
  if (only.length && !only.some((o) => step.includes(o))) continue;
  const started = Date.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(dir, step)], { stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`build step ${step} failed (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
  console.error(`build: ${step} ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
