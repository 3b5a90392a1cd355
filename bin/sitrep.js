#!/usr/bin/env node
// Runs the compiled CLI (lib/, made by `npm run build`, which `npm ci` runs); in a checkout without a build,
// or with SITREP_FROM_SOURCE=1, runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'lib', 'cli', 'main.js');
if (existsSync(compiled) && !process.env.SITREP_FROM_SOURCE) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
