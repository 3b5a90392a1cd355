// The offline basemap as a MapLibre style: vector tiles built by scripts/build.d/30-basemap.ts and
// labels drawn from the bundled Noto Sans files declared in `font-faces` (the browser rasterises them; no
// glyph server, nothing from the network).
import type { FontFacesSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';

export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';

const LAND = '#f3f0e8';
const SEA = '#c9dbe6';
const BORDER = '#8c8474';
const ADMIN1 = '#b9b1a1';
const LABEL = '#3d3a33';
const HALO = 'rgba(255,255,255,0.85)';

// Shared with the tile build (scripts/build.d/30-basemap.ts), which leaves features out of tiles below the
// zoom where the style would show them.
/** Zoom from which each place rank (1 = capitals/megacities … 6 = small towns) gets a label. */
export const PLACE_RANK_MINZOOM = [0, 2, 3.5, 5, 6, 7, 8];
export const COUNTRY_RANK_MINZOOM = [0, 1.5, 3, 4.5];
export const ADMIN1_LINES_MINZOOM = 3.5;
export const ADMIN1_LABEL_MINZOOM = 5;
/** Tiles exist up to this zoom; MapLibre over-zooms them beyond (the data is simplified to ~1.5 km anyway). */
export const TILE_MAXZOOM = 6;

function placeLayers(): LayerSpecification[] {
  const layers: LayerSpecification[] = [];
  for (let rank = 1; rank <= 6; rank++) {
    const filter: ['==', ['get', string], number] = ['==', ['get', 'rank'], rank];
    layers.push({
      id: `places-dot-${rank}`,
      type: 'circle',
      source: 'basemap',
      'source-layer': 'places',
      minzoom: PLACE_RANK_MINZOOM[rank],
      filter,
      paint: {
        'circle-radius': rank <= 2 ? 3 : 2,
        'circle-color': '#ffffff',
        'circle-stroke-color': '#4a463d',
        'circle-stroke-width': 1,
      },
    });
    layers.push({
      id: `places-label-${rank}`,
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'places',
      minzoom: PLACE_RANK_MINZOOM[rank],
      filter,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [rank <= 2 ? FONT_BOLD : FONT_REGULAR],
        'text-size': rank <= 1 ? 14 : rank <= 3 ? 13 : 12,
        'text-anchor': 'left',
        'text-offset': [0.5, 0],
        'text-max-width': 8,
      },
      paint: { 'text-color': LABEL, 'text-halo-color': HALO, 'text-halo-width': 1.4 },
    });
  }
  return layers;
}

function countryLabelLayers(): LayerSpecification[] {
  return [1, 2, 3].map((rank) => ({
    id: `country-label-${rank}`,
    type: 'symbol' as const,
    source: 'basemap',
    'source-layer': 'labels',
    minzoom: COUNTRY_RANK_MINZOOM[rank],
    maxzoom: 7,
    filter: ['all', ['==', ['get', 'kind'], 'country'], ['==', ['get', 'rank'], rank]],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [FONT_BOLD],
      'text-size': rank === 1 ? 14 : 12,
      'text-transform': 'uppercase' as const,
      'text-letter-spacing': 0.08,
      'text-max-width': 7,
    },
    paint: { 'text-color': '#6b6457', 'text-halo-color': HALO, 'text-halo-width': 1.2 },
  }));
}

/** The basemap style; `fontFaces` comes from /basemap/fonts.json (URLs made absolute here). */
export function basemapStyle(fontFaces: FontFacesSpecification, origin: string): StyleSpecification {
  const base = `${origin}/basemap/`;
  const faces: FontFacesSpecification = {};
  for (const [stack, entries] of Object.entries(fontFaces)) {
    faces[stack] =
      typeof entries === 'string'
        ? new URL(entries, base).href
        : entries.map((f) => ({ ...f, url: new URL(f.url, base).href }));
  }
  return {
    version: 8,
    'font-faces': faces,
    sources: {
      basemap: {
        type: 'vector',
        tiles: [`${base}tiles/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: TILE_MAXZOOM,
        attribution: 'Natural Earth · GeoNames',
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA } },
      {
        id: 'land',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'countries',
        paint: { 'fill-color': LAND },
      },
      {
        id: 'admin1-lines',
        type: 'line',
        source: 'basemap',
        'source-layer': 'admin1',
        minzoom: ADMIN1_LINES_MINZOOM,
        paint: {
          'line-color': ADMIN1,
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 10, 1.2],
          'line-dasharray': [3, 2],
        },
      },
      {
        id: 'country-borders',
        type: 'line',
        source: 'basemap',
        'source-layer': 'countries',
        paint: {
          'line-color': BORDER,
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.2, 10, 2],
        },
      },
      {
        id: 'admin1-label',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'labels',
        minzoom: ADMIN1_LABEL_MINZOOM,
        filter: ['==', ['get', 'kind'], 'admin1'],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-letter-spacing': 0.05,
          'text-max-width': 8,
        },
        paint: { 'text-color': '#8a8272', 'text-halo-color': HALO, 'text-halo-width': 1 },
      },
      ...countryLabelLayers(),
      ...placeLayers(),
    ],
  };
}
