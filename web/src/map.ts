// The map: offline basemap, events as points coloured by type (clustered when zoomed out), the selected
// event ringed, and the control layer (places coloured by holder; held filled, claimed hollow and dashed,
// contested striped).
import {
  type FontFacesSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import type { ControlRecord } from '../../src/types.ts';
import { basemapStyle, FONT_BOLD, FONT_REGULAR } from './basemap-style.ts';
import { holderColor, typeColorExpression } from './colors.ts';

type FeatureCollection = { type: 'FeatureCollection'; features: unknown[] };

export interface MapOptions {
  container: HTMLElement;
  fontFaces: FontFacesSpecification;
  camera: [number, number, number] | null;
  onEventsClick: (ids: string[]) => void;
  onMove: (camera: [number, number, number]) => void;
}

export const EVENT_LAYERS = ['event-points'];
const CONTROL_STATUSES = ['held', 'claimed', 'contested'] as const;

/**
 * Draws a control marker, wider than an event point so that the events of the place stay visible inside it:
 * held = tinted disc with a solid ring, claimed = dashed ring, contested = striped disc.
 */
function controlIcon(status: (typeof CONTROL_STATUSES)[number], color: string): ImageData {
  const ratio = 2;
  const size = 34 * ratio;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const c = size / 2;
  const r = size / 2 - 3 * ratio;
  const circle = () => {
    ctx.beginPath();
    ctx.arc(c, c, r, 0, Math.PI * 2);
  };
  if (status === 'held') {
    circle();
    ctx.globalAlpha = 0.45;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 3.5 * ratio;
    ctx.strokeStyle = color;
    ctx.stroke();
  } else if (status === 'claimed') {
    circle();
    ctx.fillStyle = 'rgba(255,255,255,0.55)';
    ctx.fill();
    ctx.setLineDash([5 * ratio, 3.5 * ratio]);
    ctx.lineWidth = 3.5 * ratio;
    ctx.strokeStyle = color;
    ctx.stroke();
  } else {
    ctx.save();
    circle();
    ctx.clip();
    ctx.fillStyle = 'rgba(255,255,255,0.6)';
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = 'rgba(34,34,34,0.75)';
    ctx.lineWidth = 2.5 * ratio;
    for (let x = -size; x < size * 2; x += 8 * ratio) {
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x + size, size);
      ctx.stroke();
    }
    ctx.restore();
    circle();
    ctx.strokeStyle = '#222222';
    ctx.lineWidth = 2.5 * ratio;
    ctx.stroke();
  }
  return ctx.getImageData(0, 0, size, size);
}

export function controlFeatures(records: ControlRecord[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((r) => {
      const color = r.status === 'contested' ? '#222222' : holderColor(r.holder?.id ?? null);
      return {
        type: 'Feature',
        properties: {
          place: r.place.name,
          status: r.status,
          holder: r.holder?.name ?? (r.status === 'contested' ? 'contested' : 'nobody'),
          holderId: r.holder?.id ?? '',
          since: r.since ?? '',
          icon: `control:${r.status}:${color}`,
          color,
        },
        geometry: { type: 'Point', coordinates: [r.place.lon, r.place.lat] },
      };
    }),
  };
}

export class EventMap {
  readonly map: MapLibreMap;
  private loaded: Promise<void>;
  private fitted = false;

