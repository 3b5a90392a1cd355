// The store (src/store/types.ts): PGlite by default, PostgreSQL for postgres:// URLs, the same SQL on both.
// Ingest is one transaction per article: the article row, its reports, and the merged events and control
// facts of every neighbourhood it touches, so a crash never leaves half an article and re-ingesting skips
// articles whose normalised-text hash is stored.
import { createHash } from 'node:crypto';
import { articleId as textHash } from '../input/article-id.ts';
import {
  clusterMembers,
  compatible,
  type Member,
  memberDates,
  placeKey,
  reconcile,
  usableCoords,
} from '../merge/cross-report.ts';
import { type MergeRules, mergeRules } from '../merge/rules.ts';
import type { Article, ControlRecord, EventRecord, StoredEvent } from '../types.ts';
import { type ControlFact, controlFacts, controlTimelines } from '../views/control.ts';
import { type Db, openDb, type Queryable } from './db.ts';
import { migrate } from './migrate.ts';
import type { EventQuery, IngestResult, Store, StoreStats } from './types.ts';

export { openDb, resolveDbLocation } from './db.ts';
export type { EventQuery, IngestResult, Store, StoreStats } from './types.ts';

// Records are read as JSON text (record::text) and parsed in JS: faster than the drivers' JSONB decoding.
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 10_000;
/** attempts of one article's transaction when PostgreSQL reports a deadlock or serialization failure */
const MAX_ATTEMPTS = 5;

export interface OpenStoreOptions {
  /** apply pending migrations (default true); false makes an old schema an error */
  upgrade?: boolean;
}

