import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate, inQuote, stripDateHeader } from '../../src/annotate/index.ts';

const texts = (t: string): string[] => annotate(t).sentences.map((s) => s.text);

test('offsets point into the original text', () => {
  const t = ' date 2023-05-01 Militia fighters left the base. Villagers returned home.\n\nA curfew began.';
  for (const s of annotate(t).sentences) assert.equal(t.slice(s.start, s.end), s.text);
});

test('the date header is not part of the first sentence', () => {
  const t = ' date 2023-05-01 Militia fighters left the base. Villagers returned.';
  assert.deepEqual(texts(t), ['Militia fighters left the base.', 'Villagers returned.']);
  assert.deepEqual(stripDateHeader(t), { date: '2023-05-01', text: t.slice(17), offset: 17 });
  assert.deepEqual(stripDateHeader('No header here.'), { date: null, text: 'No header here.', offset: 0 });
});

test('abbreviations, titles, initials and decimals do not end sentences', () => {
  assert.deepEqual(
    texts(
      'Lt. Col. R. K. Osei met Sen. Mary Dunn and Dr. Ali in St. Louis at 9 a.m. on Oct. 3 when inflation hit 4.5 percent. No. 7 road reopened.',
    ),
    [
      'Lt. Col. R. K. Osei met Sen. Mary Dunn and Dr. Ali in St. Louis at 9 a.m. on Oct. 3 when inflation hit 4.5 percent.',
      'No. 7 road reopened.',
    ],
  );
});

test('dotted acronyms end a sentence only before a sentence opener', () => {
  assert.deepEqual(texts('Aid came from the U.N. The convoy left.'), [
    'Aid came from the U.N.',
    'The convoy left.',
  ]);
  assert.deepEqual(texts('The U.S. Navy moved two ships.'), ['The U.S. Navy moved two ships.']);
});

test('closing quotes stay with their sentence; ellipses and question marks split', () => {
  assert.deepEqual(
    texts('He said: "The bridge is gone." Engineers arrived... Who sent them? Nobody knows.'),
    ['He said: "The bridge is gone."', 'Engineers arrived...', 'Who sent them?', 'Nobody knows.'],
  );
  assert.deepEqual(texts('"Where are they?" she asked.'), ['"Where are they?" she asked.']);
});

test('an all-caps heading glued to the next sentence is split off', () => {
  assert.deepEqual(texts('Talks stalled in the capital. BORDER TENSIONS Troops massed near the river.'), [
    'Talks stalled in the capital.',
    'BORDER TENSIONS',
    'Troops massed near the river.',
  ]);
  // acronyms opening a sentence are not headings
  assert.deepEqual(texts('Fighting resumed. UN monitors left. NATO Secretary General spoke.'), [
    'Fighting resumed.',
    'UN monitors left.',
    'NATO Secretary General spoke.',
  ]);
});

test('blank lines always split; wrapped lines join', () => {
  assert.deepEqual(texts('First paragraph without a stop\n\nSecond one'), [
    'First paragraph without a stop',
    'Second one',
  ]);
  const wrapped =
    'The commander said the offensive would continue into the\nhills until the road was secured.';
  assert.deepEqual(texts(wrapped), [wrapped]);
  assert.deepEqual(texts('Short title\nThe story starts here.'), ['Short title', 'The story starts here.']);
});

test('tokens are lazy, with offsets', () => {
  const t = 'Shelling hit Al-Qusayr’s market, killing 1,200.';
  const [s] = annotate(t).sentences;
  const toks = s.tokens;
  assert.deepEqual(
    toks.map((k) => k.text),
    ['Shelling', 'hit', 'Al-Qusayr’s', 'market', ',', 'killing', '1,200', '.'],
  );
  for (const k of toks) assert.equal(t.slice(k.start, k.end), k.text);
  assert.equal(toks[0].lower, 'shelling');
  assert.equal(s.tokens, toks); // computed once
});

test('quotes: curly, straight, single, and paragraph-long open quotes', () => {
  const t =
    'He said “we hold the line” and added "no retreat". A ‘ceasefire’ is the rebels’ word.\n\n"We will stay\n\nOthers left.';
  const q = annotate(t).quotes.map((x) => t.slice(x.start, x.end));
  assert.deepEqual(q, ['we hold the line', 'no retreat', 'ceasefire', 'We will stay']);
  const quotes = annotate(t).quotes;
  const i = t.indexOf('hold');
  assert.ok(inQuote(quotes, i, i + 4));
  assert.ok(!inQuote(quotes, 0, 2));
});

test('hyphenated titles and US state abbreviations in datelines', () => {
  assert.deepEqual(texts('Det.-Sgt. Ann Roe spoke. TULSA, Okla. (AP) - Storms hit.'), [
    'Det.-Sgt. Ann Roe spoke.',
    'TULSA, Okla. (AP) - Storms hit.',
  ]);
});