  constructor(private options: MapOptions) {
    setWorkerUrl(new URL('/maplibre-gl-worker.mjs', location.origin).href);
    const [lon, lat, zoom] = options.camera ?? [20, 20, 1.5];
    this.fitted = options.camera !== null;
    this.map = new MapLibreMap({
      container: options.container,
      style: basemapStyle(options.fontFaces, location.origin),
      center: [lon, lat],
      zoom,
      attributionControl: { compact: true },
      maxZoom: 14,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.touchZoomRotate.disableRotation();
    this.map.on('styleimagemissing', (e) => this.makeIcon(e.id));
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.loaded.then(() => this.addLayers());
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      options.onMove([c.lng, c.lat, this.map.getZoom()]);
    });
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  private makeIcon(id: string): void {
    const m = /^control:(held|claimed|contested):(#[0-9a-f]{6})$/i.exec(id);
    if (!m || this.map.hasImage(id)) return;
    this.map.addImage(id, controlIcon(m[1] as (typeof CONTROL_STATUSES)[number], m[2]), { pixelRatio: 2 });
  }

  private addLayers(): void {
    const map = this.map;
    map.addSource('events', {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterRadius: 36,
      clusterMaxZoom: 8,
      promoteId: 'id',
    });
    map.addSource('control', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'control-markers',
      type: 'symbol',
      source: 'control',
      layout: {
        visibility: 'none',
        'icon-image': ['get', 'icon'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        // Place and holder: the place name also keeps two places with the same holder from being taken for
        // one label by MapLibre's cross-tile de-duplication (same text, a few pixels apart).
        'text-field': ['format', ['get', 'place'], { 'font-scale': 0.9 }, '\n', {}, ['get', 'holder'], {}],
        'text-font': [FONT_REGULAR],
        'text-size': 11,
        'text-offset': [0, 1.9],
        'text-anchor': 'top',
        'text-optional': true,
      },
      // Dark text: some holder colours are too light to read as text; the marker carries the colour.
      paint: { 'text-color': '#2b2b2b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    });
    map.addLayer({
      id: 'event-clusters',
      type: 'circle',
      source: 'events',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#3b3b3b',
        'circle-opacity': 0.82,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 100, 22, 1000, 28],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: 'event-cluster-count',
      type: 'symbol',
      source: 'events',
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [FONT_BOLD],
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    });
    map.addLayer({
      id: 'event-selected',
      type: 'circle',
      source: 'events',
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#111111',
        'circle-stroke-width': 3,
      },
    });
    map.addLayer({
      id: 'event-points',
      type: 'circle',
      source: 'events',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': typeColorExpression() as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 5, 10, 8],
        // Disputed events get a black ring; claimed ones are lighter than asserted ones.
        'circle-stroke-color': ['case', ['get', 'disputed'], '#000000', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'disputed'], 3, 1.5],
        'circle-opacity': ['match', ['get', 'modality'], 'asserted', 0.95, 'claimed', 0.8, 0.6],
      },
    });
    // Control markers above the clusters (so that a cluster does not hide who holds the place under it) and
    // below the event points, which stay clickable in the middle of their place's marker.
    map.moveLayer('control-markers', 'event-selected');
    map.on('click', 'event-clusters', async (e) => {
      const feature = e.features?.[0];
      const clusterId = feature?.properties?.cluster_id as number | undefined;
      if (!feature || clusterId === undefined) return;
      const zoom = await (map.getSource('events') as GeoJSONSource).getClusterExpansionZoom(clusterId);
      map.easeTo({
        center: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates,
        zoom,
      });
    });
    map.on('click', 'event-points', (e) => {
      const ids = [...new Set((e.features ?? []).map((f: MapGeoJSONFeature) => String(f.properties.id)))];
      if (ids.length) this.options.onEventsClick(ids);
    });
    for (const layer of ['event-points', 'event-clusters']) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
      });
    }
  }

  async setEvents(collection: FeatureCollection, fitIfNew: boolean): Promise<void> {
    await this.loaded;
    (this.map.getSource('events') as GeoJSONSource).setData(collection as never);
    if (fitIfNew && !this.fitted && collection.features.length) {
      this.fitted = true;
      this.fit(collection);
    }
  }

  /**
   * Fits the view to the main theatre: the events within ~15° of the median event when they are at least half
   * of all (a mis-placed event on another continent must not shrink the map to a world view), else all.
   */
  private fit(collection: FeatureCollection): void {
    const points = (collection.features as Array<{ geometry: { coordinates: [number, number] } }>).map(
      (f) => f.geometry.coordinates,
    );
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const mLon = median(points.map((p) => p[0]));
    const mLat = median(points.map((p) => p[1]));
    const near = points.filter(([lon, lat]) => Math.abs(lon - mLon) <= 15 && Math.abs(lat - mLat) <= 15);
    const focus = near.length * 2 >= points.length ? near : points;
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const [lon, lat] of focus) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    const pad = 0.5;
    const bounds: LngLatBoundsLike = [
      [w - pad, s - pad],
      [e + pad, n + pad],
    ];
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 9, duration: 0 });
  }

  async select(id: string | null): Promise<void> {
    await this.loaded;
    this.map.setFilter('event-selected', [
      'all',
      ['!', ['has', 'point_count']],
      ['==', ['get', 'id'], id ?? ''],
    ]);
  }

  async setControl(records: ControlRecord[] | null): Promise<void> {
    await this.loaded;
    const visible = records !== null;
    this.map.setLayoutProperty('control-markers', 'visibility', visible ? 'visible' : 'none');
    if (records) (this.map.getSource('control') as GeoJSONSource).setData(controlFeatures(records) as never);
  }

  /** Brings a point into view (a shared link to an event, an event opened from a list) without moving otherwise. */
  reveal(lon: number, lat: number): void {
    if (this.map.getBounds().contains([lon, lat])) return;
    this.map.easeTo({ center: [lon, lat], zoom: Math.max(this.map.getZoom(), 6), duration: 0 });
  }

  resize(): void {
    this.map.resize();
  }
}
