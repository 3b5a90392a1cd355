// Loads and validates data/merge-rules.json: the knowledge behind the cross-report merge is data, not code.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  EVENT_TYPES,
  type EventType,
  MODALITIES,
  type Modality,
  SOURCE_KINDS,
  type SourceKind,
} from '../types.ts';

const modality = z.enum(MODALITIES);
const RulesSchema = z.object({
  version: z.number(),
  maxDistanceKm: z.number().positive(),
  maxDayGap: z.number().int().nonnegative(),
  lockCellDegrees: z.number().positive(),
  families: z.record(z.string(), z.array(z.enum(EVENT_TYPES)).min(1)),
  modalityClasses: z.record(z.string(), z.array(modality)),
  neutralSourceKinds: z.array(z.enum(SOURCE_KINDS)),
  attribution: z.array(z.object({ modality, sourceKinds: z.array(z.enum(SOURCE_KINDS)).optional() })).min(1),
  dispute: z.object({ affirm: z.array(modality), deny: z.array(modality) }),
});
export type MergeRulesData = z.infer<typeof RulesSchema>;

export interface MergeRules extends MergeRulesData {
  familyOf: (type: EventType) => string;
  /** rank of a type inside its family: lower wins when a merged event's type is chosen */
  typeRank: (type: EventType) => number;
  modalityClassOf: (modality: Modality) => string;
  /** attribution rank of a report: lower is stronger */
  attributionRank: (modality: Modality, sourceKind: SourceKind) => number;
}

export function parseMergeRules(data: unknown): MergeRules {
  const rules = RulesSchema.parse(data);
  const family = new Map<EventType, string>();
  const rank = new Map<EventType, number>();
  for (const [name, types] of Object.entries(rules.families)) {
    types.forEach((type, index) => {
      if (family.has(type)) throw new Error(`merge rules: type ${type} is in two families`);
      family.set(type, name);
      rank.set(type, index);
    });
  }
  const modalityClass = new Map<Modality, string>();
  for (const [name, modalities] of Object.entries(rules.modalityClasses))
    for (const m of modalities) modalityClass.set(m, name);
  return {
    ...rules,
    // A type missing from the data is its own family: it merges only with itself.
    familyOf: (type) => family.get(type) ?? type,
    typeRank: (type) => rank.get(type) ?? 0,
    modalityClassOf: (m) => modalityClass.get(m) ?? m,
    attributionRank(m, kind) {
      const index = rules.attribution.findIndex(
        (rule) => rule.modality === m && (!rule.sourceKinds || rule.sourceKinds.includes(kind)),
      );
      return index === -1 ? rules.attribution.length : index;
    },
  };
}

let cached: MergeRules | null = null;
export function mergeRules(): MergeRules {
  cached ??= parseMergeRules(
    JSON.parse(readFileSync(new URL('../../data/merge-rules.json', import.meta.url), 'utf8')),
  );
  return cached;
}
