// Control of places, derived from the event history (SPEC "Derived views / Control").
// Ingest turns each stored event into control *facts* (`controlFacts`, kept in the store's control_facts
// table); `controlAt` replays the facts of each place day by day up to a date:
//   - an asserted capture gives the captor status `held`, a claimed one status `claimed`;
//   - captures of one day by two different sides at the same strength give `contested` (holder null), and so
//     does a claimed capture that another source denies (a claim against a denial);
//   - an asserted withdrawal (or a claimed one nobody denies) clears the withdrawing holder, or hands the
//     place to the receiving side when the report names one; a denied withdrawal moves nothing;
//   - on one day withdrawals are applied before captures, so a capture the same day wins.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Member } from '../merge/cross-report.ts';
import { memberDates } from '../merge/cross-report.ts';
import { actorSide } from '../resolve/actors.ts';
import type { Actor, ControlRecord, StoredEvent } from '../types.ts';
import { EVENT_TYPES, MODALITIES } from '../types.ts';

const RulesSchema = z.object({
  version: z.number(),
  captureTypes: z.array(z.enum(EVENT_TYPES)),
  withdrawalTypes: z.array(z.enum(EVENT_TYPES)),
  denyModalities: z.array(z.enum(MODALITIES)),
  placePrecisions: z.array(z.number().int()),
});
export type ControlRules = z.infer<typeof RulesSchema>;

let cached: ControlRules | null = null;
export function controlRules(): ControlRules {
  cached ??= RulesSchema.parse(
    JSON.parse(readFileSync(new URL('../../data/control-rules.json', import.meta.url), 'utf8')),
  );
  return cached;
}

export interface Holder {
  id: string;
  name: string;
}

export interface ControlFact {
  event: string;
  placeKey: string;
  place: ControlRecord['place'];
  date: string;
  kind: 'capture' | 'withdrawal';
  /** the captor, or the side that withdraws */
  actor: Holder | null;
  /** for a withdrawal: the side that receives the place, when the report names it */
  to: Holder | null;
  strength: 'asserted' | 'claimed';
  /** the event is also denied by another source (a claim against a denial is a contest, not a claim) */
  disputed: boolean;
}

function holderOf(actor: Actor | null): Holder | null {
  if (!actor) return null;
  const name = actor.name?.trim() || actor.id || '';
  if (!actor.id && !name) return null;
  return { id: actor.id ?? `name:${name.toLowerCase()}`, name };
}

export function controlPlaceKey(place: ControlRecord['place']): string {
  return place.geonameId != null
    ? `g${place.geonameId}`
    : `n:${place.name.toLowerCase()}@${place.lat.toFixed(2)},${place.lon.toFixed(2)}`;
}

