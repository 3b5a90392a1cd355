#!/usr/bin/env node
// Prefer the prebuilt bundle (fast start-up); fall back to the TypeScript sources through tsx in a checkout.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.js');
if (existsSync(bundle) && !process.env.SITREP_FROM_SOURCE) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(join(root, 'src', 'cli', 'main.ts'));
}
