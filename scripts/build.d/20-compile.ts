// Compiles src/**/*.ts to lib/**/*.js with the same folder layout, so that paths relative to a module
// (data files, migrations, the web bundle) resolve the same from lib/ as from src/. Type-checking is
// `npm run typecheck`; this step only strips types, so a build never depends on it.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');
const out = join(root, 'lib');

function walk(dir: string, files: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, files);
    else files.push(path);
  }
  return files;
}

rmSync(out, { recursive: true, force: true });
const files = walk(src);
const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
await build({
  entryPoints: sources,
  outdir: out,
  outbase: src,
  format: 'esm',
  platform: 'node',
  // esnext keeps `with { type: 'json' }` import attributes, which Node 20.10+ understands
  target: 'esnext',
  bundle: false,
  sourcemap: 'linked',
  logLevel: 'warning',
});
// Relative imports name the .ts files; in lib/ they are .js.
for (const file of walk(out).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(file, 'utf8');
  const fixed = code.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g, '$1$2.js$3');
  if (fixed !== code) writeFileSync(file, fixed);
}
// Assets that live beside the code (SQL migrations and the like) are copied as they are.
for (const file of files.filter((f) => !f.endsWith('.ts'))) cpSync(file, join(out, relative(src, file)));
console.error(`compile: ${sources.length} modules to ${relative(root, out)}/`);
