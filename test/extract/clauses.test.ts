import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate } from '../../src/annotate/index.ts';
import { reportingVerbIndexes } from '../../src/extract/attribution.ts';
import { clauseOf, segmentClauses } from '../../src/extract/clauses.ts';

function clauseWords(text: string, word: string): string {
  const tokens = annotate(text).sentences[0].tokens;
  const clauses = segmentClauses(tokens, reportingVerbIndexes(tokens));
  const at = tokens.findIndex((t) => t.text === word);
  const c = clauseOf(clauses, at);
  return tokens
    .slice(c.from, c.to)
    .map((t) => t.text)
    .join(' ');
}

test('a short aside in brackets stays inside its clause', () => {
  assert.equal(
    clauseWords('Police detained 30 National Liberation Army (ELN) members in raids.', 'raids'),
    'Police detained 30 National Liberation Army ( ELN ) members in raids .',
  );
});

test('a long bracketed passage still opens a clause of its own', () => {
  const text =
    'Troops shelled the town (residents said the barrage lasted for hours and hit the market) overnight.';
  assert.ok(!clauseWords(text, 'overnight').includes('Troops'));
});
