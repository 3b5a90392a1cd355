// Colours: one per event type (grouped by family so the map reads at a glance), and a stable colour per
// holder of a place (hashed from the holder id, so the same side keeps its colour across days and reloads).
import { EVENT_TYPES, type EventType } from '../../src/types.ts';

export const TYPE_COLORS: Record<EventType, string> = {
  // fighting: reds and oranges
  clash: '#d7301f',
  territory_capture: '#b30000',
  withdrawal: '#fc8d59',
  attack: '#ef6548',
  // remote violence: purples
  air_strike: '#6a51a3',
  shelling: '#807dba',
  bombing: '#54278f',
  // against civilians: dark magenta
  violence_against_civilians: '#ae017e',
  arrest: '#dd3497',
  destruction: '#8c510a',
  // strategic developments: blues and teals
  deployment: '#2171b5',
  military_aid: '#4292c6',
  border_closure: '#08519c',
  displacement: '#01665e',
  agreement: '#35978f',
  appeal: '#80cdc1',
  threat: '#c51b7d',
  defection: '#5ab4ac',
  // unrest: greens
  protest: '#41ab5d',
  riot: '#006d2c',
};

export const TYPE_LABELS: Record<EventType, string> = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, t.replace(/_/g, ' ')]),
) as Record<EventType, string>;

/** A MapLibre `match` expression colouring features by their `type` property. */
export function typeColorExpression(): unknown[] {
  return ['match', ['get', 'type'], ...EVENT_TYPES.flatMap((t) => [t, TYPE_COLORS[t]]), '#777777'];
}

const HOLDER_PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#1f78b4',
  '#b2df8a',
  '#fb9a99',
  '#cab2d6',
  '#6a3d9a',
];

export function holderColor(holderId: string | null): string {
  if (!holderId) return '#555555';
  let hash = 2166136261;
  for (let i = 0; i < holderId.length; i++) {
    hash ^= holderId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return HOLDER_PALETTE[(hash >>> 0) % HOLDER_PALETTE.length];
}
