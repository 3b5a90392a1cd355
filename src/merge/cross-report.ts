// Cross-report merge: reports (extracted EventRecords from different articles) of the same real-world event
// become one StoredEvent with reports[]. Rules are data (data/merge-rules.json, see ./rules.ts).
//
// Order independence. Two reports are *compatible* when they come from different articles (or one article
// gives a claim and its denial), share a type family and modality class, their
// actors do not conflict, their places are within maxDistanceKm and their dates within maxDayGap days.
// The store recomputes, on every ingest, the whole connected component (under compatibility) that the new
// reports touch, and clusters it with `clusterMembers`, which depends only on the set of members: members are
// visited in a total order and each joins the first cluster whose members are all compatible with it
// (complete linkage, so daily recurring strikes on one town do not chain into one months-long event).
// Reconciled fields are chosen by total orders too (`reconcile`), and the merged id is the smallest member
// id, so the stored result does not depend on the order in which articles arrive.
import { actorSide } from '../resolve/actors.ts';
import type { Actor, EventRecord, Location, Report, StoredEvent } from '../types.ts';
import { dayNumber, isoRange } from './dates.ts';
import { type MergeRules, mergeRules } from './rules.ts';

/** One extracted record plus what the store knows about its article. */
export interface Member {
  record: EventRecord;
  articleDate: string | null;
  url?: string | null;
}

const EARTH_KM = 6371.0088;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The dates a member covers: its event date, else its article's publication date. */
export function memberDates(member: Member): { from: string; to: string } | null {
  const { date } = member.record;
  const start = isoRange(date?.value);
  if (start) {
    const end = isoRange(date?.end);
    return { from: start.from, to: end && end.to > start.to ? end.to : start.to };
  }
  return isoRange(member.articleDate);
}

/** Coordinates usable for distance: present and finer than "only the country". */
export function usableCoords(location: Location | null): { lat: number; lon: number } | null {
  if (!location || location.lat == null || location.lon == null) return null;
  if (!Number.isFinite(location.lat) || !Number.isFinite(location.lon)) return null;
  if (location.precision === 4) return null;
  return { lat: location.lat, lon: location.lon };
}

/** A name key for places without usable coordinates (geonameId, else name + country). */
export function placeKey(location: Location | null): string | null {
  if (!location) return null;
  if (location.geonameId != null) return `g${location.geonameId}`;
  if (location.name)
    return `n:${location.name.trim().toLowerCase()}|${(location.country ?? '').toLowerCase()}`;
  return null;
}

/** Known actors of a report: ids of actors that are not unknown/generic. */
export function knownActorIds(record: EventRecord): Set<string> {
  const ids = new Set<string>();
  for (const actor of [record.actor1, record.actor2]) if (isKnown(actor)) ids.add(actor!.id!);
  return ids;
}

function isKnown(actor: Actor | null): boolean {
  return !!actor && !!actor.id && actor.kind !== 'unknown';
}

