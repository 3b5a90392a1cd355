// Per-type knowledge (data/type-mapping.json): ACLED and PLOVER codes, merge family, place preference.
import data from '../../data/type-mapping.json' with { type: 'json' };
import type { EventType } from '../types.ts';

export interface TypeInfo {
  acled: [string, string];
  altAcled?: Record<string, [string, string]>;
  plover: [string | null, string | null];
  family: string;
  claimable: boolean;
  place: 'origin' | 'destination' | 'target';
  directional: boolean;
  actorCountryFallback?: boolean;
}

const TYPES = data.types as unknown as Record<EventType, TypeInfo>;

export function typeInfo(type: EventType): TypeInfo {
  return TYPES[type];
}
