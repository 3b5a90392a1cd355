// What a queue job does with its article: the same two steps as `sitrep ingest` (extract, then store
// ingest in one transaction with the cross-report merge), so a queue-fed store equals a directly-fed one.
import type { Store } from '../store/types.ts';
import type { Article, EventRecord } from '../types.ts';
import type { ArticleProcessor } from './worker.ts';

export type Extractor = (article: Article) => EventRecord[] | Promise<EventRecord[]>;

export function ingestProcessor(store: Store, extract: Extractor): ArticleProcessor {
  return async (article) => {
    // A job run twice (lease taken over, re-enqueued) must not cost a second extraction, nor add anything.
    if (await store.hasArticle(article.id)) return { inserted: false, events: 0, created: 0, updated: 0 };
    const events = await extract(article);
    const result = await store.ingest(article, events);
    return {
      inserted: result.inserted,
      events: events.length,
      created: result.created.length,
      updated: result.updated.length,
    };
  };
}
