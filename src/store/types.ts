// The store contract. PGlite (embedded) and PostgreSQL (pg) implement it with the same SQL.
import type {
  Article,
  ControlRecord,
  EventRecord,
  EventType,
  Modality,
  SourceKind,
  StoredEvent,
} from '../types.ts';

export interface EventQuery {
  from?: string;
  to?: string;
  types?: EventType[];
  actor?: string;
  place?: string;
  /** [west, south, east, north] */
  bbox?: [number, number, number, number];
  modality?: Modality[];
  sourceKind?: SourceKind[];
  /** free text over the evidence sentences */
  q?: string;
  disputed?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface IngestResult {
  article: string;
  /** false when the article (same normalised text hash) was already stored */
  inserted: boolean;
  created: string[];
  updated: string[];
}

export interface StoreStats {
  articles: number;
  events: number;
  reports: number;
}

export interface Store {
  /** Applies pending migrations; throws a clear error on a schema that is too new. */
  migrate(): Promise<void>;
  hasArticle(id: string): Promise<boolean>;
  /** True when an article with the same normalised text is stored (the idempotence key of ingest). */
  hasText?(text: string): Promise<boolean>;
  /** Stores one article and its extracted events in one transaction, merging them into existing events. */
  ingest(article: Article, events: EventRecord[]): Promise<IngestResult>;
  events(query: EventQuery): Promise<{ events: StoredEvent[]; nextCursor: string | null }>;
  event(id: string): Promise<StoredEvent | null>;
  control(at: string, opts?: { place?: string }): Promise<ControlRecord[]>;
  disputed(): Promise<StoredEvent[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
