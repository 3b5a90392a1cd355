// What the server runs on posted articles and exports: the project's extractor, article ids and exporters.
// Passed into the app rather than imported there, so the API layer depends only on their signatures.
import { extract } from '../extract/index.ts';
import { articleId } from '../input/index.ts';
import type { Article, EventRecord } from '../types.ts';
import { EXPORT_FORMATS, type ExportFormat, exporter } from '../views/export/index.ts';
import type { Exporter } from './app.ts';

export interface Pipeline {
  extract: (article: Article) => EventRecord[];
  articleId: (text: string) => string;
  exporters: Record<ExportFormat, Exporter>;
}

export function defaultPipeline(): Pipeline {
  return {
    extract: (article) => extract(article),
    articleId,
    exporters: Object.fromEntries(EXPORT_FORMATS.map((f) => [f, exporter(f)])) as Record<
      ExportFormat,
      Exporter
    >,
  };
}
