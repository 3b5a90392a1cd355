// Turning an extracted event into the public record: stable id, ACLED and PLOVER codes, confidence.
import { createHash } from 'node:crypto';
import { typeInfo } from '../knowledge/types.ts';
import type { Actor, EventType } from '../types.ts';

/** Stable id: the same article text gives the same ids (SPEC "id"). */
export function eventId(
  article: string,
  type: EventType,
  triggerStart: number,
  placeKey: string | number | null,
): string {
  return createHash('sha256')
    .update(`${article}\u0000${type}\u0000${triggerStart}\u0000${placeKey ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

const ABDUCTION = /\b(kidnap|abduct|disappear|hostage)/i;
const SEXUAL = /\b(rape|sexual)/i;
const SUICIDE = /\bsuicide\b/i;
const INTERVENTION =
  /\b(tear ?gas|dispersed|disperse|water cannon|rubber bullets|arrested|detained|beat|baton|crackdown|fired on protesters)/i;
const MOB = /\b(mob|lynch)/i;
const BASE = /\b(base|headquarters|outpost)\b/i;

/** ACLED event type and sub-type, with the codebook's alternates where the event's details call for them. */
export function acledCodes(
  type: EventType,
  actor1: Actor | null,
  actor2: Actor | null,
  sentence: string,
): { event_type: string; sub_event_type: string } {
  const info = typeInfo(type);
  let [event_type, sub_event_type] = info.acled;
  const alt = info.altAcled ?? {};
  const pick = (key: string) => {
    if (alt[key]) [event_type, sub_event_type] = alt[key];
  };
  if (type === 'territory_capture' && actor1?.kind === 'state_forces') pick('actor1StateForces');
  if (type === 'attack' && actor2?.kind === 'civilians') pick('actor2Civilians');
  if (type === 'violence_against_civilians') {
    if (ABDUCTION.test(sentence)) pick('abduction');
    else if (SEXUAL.test(sentence)) pick('sexual');
  }
  if (type === 'bombing' && SUICIDE.test(sentence)) pick('suicide');
  if (type === 'protest' && INTERVENTION.test(sentence)) pick('intervention');
  if (type === 'riot' && MOB.test(sentence)) pick('mob');
  if (type === 'deployment' && BASE.test(sentence)) pick('base');
  return { event_type, sub_event_type };
}

export function ploverCodes(type: EventType): { event_type: string | null; mode: string | null } {
  const [event_type, mode] = typeInfo(type).plover;
  return { event_type, mode };
}