/** Opens (and migrates) the store at `url`: a PGlite directory, `memory://`, or a postgres:// URL. */
export async function openStore(url?: string, opts: OpenStoreOptions = {}): Promise<SqlStore> {
  const db = await openDb(url);
  const store = new SqlStore(db);
  try {
    await migrate(db, { upgrade: opts.upgrade });
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return store;
}

interface ReportRow {
  extracted_id: string;
  event_id: string;
  article_date: string | null;
  url: string | null;
  record: EventRecord;
}

const DAY_MS = 86_400_000;
const shiftDay = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A 64-bit advisory-lock key for a merge cell, identical in every process. */
function lockKey(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/** The coarse merge cells a member's neighbourhood overlaps: family + lock-grid cell (or place key). */
function mergeCells(member: Member, rules: MergeRules): string[] {
  const family = rules.familyOf(member.record.type);
  const coords = usableCoords(member.record.location);
  if (!coords) return [`${family}|p|${placeKey(member.record.location) ?? member.record.id}`];
  const { dLat, dLon } = searchBox(coords.lat, rules);
  const size = rules.lockCellDegrees;
  const cells = new Set<string>();
  for (const lat of [coords.lat - dLat, coords.lat + dLat])
    for (const lon of [coords.lon - dLon, coords.lon + dLon])
      cells.add(`${family}|c|${Math.floor(lat / size)}|${Math.floor(lon / size)}`);
  return [...cells];
}

/** Degrees of latitude/longitude that cover maxDistanceKm around a latitude. */
function searchBox(lat: number, rules: MergeRules): { dLat: number; dLon: number } {
  const dLat = rules.maxDistanceKm / 110.574 + 0.001;
  const cos = Math.max(Math.cos((Math.abs(lat) * Math.PI) / 180), 0.01);
  return { dLat, dLon: Math.min(180, rules.maxDistanceKm / (111.32 * cos) + 0.001) };
}

function encodeCursor(dateFrom: string, id: string): string {
  return Buffer.from(JSON.stringify([dateFrom, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {}
  throw new Error(`invalid cursor: ${cursor}`);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SqlStore implements Store {
  constructor(
    readonly db: Db,
    readonly rules: MergeRules = mergeRules(),
  ) {}

  async migrate(): Promise<void> {
    await migrate(this.db);
  }

  async hasArticle(id: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM articles WHERE id = $1 OR hash = $1', [id]);
    return rows.length > 0;
  }

  /** True when an article with the same normalised text is stored (the idempotence check). */
  async hasText(text: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM articles WHERE hash = $1', [textHash(text)]);
    return rows.length > 0;
  }

  async ingest(article: Article, events: EventRecord[]): Promise<IngestResult> {
    const hash = textHash(article.text);
    const skipped: IngestResult = { article: article.id, inserted: false, created: [], updated: [] };
    if ((await this.db.query('SELECT 1 FROM articles WHERE hash = $1', [hash])).rows.length) return skipped;
    // Two PostgreSQL writers whose merge neighbourhoods grow into each other can deadlock on the cell locks;
    // the server aborts one of them, which simply tries again (PGlite has one connection: never happens).
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.ingestOnce(article, events, hash, skipped);
        // After the commit, so that a reader who sees the new count also sees the new timelines.
        if (this.controlTouched.delete(result)) await this.db.query("SELECT nextval('control_changes')");
        return result;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  private ingestOnce(article: Article, events: EventRecord[], hash: string, skipped: IngestResult) {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO articles (id, hash, date, title, url, source, text) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          article.id,
          hash,
          article.date,
          article.title ?? null,
          article.url ?? null,
          article.source ?? null,
          article.text,
        ],
      );
      if (inserted.rows.length === 0) {
        // Another writer stored the same text meanwhile (fine), or a different text claims this id (not fine).
        const same = await tx.query('SELECT 1 FROM articles WHERE hash = $1', [hash]);
        if (same.rows.length) return skipped;
        throw new Error(`article id ${article.id} is already stored with a different text`);
      }
      const members: Member[] = [...events]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((record) => ({ record, articleDate: article.date, url: article.url ?? null }));
      await this.insertReports(tx, members, article.id);
      const { created, updated, controlChanged } = await this.remerge(tx, members);
      const result = { article: article.id, inserted: true, created, updated };
      if (controlChanged) this.controlTouched.add(result);
      return result;
    });
  }

  private async insertReports(tx: Queryable, members: Member[], articleId: string): Promise<void> {
    if (members.length === 0) return;
    const rows = members.map((member) => {
      const { record } = member;
      const dates = memberDates(member);
      const coords = usableCoords(record.location);
      return {
        extracted_id: record.id,
        article_id: articleId,
        family: this.rules.familyOf(record.type),
        date_from: dates?.from ?? null,
        date_to: dates?.to ?? null,
        lat: coords?.lat ?? null,
        lon: coords?.lon ?? null,
        place_key: placeKey(record.location),
        sentence: record.evidence.sentence,
        start_offset: record.evidence.start,
        end_offset: record.evidence.end,
        source: record.source,
        modality: record.modality,
        date_text: record.date?.text ?? null,
        article_date: member.articleDate,
        url: member.url ?? null,
        record,
      };
    });
    // One statement per article: the rows travel as one JSON parameter (same SQL on PGlite and PostgreSQL).
    await tx.query(
      `INSERT INTO reports (extracted_id, event_id, article_id, family, date_from, date_to, lat, lon, place_key,
         sentence, start_offset, end_offset, source, modality, date_text, article_date, url, record)
       SELECT extracted_id, extracted_id, article_id, family, date_from, date_to, lat, lon, place_key,
         sentence, start_offset, end_offset, source, modality, date_text, article_date, url, record
       FROM jsonb_to_recordset($1::jsonb) AS x(extracted_id text, article_id text, family text, date_from text,
         date_to text, lat double precision, lon double precision, place_key text, sentence text,
         start_offset integer, end_offset integer, source jsonb, modality text, date_text text,
         article_date text, url text, record jsonb)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Re-merges the connected component (under `compatible`) that the new members belong to: finds it with a
   * breadth-first search over stored reports, holding advisory locks on every merge cell it visits so two
   * writers never merge the same neighbourhood at once, then rewrites its events and control facts.
   */
  private async remerge(
    tx: Queryable,
    fresh: Member[],
  ): Promise<{ created: string[]; updated: string[]; controlChanged: boolean }> {
    const locked = new Set<string>();
    const component = new Map<string, Member>(fresh.map((m) => [m.record.id, m]));
    const eventOf = new Map<string, string>();
    let frontier = fresh;
    while (frontier.length > 0) {
      // Locks are taken in key order within one statement; a writer that must extend its component into
      // cells another writer holds waits (PostgreSQL reports a deadlock, and the queue retries the job).
      const cells = [...new Set(frontier.flatMap((m) => mergeCells(m, this.rules)))].filter(
        (c) => !locked.has(c),
      );
      if (cells.length) {
        for (const cell of cells) locked.add(cell);
        await tx.query(
          'SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) AS keys',
          [cells.map(lockKey).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))],
        );
      }
      const next: Member[] = [];
      const rows = await this.neighbours(tx, frontier);
      for (const member of frontier)
        for (const row of rows) {
          eventOf.set(row.extracted_id, row.event_id);
          if (component.has(row.extracted_id)) continue;
          const candidate: Member = { record: row.record, articleDate: row.article_date, url: row.url };
          if (!compatible(member, candidate, this.rules)) continue;
          component.set(row.extracted_id, candidate);
          next.push(candidate);
        }
      frontier = next;
    }
    // Reports of the fresh members point at themselves until now; they are not events yet.
    const freshIds = new Set(fresh.map((m) => m.record.id));
    const previous = [
      ...new Set(
        [...component.keys()]
          .map((id) => eventOf.get(id))
          .filter((id): id is string => !!id && !freshIds.has(id)),
      ),
    ];
    const places = new Set<string>();
    if (previous.length) {
      await tx.query('DELETE FROM events WHERE id = ANY($1::text[])', [previous]);
      const removed = await tx.query<{ place_key: string }>(
        'DELETE FROM control_facts WHERE event_id = ANY($1::text[]) RETURNING place_key',
        [previous],
      );
      for (const row of removed.rows) places.add(row.place_key);
    }
    const events: StoredEvent[] = [];
    const assignments: Array<{ event: string; report: string }> = [];
    const facts: ControlFact[] = [];
    for (const cluster of clusterMembers([...component.values()], this.rules)) {
      const event = reconcile(cluster, this.rules);
      events.push(event);
      for (const m of cluster)
        if (eventOf.get(m.record.id) !== event.id) assignments.push({ event: event.id, report: m.record.id });
      facts.push(...controlFacts(event, cluster));
    }
    await this.insertEvents(tx, events);
    if (assignments.length)
      await tx.query(
        `UPDATE reports SET event_id = a.event FROM jsonb_to_recordset($1::jsonb) AS a(event text, report text)
         WHERE reports.extracted_id = a.report`,
        [JSON.stringify(assignments)],
      );
    await this.insertFacts(tx, facts);
    for (const fact of facts) places.add(fact.placeKey);
    await this.rebuildControl(tx, [...places]);
    const controlChanged = places.size > 0;
    const before = new Set(previous);
    return {
      created: events.filter((e) => !before.has(e.id)).map((e) => e.id),
      updated: events.filter((e) => before.has(e.id)).map((e) => e.id),
      controlChanged,
    };
  }

  /** Stored reports that may be compatible with any of `members`: same family, nearby, dates within the gap. */
  private async neighbours(tx: Queryable, members: Member[]): Promise<ReportRow[]> {
    const probes = [];
    for (const member of members) {
      const dates = memberDates(member);
      if (!dates) continue;
      const coords = usableCoords(member.record.location);
      const box = coords ? searchBox(coords.lat, this.rules) : null;
      const geonameId = member.record.location?.geonameId;
      probes.push({
        family: this.rules.familyOf(member.record.type),
        dfrom: shiftDay(dates.from, -this.rules.maxDayGap),
        dto: shiftDay(dates.to, this.rules.maxDayGap),
        lat1: coords && box ? coords.lat - box.dLat : null,
        lat2: coords && box ? coords.lat + box.dLat : null,
        lon1: coords && box ? coords.lon - box.dLon : null,
        lon2: coords && box ? coords.lon + box.dLon : null,
        pkey: coords ? (geonameId != null ? `g${geonameId}` : null) : placeKey(member.record.location),
      });
    }
    if (probes.length === 0) return [];
    // LATERAL makes the planner probe the spatial and place-key indexes once per new report instead of
    // hash-joining the whole reports table.
    const dates = 'r.family = q.family AND r.date_to >= q.dfrom AND r.date_from <= q.dto';
    const { rows } = await tx.query<ReportRow>(
      `SELECT n.* FROM jsonb_to_recordset($1::jsonb) AS q(family text, dfrom text, dto text,
         lat1 double precision, lat2 double precision, lon1 double precision, lon2 double precision, pkey text)
       CROSS JOIN LATERAL (
         SELECT r.extracted_id, r.event_id, r.article_date, r.url, r.record FROM reports r
         WHERE q.lat1 IS NOT NULL AND point(r.lon, r.lat) <@ box(point(q.lon1, q.lat1), point(q.lon2, q.lat2))
           AND ${dates}
         UNION ALL
         SELECT r.extracted_id, r.event_id, r.article_date, r.url, r.record FROM reports r
         WHERE q.pkey IS NOT NULL AND r.place_key = q.pkey AND ${dates}
       ) AS n`,
      [JSON.stringify(probes)],
    );
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.extracted_id) && seen.add(row.extracted_id));
  }

  private async insertEvents(tx: Queryable, events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => {
      const dates = memberDates({ record: event, articleDate: event.reports[0]?.articleDate ?? null });
      const loc = event.location;
      return {
        id: event.id,
        type: event.type,
        family: this.rules.familyOf(event.type),
        date_from: dates?.from ?? '',
        date_to: dates?.to ?? '',
        lat: loc?.lat ?? null,
        lon: loc?.lon ?? null,
        place_name: loc?.name ?? null,
        geoname_id: loc?.geonameId ?? null,
        country: loc?.country ?? null,
        modality: event.modality,
        disputed: event.disputed,
        actor1_id: event.actor1?.id ?? null,
        actor2_id: event.actor2?.id ?? null,
        actor_names: [event.actor1?.name, event.actor2?.name].filter(Boolean).join(' | ').toLowerCase(),
        source_kinds: [...new Set(event.reports.map((r) => r.source.kind))].sort(),
        search: [...new Set(event.reports.map((r) => r.sentence))].join('\n').toLowerCase(),
        report_count: event.reports.length,
        record: event,
      };
    });
    await tx.query(
      `INSERT INTO events (id, type, family, date_from, date_to, lat, lon, place_name, geoname_id, country, modality,
         disputed, actor1_id, actor2_id, actor_names, source_kinds, search, report_count, record)
       SELECT id, type, family, date_from, date_to, lat, lon, place_name, geoname_id, country, modality,
         disputed, actor1_id, actor2_id, actor_names, source_kinds, search, report_count, record
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, type text, family text, date_from text, date_to text,
         lat double precision, lon double precision, place_name text, geoname_id bigint, country text,
         modality text, disputed boolean, actor1_id text, actor2_id text, actor_names text, source_kinds text[],
         search text, report_count integer, record jsonb)`,
      [JSON.stringify(rows)],
    );
  }

  private async insertFacts(tx: Queryable, facts: ControlFact[]): Promise<void> {
    if (facts.length === 0) return;
    const rows = facts.map((fact) => ({
      event_id: fact.event,
      place_key: fact.placeKey,
      place_name: fact.place.name,
      lat: fact.place.lat,
      lon: fact.place.lon,
      geoname_id: fact.place.geonameId,
      fact_date: fact.date,
      kind: fact.kind,
      actor_id: fact.actor?.id ?? null,
      actor_name: fact.actor?.name ?? null,
      to_id: fact.to?.id ?? null,
      to_name: fact.to?.name ?? null,
      strength: fact.strength,
      disputed: fact.disputed,
    }));
    await tx.query(
      `INSERT INTO control_facts (event_id, place_key, place_name, lat, lon, geoname_id, fact_date, kind,
         actor_id, actor_name, to_id, to_name, strength, disputed)
       SELECT event_id, place_key, place_name, lat, lon, geoname_id, fact_date, kind, actor_id, actor_name,
         to_id, to_name, strength, disputed
       FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, place_key text, place_name text,
         lat double precision, lon double precision, geoname_id bigint, fact_date text, kind text,
         actor_id text, actor_name text, to_id text, to_name text, strength text, disputed boolean)`,
      [JSON.stringify(rows)],
    );
  }

  async events(query: EventQuery): Promise<{ events: StoredEvent[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.from) where.push(`date_to >= ${p(query.from)}`);
    if (query.to) where.push(`date_from <> '' AND date_from <= ${p(query.to)}`);
    if (query.types?.length) where.push(`type = ANY(${p(query.types)}::text[])`);
    if (query.actor) {
      const actor = p(query.actor);
      where.push(
        `(actor1_id = ${actor} OR actor2_id = ${actor} OR actor_names LIKE '%' || ${p(likeEscape(query.actor.toLowerCase()))} || '%')`,
      );
    }
    if (query.place) {
      const asId = /^\d+$/.test(query.place) ? Number(query.place) : null;
      where.push(`(lower(place_name) = lower(${p(query.place)}) OR geoname_id = ${p(asId)})`);
    }
    if (query.bbox) {
      const [w, s, e, n] = query.bbox;
      where.push('lat IS NOT NULL AND lon IS NOT NULL');
      if (w <= e) where.push(`point(lon, lat) <@ box(point(${p(w)}, ${p(s)}), point(${p(e)}, ${p(n)}))`);
      else where.push(`lat BETWEEN ${p(s)} AND ${p(n)} AND (lon >= ${p(w)} OR lon <= ${p(e)})`);
    }
    if (query.modality?.length) where.push(`modality = ANY(${p(query.modality)}::text[])`);
    if (query.sourceKind?.length) where.push(`source_kinds && ${p(query.sourceKind)}::text[]`);
    if (query.q) where.push(`search LIKE '%' || ${p(likeEscape(query.q.toLowerCase()))} || '%'`);
    if (query.disputed !== undefined) where.push(`disputed = ${p(query.disputed)}`);
    if (query.cursor) {
      const [dateFrom, id] = decodeCursor(query.cursor);
      where.push(`(date_from, id) < (${p(dateFrom)}, ${p(id)})`);
    }
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_EVENT_LIMIT), MAX_EVENT_LIMIT);
    const sql = `SELECT id, date_from, record::text AS record FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY date_from DESC, id DESC LIMIT ${p(limit + 1)}`;
    const { rows } = await this.db.query<{ id: string; date_from: string; record: string }>(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      events: page.map((r) => JSON.parse(r.record) as StoredEvent),
      nextCursor: rows.length > limit && last ? encodeCursor(last.date_from, last.id) : null,
    };
  }

  async event(id: string): Promise<StoredEvent | null> {
    const { rows } = await this.db.query<{ record: string }>(
      `SELECT e.record::text AS record FROM events e WHERE e.id = $1
       UNION ALL SELECT e.record::text FROM reports r JOIN events e ON e.id = r.event_id WHERE r.extracted_id = $1
       LIMIT 1`,
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].record) as StoredEvent) : null;
  }

  /** Recomputes the control timelines of these places from their facts. */
  private async rebuildControl(tx: Queryable, placeKeys: string[]): Promise<void> {
    if (placeKeys.length === 0) return;
    await tx.query('DELETE FROM control_states WHERE place_key = ANY($1::text[])', [placeKeys]);
    const facts = await this.loadFacts(tx, 'place_key = ANY($1::text[])', [placeKeys]);
    const rows = controlTimelines(facts).flatMap((segments) =>
      segments.map((segment, i) => ({
        place_key: segment.placeKey,
        place_name: segment.record.place.name,
        valid_from: segment.from,
        valid_to: segments[i + 1]?.from ?? null,
        record: segment.record,
      })),
    );
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO control_states (place_key, place_name, valid, record)
       SELECT place_key, place_name, daterange(valid_from::date, valid_to::date, '[)'), record
       FROM jsonb_to_recordset($1::jsonb) AS x(place_key text, place_name text, valid_from text, valid_to text,
         record jsonb)`,
      [JSON.stringify(rows)],
    );
  }

  private async loadFacts(q: Queryable, where: string, params: unknown[]): Promise<ControlFact[]> {
    const { rows } = await q.query<Record<string, string | number | boolean | null>>(
      `SELECT event_id, place_key, place_name, lat, lon, geoname_id::text AS geoname_id, fact_date, kind,
         actor_id, actor_name, to_id, to_name, strength, disputed FROM control_facts WHERE ${where}`,
      params,
    );
    const holder = (id: unknown, name: unknown) => (id ? { id: String(id), name: String(name ?? id) } : null);
    return rows.map((r) => ({
      event: String(r.event_id),
      placeKey: String(r.place_key),
      place: {
        name: String(r.place_name),
        lat: Number(r.lat),
        lon: Number(r.lon),
        geonameId: r.geoname_id == null ? null : Number(r.geoname_id),
      },
      date: String(r.fact_date),
      kind: r.kind as ControlFact['kind'],
      actor: holder(r.actor_id, r.actor_name),
      to: holder(r.to_id, r.to_name),
      strength: r.strength as ControlFact['strength'],
      disputed: r.disputed === true,
    }));
  }

  /** Control of every place (or one, by name) on a day: one timeline segment per place. */
  async control(at: string, opts: { place?: string } = {}): Promise<ControlRecord[]> {
    if (!opts.place) {
      const timelines = await this.controlTimelinesCached();
      if (timelines) return controlFromSegments(timelines, at);
    }
    const params: unknown[] = [at];
    let sql = 'SELECT record::text AS record FROM control_states WHERE valid @> $1::date';
    if (opts.place) {
      params.push(opts.place);
      sql += ' AND lower(place_name) = lower($2)';
    }
    const { rows } = await this.db.query<{ record: string }>(sql, params);
    return rows
      .map((r) => JSON.parse(r.record) as ControlRecord)
      .sort((a, b) => (a.place.name < b.place.name ? -1 : a.place.name > b.place.name ? 1 : 0));
  }

  private controlCache: { version: string; segments: CachedSegment[] } | null = null;
  /** Ingest results whose transaction changed control: the change counter advances after their commit. */
  private readonly controlTouched = new WeakSet<IngestResult>();

  /**
   * All control segments, kept in memory while the change counter stays put (one cheap query per call);
   * null when the store holds too many to keep (the caller then asks SQL for one day).
   */
  private async controlTimelinesCached(): Promise<CachedSegment[] | null> {
    const { rows } = await this.db.query<{ v: string }>(
      "SELECT last_value::text || ':' || is_called::text AS v FROM control_changes",
    );
    const version = rows[0]?.v ?? '';
    if (this.controlCache?.version === version) return this.controlCache.segments;
    const count = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM control_states');
    if ((count.rows[0]?.n ?? 0) > MAX_CACHED_SEGMENTS) return null;
    const segments = await this.db.query<{ from: string; to: string | null; record: string }>(
      'SELECT lower(valid)::text AS "from", upper(valid)::text AS "to", record::text AS record FROM control_states',
    );
    const parsed = segments.rows.map((r) => ({ from: r.from, to: r.to, record: r.record }));
    this.controlCache = { version, segments: parsed };
    return parsed;
  }

  async disputed(): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<{ record: string }>(
      'SELECT record::text AS record FROM events WHERE disputed ORDER BY date_from DESC, id DESC',
    );
    return rows.map((r) => JSON.parse(r.record) as StoredEvent);
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.db.query<StoreStats>(
      `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM events) AS events,
              (SELECT count(*)::int FROM reports) AS reports`,
    );
    return rows[0];
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** A control segment as cached: its days [from, to) and its record as JSON text (parsed when returned). */
interface CachedSegment {
  from: string;
  to: string | null;
  record: string;
}

/** Segments kept in memory at most (about 100 bytes of index each plus the record text). */
const MAX_CACHED_SEGMENTS = 500_000;

function controlFromSegments(segments: CachedSegment[], at: string): ControlRecord[] {
  return segments
    .filter((s) => s.from <= at && (s.to === null || s.to > at))
    .map((s) => JSON.parse(s.record) as ControlRecord)
    .sort((a, b) => (a.place.name < b.place.name ? -1 : a.place.name > b.place.name ? 1 : 0));
}

/** Every event matching a query, page by page (exports stream through this). */
export async function* allEvents(
  store: Store,
  query: EventQuery,
  pageSize = 1000,
): AsyncGenerator<StoredEvent> {
  let cursor: string | null = null;
  let left = query.limit ?? Number.POSITIVE_INFINITY;
  do {
    const page = await store.events({ ...query, limit: Math.min(pageSize, left), cursor });
    for (const event of page.events) yield event;
    left -= page.events.length;
    cursor = page.nextCursor;
  } while (cursor && left > 0);
}
