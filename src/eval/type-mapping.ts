// Loads data/eval-type-mapping.json: gold event-type labels (PLOVER, CAMEO, ACLED, CASE 2021) → sitrep types.
import { readFileSync } from 'node:fs';
import { EVENT_TYPES, type EventType } from '../types.ts';

export interface EvalTypeMapping {
  plover: {
    types: Record<string, string[]>;
    modes: Record<string, string[]>;
    contexts: Record<string, string[]>;
  };
  cameo: { codes: Record<string, string[]> };
  acled: { subEventTypes: Record<string, string[]> };
  case2021: { labels: Record<string, string | null>; tolerated?: Record<string, string[]> };
}

export const DEFAULT_MAPPING_PATH = new URL('../../data/eval-type-mapping.json', import.meta.url);

/** A gold label's sitrep types: a list (possibly empty = outside sitrep's types), or null = label not in the table. */
export type Mapped = EventType[] | null;

const KNOWN = new Set<string>(EVENT_TYPES);

/** Every sitrep type named in the mapping that is not one of the 20 (for the data test). */
export function unknownTypes(mapping: EvalTypeMapping): string[] {
  const lists = [
    ...Object.values(mapping.plover.types),
    ...Object.values(mapping.plover.modes),
    ...Object.values(mapping.plover.contexts),
    ...Object.values(mapping.cameo.codes),
    ...Object.values(mapping.acled.subEventTypes),
    ...Object.values(mapping.case2021.tolerated ?? {}),
  ];
  return [...new Set(lists.flat().filter((t) => !KNOWN.has(t)))];
}

let cached: EvalTypeMapping | null = null;

export function loadEvalTypeMapping(path: URL | string = DEFAULT_MAPPING_PATH): EvalTypeMapping {
  if (path === DEFAULT_MAPPING_PATH && cached) return cached;
  const mapping = JSON.parse(readFileSync(path, 'utf8')) as EvalTypeMapping;
  const bad = unknownTypes(mapping);
  if (bad.length) throw new Error(`eval type mapping names unknown sitrep types: ${bad.join(', ')}`);
  if (path === DEFAULT_MAPPING_PATH) cached = mapping;
  return mapping;
}

const asTypes = (list: string[] | undefined): Mapped => (list ? (list as EventType[]) : null);

/** PLOVER type with optional mode and context (comma-separated in the GSR): mode first, then context, then type. */
export function mapPlover(
  mapping: EvalTypeMapping,
  type: string,
  mode: string | null | undefined,
  context: string | null | undefined,
): Mapped {
  const t = type.toUpperCase();
  if (mode) {
    const byMode = mapping.plover.modes[`${t}/${mode}`];
    if (byMode) return asTypes(byMode);
  }
  for (const c of (context ?? '').split(',').map((s) => s.trim())) {
    const byContext = c ? mapping.plover.contexts[`${t}/${c}`] : undefined;
    if (byContext) return asTypes(byContext);
  }
  return asTypes(mapping.plover.types[t]);
}

/** CAMEO code: the longest prefix present in the table. */
export function mapCameo(mapping: EvalTypeMapping, code: string): Mapped {
  for (let n = code.length; n >= 2; n--) {
    const hit = mapping.cameo.codes[code.slice(0, n)];
    if (hit) return asTypes(hit);
  }
  return null;
}

/** ACLED sub-event type by its codebook name (case-insensitive). */
export function mapAcledSubEvent(mapping: EvalTypeMapping, name: string): Mapped {
  const key = Object.keys(mapping.acled.subEventTypes).find(
    (k) => k.toLowerCase() === name.trim().toLowerCase(),
  );
  return key ? asTypes(mapping.acled.subEventTypes[key]) : null;
}

/** CASE 2021 task-2 label → its ACLED sub-event type name (null: an 'unseen' label outside ACLED; undefined: unknown). */
export function case2021ToAcled(mapping: EvalTypeMapping, label: string): string | null | undefined {
  return mapping.case2021.labels[label];
}

/** Types an out-of-scope CASE 2021 label may legitimately produce (not counted as false alarms). */
export function case2021Tolerated(mapping: EvalTypeMapping, label: string): EventType[] {
  return (mapping.case2021.tolerated?.[label] ?? []) as EventType[];
}
