// Build step: the web UI bundle in dist/web/ (served by `sitrep serve`):
//   app.js + app.css  web/src/main.ts bundled by esbuild with MapLibre and its CSS (nothing from a CDN);
//   maplibre-gl-worker.mjs  MapLibre's worker, loaded by the page from the same origin;
//   index.html        the page shell;
//   *.gz              gzip twins that the server sends to browsers that accept them.
// The basemap (dist/web/basemap) comes from 30-basemap.ts.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const outDir = join(root, 'dist/web');

mkdirSync(outDir, { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'web/src/main.ts') },
  outdir: outDir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // The UI font is served from the basemap's font folder; leave those URLs alone.
  external: ['/basemap/*'],
  logLevel: 'warning',
  metafile: true,
});

const maplibreDist = dirname(require.resolve('maplibre-gl/package.json'));
copyFileSync(join(maplibreDist, 'dist/maplibre-gl-worker.mjs'), join(outDir, 'maplibre-gl-worker.mjs'));
copyFileSync(join(root, 'web/index.html'), join(outDir, 'index.html'));

const sizes: string[] = [];
for (const file of ['app.js', 'app.css', 'maplibre-gl-worker.mjs', 'index.html']) {
  const path = join(outDir, file);
  const gz = gzipSync(readFileSync(path), { level: 9 });
  writeFileSync(`${path}.gz`, gz);
  sizes.push(
    `${file} ${(statSync(path).size / 1024).toFixed(0)} kB (${(gz.length / 1024).toFixed(0)} kB gz)`,
  );
}
if (result.warnings.length) console.error(`web: ${result.warnings.length} esbuild warnings`);
console.error(`web: ${sizes.join(', ')}`);