function subsetOf(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Actors are compatible when one report's known actors are all among the other's (unknown fits all), and
 * the doers are on one side: "the army retook X from ISWAP" and "ISWAP took X" name the same two actors
 * but are two events when both are captures. A clash may be told from either side.
 */
export function actorsCompatible(a: EventRecord, b: EventRecord): boolean {
  const x = knownActorIds(a);
  const y = knownActorIds(b);
  if (!(subsetOf(x, y) || subsetOf(y, x))) return false;
  // (a capture by one side and a withdrawal by the other tell one change of hands: only same-type reports
  // must share a doer)
  if (
    a.type === b.type &&
    a.type !== 'clash' &&
    isKnown(a.actor1) &&
    isKnown(b.actor1) &&
    actorSide(a.actor1!.id!) !== actorSide(b.actor1!.id!)
  )
    return false;
  return true;
}

export function placesCompatible(a: Location | null, b: Location | null, rules: MergeRules): boolean {
  const ca = usableCoords(a);
  const cb = usableCoords(b);
  if (ca && cb) return haversineKm(ca.lat, ca.lon, cb.lat, cb.lon) <= rules.maxDistanceKm;
  if (a?.geonameId != null && a.geonameId === b?.geonameId) return true;
  if (ca || cb) return false;
  const ka = placeKey(a);
  return ka !== null && ka === placeKey(b);
}

export function datesCompatible(a: Member, b: Member, rules: MergeRules): boolean {
  const da = memberDates(a);
  const db = memberDates(b);
  if (!da || !db) return false;
  const gap = Math.max(dayNumber(da.from) - dayNumber(db.to), dayNumber(db.from) - dayNumber(da.to), 0);
  return gap <= rules.maxDayGap;
}

/** One record affirms (asserts/claims) what the other denies. */
function opposingSides(a: EventRecord, b: EventRecord, rules: MergeRules): boolean {
  const { affirm, deny } = rules.dispute;
  return (
    (affirm.includes(a.modality) && deny.includes(b.modality)) ||
    (deny.includes(a.modality) && affirm.includes(b.modality))
  );
}

/** Can these two reports be reports of the same event? Symmetric; the basis of all merging. */
export function compatible(a: Member, b: Member, rules: MergeRules = mergeRules()): boolean {
  const ra = a.record;
  const rb = b.record;
  return (
    // Two records of one article are distinct events (the in-article merge has already joined mentions),
    // unless the article gives both sides of one event: a claim and its denial.
    (ra.article !== rb.article || opposingSides(ra, rb, rules)) &&
    rules.familyOf(ra.type) === rules.familyOf(rb.type) &&
    rules.modalityClassOf(ra.modality) === rules.modalityClassOf(rb.modality) &&
    actorsCompatible(ra, rb) &&
    placesCompatible(ra.location, rb.location, rules) &&
    datesCompatible(a, b, rules)
  );
}

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Total order used to visit members when clustering: date, then id. */
function clusterOrder(a: Member, b: Member): number {
  return cmp(memberDates(a)?.from ?? '', memberDates(b)?.from ?? '') || cmp(a.record.id, b.record.id);
}

/** Deterministic complete-linkage clustering; the result depends only on the set of members. */
export function clusterMembers(members: Member[], rules: MergeRules = mergeRules()): Member[][] {
  const clusters: Member[][] = [];
  for (const member of [...members].sort(clusterOrder)) {
    const home = clusters.find((cluster) => cluster.every((other) => compatible(member, other, rules)));
    if (home) home.push(member);
    else clusters.push([member]);
  }
  return clusters;
}

const DATE_PRECISION_RANK: Record<string, number> = { day: 0, week: 1, month: 2, year: 3 };

/** Total order of reports, strongest first: attribution, place precision, date precision, confidence, id. */
export function reportOrder(rules: MergeRules = mergeRules()): (a: Member, b: Member) => number {
  const rank = (m: Member) => rules.attributionRank(m.record.modality, m.record.source.kind);
  return (a, b) =>
    rank(a) - rank(b) ||
    (a.record.location?.precision ?? 9) - (b.record.location?.precision ?? 9) ||
    (DATE_PRECISION_RANK[a.record.date?.precision ?? ''] ?? 9) -
      (DATE_PRECISION_RANK[b.record.date?.precision ?? ''] ?? 9) ||
    b.record.confidence - a.record.confidence ||
    cmp(a.record.id, b.record.id);
}

function sameSource(a: EventRecord, b: EventRecord): boolean {
  const key = (r: EventRecord) =>
    `${r.article}|${r.source.kind}|${(r.source.name ?? r.source.text ?? '').trim().toLowerCase()}`;
  return key(a) === key(b);
}

/** Disputed: one report affirms (asserts or claims) the event and a report from another source denies it. */
export function isDisputed(members: Member[], rules: MergeRules = mergeRules()): boolean {
  const affirm = members.filter((m) => rules.dispute.affirm.includes(m.record.modality));
  const deny = members.filter((m) => rules.dispute.deny.includes(m.record.modality));
  return affirm.some((a) => deny.some((d) => !sameSource(a.record, d.record)));
}

export function toReport(member: Member): Report {
  const { record } = member;
  return {
    article: record.article,
    event: record.id,
    sentence: record.evidence.sentence,
    start: record.evidence.start,
    end: record.evidence.end,
    source: record.source,
    modality: record.modality,
    dateText: record.date?.text ?? null,
    articleDate: member.articleDate,
    url: member.url ?? null,
  };
}

/** The merged event of one cluster: a deterministic function of the set of its members. */
export function reconcile(members: Member[], rules: MergeRules = mergeRules()): StoredEvent {
  if (members.length === 0) throw new Error('reconcile: empty cluster');
  const ranked = [...members].sort(reportOrder(rules));
  const strongest = ranked[0];
  // The merged type is the family's most specific type among the reports (e.g. a capture over a clash);
  // the best-ranked report of that type gives the actors, the ACLED/PLOVER types and the evidence.
  const typeRank = Math.min(...ranked.map((m) => rules.typeRank(m.record.type)));
  const ofType = ranked.filter((m) => rules.typeRank(m.record.type) === typeRank);
  const primary = ofType[0].record;
  const firstOf = <T>(pick: (r: EventRecord) => T | null | undefined, pool = ranked): T | null => {
    for (const m of pool) {
      const value = pick(m.record);
      if (value != null) return value;
    }
    return null;
  };
  const location =
    [...ranked]
      .filter((m) => m.record.location)
      .sort((a, b) => (a.record.location!.precision ?? 9) - (b.record.location!.precision ?? 9))[0]?.record
      .location ?? null;
  const date = primary.date?.value
    ? primary.date
    : (firstOf((r) => (r.date?.value ? r.date : null)) ?? primary.date);
  const reports = members
    .map(toReport)
    .sort(
      (a, b) =>
        cmp(a.articleDate ?? '', b.articleDate ?? '') ||
        cmp(a.article, b.article) ||
        a.start - b.start ||
        cmp(a.event, b.event),
    );
  const id = members.map((m) => m.record.id).sort(cmp)[0];
  const { mentions: _mentions, ...base } = primary;
  return {
    ...base,
    id,
    actor1: primary.actor1 ?? firstOf((r) => r.actor1, ofType),
    actor2: primary.actor2 ?? firstOf((r) => r.actor2, ofType),
    location,
    date,
    modality: strongest.record.modality,
    source: strongest.record.source,
    fatalities: primary.fatalities ?? firstOf((r) => r.fatalities),
    confidence: Math.max(...members.map((m) => m.record.confidence)),
    article: strongest.record.article,
    reports,
    disputed: isDisputed(members, rules),
  };
}

/** Merges a whole batch of members at once (tests, exports of in-memory sets): components, then clusters. */
export function mergeAll(members: Member[], rules: MergeRules = mergeRules()): StoredEvent[] {
  return components(members, rules)
    .flatMap((component) => clusterMembers(component, rules).map((cluster) => reconcile(cluster, rules)))
    .sort((a, b) => cmp(a.id, b.id));
}

/** Connected components under `compatible` (quadratic; for in-memory sets and store neighbourhoods). */
export function components(members: Member[], rules: MergeRules = mergeRules()): Member[][] {
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++)
      if (find(i) !== find(j) && compatible(members[i], members[j], rules)) parent[find(i)] = find(j);
  const groups = new Map<number, Member[]>();
  members.forEach((m, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(m);
    else groups.set(root, [m]);
  });
  return [...groups.values()];
}
