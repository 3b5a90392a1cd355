// Articles of realistic length for the benchmarks: the seeded wire-style generator's reports, several
// joined into one multi-paragraph article (3–5 KB, like a wire story with background paragraphs).
import { articleId } from '../src/input/article-id.ts';
import type { Article } from '../src/types.ts';
import { generateArticles } from '../test/pg/article-generator.ts';

export function benchArticles(count: number, seed = 7): Article[] {
  const PER_ARTICLE = 11;
  const { articles: parts } = generateArticles(count * PER_ARTICLE, seed);
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const group = parts.slice(i * PER_ARTICLE, (i + 1) * PER_ARTICLE);
    const text = group.map((a) => a.text.trim()).join('\n\n');
    out.push({ id: articleId(text), date: group[0].date, title: group[0].title, text });
  }
  return out;
}
