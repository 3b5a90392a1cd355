// In-article merge: the same event mentioned twice in one report becomes one record with both spans.
// Runs on the extractor's candidates, before anything is stored.
import rules from '../../data/event-rules.json' with { type: 'json' };
import type { Candidate } from '../extract/index.ts';
import { EVENT_TYPES, type EventRecord, type Modality } from '../types.ts';

/** Modalities that can describe one happening without contradicting each other. */
const COMPATIBLE: Modality[][] = [
  ['asserted', 'claimed'],
  ['planned', 'possible'],
  ['hypothetical'],
  ['denied'],
  ['negated'],
];
const compatibleModality = (a: Modality, b: Modality) =>
  COMPATIBLE.some((g) => g.includes(a) && g.includes(b));

function samePlace(a: EventRecord, b: EventRecord): boolean {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return true;
  if (la.geonameId !== null && la.geonameId === lb.geonameId) return true;
  if (la.name === lb.name && la.country === lb.country) return true;
  // a country-level mention is compatible with a place inside that country
  if ((la.precision === 4 || lb.precision === 4) && la.country === lb.country) return true;
  return false;
}

function sameActor(a: EventRecord, b: EventRecord): boolean {
  const x = a.actor1;
  const y = b.actor1;
  if (!x || !y) return true;
  return x.id !== null && x.id === y.id;
}

function overlappingDates(a: EventRecord, b: EventRecord): boolean {
  const a0 = a.date.value ?? '';
  const a1 = a.date.end ?? a0;
  const b0 = b.date.value ?? '';
  const b1 = b.date.end ?? b0;
  if (!a0 || !b0) return true;
  // compare on the common prefix so that "2024-12" covers "2024-12-06"
  const cmp = (x: string, y: string) =>
    x.slice(0, Math.min(x.length, y.length)).localeCompare(y.slice(0, Math.min(x.length, y.length)));
  return cmp(a0, b1) <= 0 && cmp(b0, a1) <= 0;
}

/** Fighting, remote violence and the damage they do are one happening when one sentence tells them together. */
const VIOLENT = new Set(['combat', 'remote']);
const sameFamily = (a: string, b: string) => a === b || (VIOLENT.has(a) && VIOLENT.has(b));

/** Which type a one-sentence merge keeps: the most specific account (data/event-rules.json mergePreference). */
const PREFERENCE = rules.mergePreference.order;
const typeRank = (t: string) => {
  const i = PREFERENCE.indexOf(t);
  return i >= 0 ? i : PREFERENCE.length + EVENT_TYPES.indexOf(t as (typeof EVENT_TYPES)[number]);
};

/** Whether b is a second mention of a's event. */
function sameEvent(a: Candidate, b: Candidate): boolean {
  const ra = a.record;
  const rb = b.record;
  if (!compatibleModality(ra.modality, rb.modality)) return false;
  if (!sameActor(ra, rb) || !overlappingDates(ra, rb)) return false;
  if (a.sentence === b.sentence) {
    // one sentence, one family, one place: "Russian bombing destroyed the bridge" is one event
    if (a.triggerStart === b.triggerStart) return false; // a split over coordinated places
    return sameFamily(a.family, b.family) && samePlace(ra, rb) && ra.location?.name === rb.location?.name;
  }
  // across sentences a country-level mention may be a different event in the same country
  const countryOnly = (r: EventRecord) => (r.location?.precision ?? 4) === 4;
  return ra.type === rb.type && samePlace(ra, rb) && countryOnly(ra) === countryOnly(rb);
}

export function mergeInArticle(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const host = kept.find((k) => sameEvent(k, c));
    if (!host) {
      kept.push(c);
      continue;
    }
    // The host keeps the more specific type (air strike over destruction) and gains the other mention.
    const mention = c.record.evidence;
    if (typeRank(c.record.type) < typeRank(host.record.type) && c.sentence === host.sentence) {
      // the more specific type names what happened; the first mention keeps its actors, place and evidence
      host.record = { ...host.record, type: c.record.type, acled: c.record.acled, plover: c.record.plover };
    }
    host.record.mentions = [...(host.record.mentions ?? []), mention];
    host.record.actor1 ??= c.record.actor1;
    host.record.actor2 ??= c.record.actor2;
    host.record.fatalities ??= c.record.fatalities;
    if (host.record.source.kind === 'reporter' && c.record.source.kind !== 'reporter')
      host.record.source = c.record.source;
    host.record.confidence = Math.min(1, Math.round((host.record.confidence + 0.05) * 100) / 100);
  }
  return kept;
}
