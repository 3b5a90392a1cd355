// The public contract of sitrep (see SPEC.md "The event record").
// Every stage of the pipeline speaks these types; nothing here has behaviour.

export const EVENT_TYPES = [
  'clash',
  'territory_capture',
  'withdrawal',
  'air_strike',
  'shelling',
  'bombing',
  'attack',
  'violence_against_civilians',
  'arrest',
  'destruction',
  'deployment',
  'military_aid',
  'border_closure',
  'displacement',
  'protest',
  'riot',
  'agreement',
  'appeal',
  'threat',
  'defection',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MODALITIES = [
  'asserted',
  'claimed',
  'denied',
  'planned',
  'possible',
  'hypothetical',
  'negated',
] as const;
export type Modality = (typeof MODALITIES)[number];

export const SOURCE_KINDS = [
  'official',
  'anonymous_official',
  'party_to_conflict',
  'organization',
  'media',
  'witness',
  'reporter',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ACTOR_KINDS = [
  'state_forces',
  'rebel',
  'militia',
  'political',
  'civilians',
  'external',
  'unknown',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** An article as it enters the pipeline. `date` is the publication date (YYYY-MM-DD) used as the anchor. */
export interface Article {
  id: string;
  date: string | null;
  title?: string | null;
  text: string;
  url?: string | null;
  source?: string | null;
}

export interface Actor {
  name: string;
  id: string | null;
  kind: ActorKind | null;
  country: string | null;
}

export interface Location {
  name: string | null;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  country: string | null;
  /** 1 town itself, 2 near it / district, 3 region or province, 4 only the country */
  precision: 1 | 2 | 3 | 4 | null;
  geonameId: number | null;
}

export interface EventDate {
  value: string | null;
  end: string | null;
  precision: DatePrecision | null;
  text: string | null;
}

export interface Source {
  text: string | null;
  kind: SourceKind;
  name: string | null;
}

export interface Fatalities {
  value: number | null;
  min: number | null;
  max: number | null;
  text: string;
}

/** A character range in the article with its role in the event. */
export interface Span {
  role: 'trigger' | 'actor1' | 'actor2' | 'place' | 'date' | 'source' | 'fatalities';
  start: number;
  end: number;
  text: string;
}

export interface Evidence {
  sentence: string;
  start: number;
  end: number;
  spans: Span[];
}

export interface EventRecord {
  id: string;
  type: EventType;
  actor1: Actor | null;
  actor2: Actor | null;
  location: Location | null;
  date: EventDate;
  modality: Modality;
  source: Source;
  fatalities: Fatalities | null;
  acled: { event_type: string; sub_event_type: string };
  plover: { event_type: string | null; mode: string | null };
  evidence: Evidence;
  confidence: number;
  article: string;
  /** Other mentions of the same event within the article (merged by the in-article merge). */
  mentions?: Evidence[];
}

/** One report of a stored, merged event (SPEC "Derived views / Merge"). */
export interface Report {
  article: string;
  event: string;
  sentence: string;
  start: number;
  end: number;
  source: Source;
  modality: Modality;
  dateText: string | null;
  articleDate: string | null;
  url?: string | null;
}

export interface StoredEvent extends EventRecord {
  reports: Report[];
  disputed: boolean;
}

export interface ControlRecord {
  place: { name: string; lat: number; lon: number; geonameId: number | null };
  holder: { id: string; name: string } | null;
  since: string | null;
  status: 'held' | 'claimed' | 'contested';
  events: string[];
}

/** A problem with an input, as a message on the file (vfile style), never an exception that stops a batch. */
export interface InputMessage {
  file: string;
  line: number | null;
  reason: string;
  fatal: boolean;
}