/** The control facts of one stored event, from its member reports (deterministic, sorted). */
export function controlFacts(event: StoredEvent, members: Member[], rules = controlRules()): ControlFact[] {
  const loc = event.location;
  if (!loc || loc.lat == null || loc.lon == null || !loc.name) return [];
  if (loc.precision != null && !rules.placePrecisions.includes(loc.precision)) return [];
  const place = { name: loc.name, lat: loc.lat, lon: loc.lon, geonameId: loc.geonameId ?? null };
  const placeKey = controlPlaceKey(place);
  const facts: ControlFact[] = [];
  const groups = new Map<string, { kind: ControlFact['kind']; members: Member[] }>();
  for (const member of members) {
    const { record } = member;
    const kind = rules.captureTypes.includes(record.type)
      ? 'capture'
      : rules.withdrawalTypes.includes(record.type)
        ? 'withdrawal'
        : null;
    if (!kind) continue;
    // A report that names no captor corroborates the capture of the event it was merged into.
    const eventIsCapture = rules.captureTypes.includes(event.type);
    const actor = holderOf(record.actor1 ?? (kind === 'capture' && eventIsCapture ? event.actor1 : null));
    const key = `${kind}|${actor?.id ?? ''}`;
    const group = groups.get(key) ?? { kind, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  const denied = members.some((m) => rules.denyModalities.includes(m.record.modality));
  for (const { kind, members: group } of groups.values()) {
    const modalities = new Set(group.map((m) => m.record.modality));
    let strength: ControlFact['strength'] | null = null;
    if (modalities.has('asserted')) strength = 'asserted';
    else if (modalities.has('claimed') && (kind === 'capture' || !denied)) strength = 'claimed';
    if (!strength) continue;
    // A merged event may hold a capture and a later withdrawal: each fact keeps its own reports' first day.
    const date = group
      .filter((m) => m.record.modality === strength)
      .map((m) => memberDates(m)?.from)
      .filter((d): d is string => !!d)
      .sort()[0];
    if (!date) continue;
    const sorted = [...group].sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
    const actor = holderOf(
      sorted.find((m) => m.record.actor1)?.record.actor1 ??
        (kind === 'capture' && rules.captureTypes.includes(event.type) ? event.actor1 : null),
    );
    if (kind === 'capture' && !actor) continue;
    const to =
      kind === 'withdrawal' ? holderOf(sorted.find((m) => m.record.actor2)?.record.actor2 ?? null) : null;
    facts.push({
      event: event.id,
      placeKey,
      place,
      date,
      kind,
      actor,
      to,
      strength,
      disputed: event.disputed,
    });
  }
  return facts.sort((a, b) => (a.kind + (a.actor?.id ?? '') < b.kind + (b.actor?.id ?? '') ? -1 : 1));
}

interface PlaceState {
  holder: Holder | null;
  status: ControlRecord['status'];
  since: string;
  events: string[];
}

/** Replays facts (any order) up to and including `at`; one record per place that has a state. */
export function controlAt(facts: ControlFact[], at: string): ControlRecord[] {
  return controlTimelines(facts.filter((f) => f.date <= at))
    .map((timeline) => timeline[timeline.length - 1].record)
    .sort(byPlaceName);
}

/** A place's control from `from` (inclusive) until the next segment's `from`. */
export interface ControlSegment {
  placeKey: string;
  from: string;
  record: ControlRecord;
}

const byPlaceName = (a: ControlRecord, b: ControlRecord) =>
  a.place.name < b.place.name ? -1 : a.place.name > b.place.name ? 1 : 0;

/** The whole control history of every place in the facts: one segment per day on which its state changed. */
export function controlTimelines(facts: ControlFact[]): ControlSegment[][] {
  const byPlace = new Map<string, ControlFact[]>();
  for (const fact of facts) {
    const list = byPlace.get(fact.placeKey) ?? [];
    list.push(fact);
    byPlace.set(fact.placeKey, list);
  }
  const timelines: ControlSegment[][] = [];
  for (const [placeKey, list] of byPlace) {
    const place = list[0].place;
    const segments = replay(list).map(({ day, state }) => ({
      placeKey,
      from: day,
      record: { place, holder: state.holder, since: state.since, status: state.status, events: state.events },
    }));
    if (segments.length) timelines.push(segments);
  }
  return timelines;
}

/** Replays one place's facts day by day; the state after every day that has facts. */
function replay(facts: ControlFact[]): Array<{ day: string; state: PlaceState }> {
  const days = [...new Set(facts.map((f) => f.date))].sort();
  const out: Array<{ day: string; state: PlaceState }> = [];
  let state: PlaceState | null = null;
  for (const day of days) {
    state = replayDay(
      state,
      day,
      facts
        .filter((f) => f.date === day)
        .sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0)),
    );
    if (state) out.push({ day, state: { ...state, events: [...state.events] } });
  }
  return out;
}

function replayDay(previous: PlaceState | null, day: string, today: ControlFact[]): PlaceState | null {
  let state = previous ? { ...previous } : null;
  for (const w of today.filter((f) => f.kind === 'withdrawal')) {
    const holder: Holder | null = state?.holder ?? null;
    if (holder && w.actor && actorSide(holder.id) !== actorSide(w.actor.id)) continue; // someone else's withdrawal
    state = {
      holder: w.to,
      status: w.strength === 'asserted' ? 'held' : 'claimed',
      since: day,
      events: [w.event],
    };
  }
  const captures = today.filter((f) => f.kind === 'capture');
  if (captures.length === 0) return state;
  const strength = captures.some((c) => c.strength === 'asserted') ? 'asserted' : 'claimed';
  const strongest = captures.filter((c) => c.strength === strength);
  // a group and its parent, a state and its forces, are one side: their repeated claims are no contest
  const sides = new Map(strongest.map((c) => [actorSide(c.actor!.id), c.actor!]));
  const events = [...new Set(captures.map((c) => c.event))];
  // Two sides claiming the place the same day, or a claim the other side denies: contested.
  const deniedClaim = strength === 'claimed' && strongest.some((c) => c.disputed);
  if (sides.size > 1 || deniedClaim) return { holder: null, status: 'contested', since: day, events };
  const captor = [...sides.values()][0];
  const status = strength === 'asserted' ? 'held' : 'claimed';
  if (state?.holder && actorSide(state.holder.id) === actorSide(captor.id) && state.status !== 'contested')
    // The same side again: a confirmation keeps `since`, an assertion upgrades a claim.
    return {
      ...state,
      status: status === 'held' ? 'held' : state.status,
      events: [...new Set([...state.events, ...events])],
    };
  return { holder: captor, status, since: day, events };
}
