import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { articleId } from '../../src/input/index.ts';
import { collect, fixture, tempFile } from './helpers.ts';

describe('plain text reports', () => {
  it('strips the " date YYYY-MM-DD" header and keeps the rest of the text exactly', async () => {
    const { items, messages } = await collect([fixture('report.txt')]);
    assert.equal(messages.length, 0);
    assert.equal(items.length, 1);
    const { article, origin } = items[0];
    assert.equal(article.date, '2025-03-14');
    assert.equal(
      article.text,
      'Rebel units shelled the outskirts of Northvale on Thursday, the regional governor said.\n\nTwo civilians were wounded, according to a local hospital.\n',
    );
    assert.equal(article.id, articleId(article.text));
    assert.deepEqual(origin, { file: fixture('report.txt'), line: 1 });
  });

  it('accepts the header without the leading space', async () => {
    const stdin = Readable.from(['date 2025-01-31 Shelling resumed at dawn.']);
    const { items } = await collect(['-'], { stdin });
    assert.equal(items[0].article.date, '2025-01-31');
    assert.equal(items[0].article.text, 'Shelling resumed at dawn.');
  });

  it('does not take ordinary text starting with "date" for a header', async () => {
    const stdin = Readable.from(['date palms burned after the strike.']);
    const { items } = await collect(['-'], { stdin, date: '2025-02-02' });
    assert.equal(items[0].article.text, 'date palms burned after the strike.');
    assert.equal(items[0].article.date, '2025-02-02');
  });

  it('uses --date when there is no header, and warns (not fatal) when there is neither', async () => {
    const withDate = await collect([fixture('report-no-header.txt')], { date: '2025-06-01' });
    assert.equal(withDate.items[0].article.date, '2025-06-01');
    assert.equal(withDate.messages.length, 0);

    const without = await collect([fixture('report-no-header.txt')]);
    assert.equal(without.items.length, 1);
    assert.equal(without.items[0].article.date, null);
    assert.equal(without.messages.length, 1);
    assert.equal(without.messages[0].fatal, false);
    assert.match(without.messages[0].reason, /no publication date/);
  });

  it('the header wins over --date', async () => {
    const { items } = await collect([fixture('report.txt')], { date: '2000-01-01' });
    assert.equal(items[0].article.date, '2025-03-14');
  });

  it('rejects a header date that is not a date, on line 1', async () => {
    const { items, rejects } = await collect([fixture('report-bad-month.txt')]);
    assert.equal(items.length, 0);
    assert.equal(rejects.length, 1);
    assert.equal(rejects[0].line, 1);
    assert.match(rejects[0].reason, /impossible date "2024-13-01": no month 13/);
  });

  it('rejects " date yesterday" rather than storing the article undated', async () => {
    const { items, rejects } = await collect(['-'], {
      stdin: Readable.from([' date yesterday Fighting went on.']),
    });
    assert.equal(items.length, 0);
    assert.match(rejects[0].reason, /not a date: "yesterday"/);
  });
});

describe('JSONL', () => {
  it('reads good lines, reports each bad one with its line number, and goes on', async () => {
    const file = fixture('articles.jsonl');
    const { items, messages } = await collect([file]);
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.id, i.article.date]),
      [
        [1, 'a1', '2025-01-05'],
        [2, articleId('A drone struck a fuel depot overnight, officials said.'), '2025-01-06'],
        [10, articleId('Protesters gathered outside the ministry on Friday.'), '2025-01-10'],
      ],
    );
    assert.deepEqual(items[0].article, {
      id: 'a1',
      date: '2025-01-05',
      title: 'Clashes reported',
      text: 'Militiamen clashed with police near the market on Sunday.',
      url: 'https://example.org/a1',
      source: 'Example Wire',
    });
    const got = messages.map((m) => [m.line, m.fatal]);
    assert.deepEqual(got, [
      [3, true],
      [4, true],
      [6, true],
      [7, true],
      [8, true],
      [9, true],
    ]);
    assert.match(messages[0].reason, /^malformed JSON/);
    assert.match(messages[1].reason, /impossible date "2024-02-30"/);
    assert.match(messages[2].reason, /not a date: "yesterday"/);
    assert.match(messages[3].reason, /expected a JSON object/);
    assert.match(messages[4].reason, /missing text/);
    assert.match(messages[5].reason, /"text" must be a string/);
    for (const m of messages) assert.equal(m.file, file);
  });

  it('keeps the date as written in an ISO date-time (the publisher’s day, not UTC)', async () => {
    const stdin = Readable.from(['{"date":"2025-03-01T23:30:00-05:00","text":"Late evening report."}\n']);
    const { items } = await collect(['-'], { stdin });
    assert.equal(items[0].article.date, '2025-03-01');
  });

  it('rejects a date that is a number, not a string', async () => {
    const stdin = Readable.from(['{"date":20250301,"text":"Numeric date."}\n']);
    const { items, rejects } = await collect(['-'], { stdin });
    assert.equal(items.length, 0);
    assert.match(rejects[0].reason, /not a date/);
  });
});

describe('JSON documents', () => {
  it('reads an array of article objects, naming bad items with the line where they start', async () => {
    const json = `[
  {"id": "j1", "date": "2025-01-01", "text": "First {item} with \\"braces\\"\\nand [brackets]."},
  {"date": "2025-02-30", "text": "Bad date."},
  "a string",
  {
    "date": "2025-01-03",
    "text": "Third."
  }
]`;
    const { items, rejects } = await collect([await tempFile('list.json', json)]);
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.text]),
      [
        [2, 'First {item} with "braces"\nand [brackets].'],
        [5, 'Third.'],
      ],
    );
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason.replace(/:.*/, '')]),
      [
        [3, 'date'],
        [4, 'item 3'],
      ],
    );
  });

  it('reads a single pretty-printed object, sniffed without an extension', async () => {
    const { items } = await collect([
      await tempFile('one', '{\n  "text": "Only one.",\n  "date": "2025-01-01"\n}\n'),
    ]);
    assert.equal(items[0].article.text, 'Only one.');
  });

  it('reports malformed JSON', async () => {
    const { rejects } = await collect([await tempFile('broken.json', '[{"text": "x"},')]);
    assert.match(rejects[0].reason, /^malformed JSON/);
  });
});

describe('CSV', () => {
  it('reads quoted multi-line fields and reports bad records at the line where they start', async () => {
    const file = fixture('articles.csv');
    const { items, messages } = await collect([file]);
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.id]),
      [
        [2, 'c1'],
        [3, 'c2'],
        [9, 'c6'],
      ],
    );
    assert.equal(
      items[1].article.text,
      'Fighters seized the checkpoint.\n\nA spokesman called it "a turning point".',
    );
    assert.equal(items[1].article.url, null);
    assert.equal(items[0].article.source, 'Monitor');
    assert.deepEqual(
      messages.map((m) => [m.line, m.fatal]),
      [
        [6, true],
        [7, true],
        [8, true],
        [9, false],
      ],
    );
    assert.match(messages[0].reason, /impossible date/);
    assert.match(messages[1].reason, /malformed CSV: a double quote inside an unquoted field/);
    assert.match(messages[2].reason, /3 fields where the header has 6/);
    assert.match(messages[3].reason, /no publication date/);
  });

  it('an unterminated quote is reported and the following records still come out', async () => {
    const csv = 'text,date\n"never closed,2025-01-01\nSecond record,2025-01-02\n';
    const { items, rejects } = await collect([await tempFile('x.csv', csv)]);
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[2, 'malformed CSV: unterminated quoted field']],
    );
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.text]),
      [[3, 'Second record']],
    );
  });

  it('reads semicolon- and tab-separated files when the header says so', async () => {
    const semi = await tempFile('semi.csv', 'date;text\n2025-01-01;"Semicolon; inside quotes."\n');
    const tab = await tempFile('tab.csv', 'text\tdate\nTab separated, with a comma.\t2025-01-02\n');
    const { items, messages } = await collect([semi, tab]);
    assert.equal(messages.length, 0);
    assert.deepEqual(
      items.map((i) => [i.article.date, i.article.text]),
      [
        ['2025-01-01', 'Semicolon; inside quotes.'],
        ['2025-01-02', 'Tab separated, with a comma.'],
      ],
    );
  });

  it('refuses a CSV without a text column', async () => {
    const { items, rejects } = await collect([await tempFile('y.csv', 'title,date\na,2025-01-01\n')]);
    assert.equal(items.length, 0);
    assert.equal(rejects[0].line, 1);
    assert.match(rejects[0].reason, /no "text" column/);
  });
});

describe('RSS and Atom feeds', () => {
  it('turns RSS items into articles: content:encoded as text, pubDate as written, feed title as source', async () => {
    const file = fixture('feed.rss');
    const { items, messages } = await collect([file]);
    assert.equal(items.length, 2);
    assert.deepEqual(items[0].article, {
      id: articleId(items[0].article.text),
      date: '2025-03-14',
      title: 'Village retaken',
      text: 'Troops retook the village on Friday, the army said.\n\nResidents reported heavy shelling overnight.',
      url: 'https://example.org/news/1',
      source: 'Frontline Daily',
    });
    assert.equal(items[0].origin.line, 7);
    assert.equal(items[1].article.text, 'A convoy was attacked & burned.');
    assert.equal(items[1].article.date, '2025-03-15');
    assert.deepEqual(
      messages.map((m) => [m.line, m.fatal]),
      [
        [14, true],
        [26, true],
      ],
    );
    assert.match(messages[0].reason, /not a date: "sometime last week"/);
    assert.match(messages[1].reason, /has no text/);
  });

  it('reads Atom entries, with updated as the date when published is missing', async () => {
    const { items, rejects } = await collect([fixture('feed.atom')]);
    assert.equal(items.length, 1);
    assert.equal(items[0].article.date, '2025-04-01');
    assert.equal(items[0].article.source, 'Conflict Monitor');
    assert.equal(items[0].article.text, 'The bridge was blown up before dawn.\n\nNo group claimed it.');
    // A bad date in one entry does not lose the feed: that entry alone is rejected.
    assert.equal(rejects.length, 1);
    assert.equal(rejects[0].line, 13);
    assert.match(rejects[0].reason, /February 2025 has 28 days/);
  });

  it('keeps the word order of inline XHTML content in Atom', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
<entry><title>t</title><updated>2025-01-02T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <em>short</em> paragraph.</p><p>Two.</p></div></content>
</entry></feed>`;
    const { items } = await collect([await tempFile('xhtml.atom', atom)]);
    assert.equal(items[0].article.text, 'One short paragraph.\n\nTwo.');
  });

  it('reports malformed XML with its line', async () => {
    const { items, rejects } = await collect([fixture('broken.xml')]);
    assert.equal(items.length, 0);
    assert.equal(rejects.length, 1);
    assert.equal(rejects[0].line, 5);
    assert.match(rejects[0].reason, /^malformed XML: /);
  });

  it('refuses XML that is not a feed', async () => {
    const { rejects } = await collect([
      await tempFile('other.xml', '<?xml version="1.0"?><note><to>x</to></note>'),
    ]);
    assert.match(rejects[0].reason, /not an RSS or Atom feed/);
  });
});

describe('HTML pages', () => {
  it('extracts the article body with paragraphs and the metadata date, title, site and url', async () => {
    const { items, messages } = await collect([fixture('page.html')]);
    assert.equal(messages.length, 0);
    const a = items[0].article;
    assert.equal(a.title, 'Ceasefire talks stall');
    assert.equal(a.date, '2025-05-20');
    assert.equal(a.source, 'Example Herald');
    assert.equal(a.url, 'https://example.com/ceasefire');
    const paragraphs = a.text.split('\n\n');
    assert.equal(paragraphs.length, 3);
    assert.match(paragraphs[0], /^Negotiators left the capital on Tuesday .* had been expected to produce/);
    assert.ok(!a.text.includes('Home'), 'navigation is not article text');
    assert.ok(!a.text.includes('Copyright'), 'the footer is not article text');
  });

  it('takes date, headline and publisher from JSON-LD @graph', async () => {
    const { items } = await collect([fixture('page-ld.html')]);
    assert.deepEqual(
      { ...items[0].article, id: undefined },
      {
        id: undefined,
        date: '2025-06-02',
        title: 'Depot hit',
        text: 'A depot was hit.\n\nNobody was hurt.',
        url: null,
        source: 'Graph News',
      },
    );
  });

  it('takes <time datetime> and <meta name=date> when nothing better is there', async () => {
    const time = '<html><body><time datetime="2025-07-04T09:00">x</time><p>Body text.</p></body></html>';
    const meta =
      '<html><head><meta name="date" content="2025-07-05"></head><body><p>Body text.</p></body></html>';
    const a = await collect([await tempFile('t.html', time)]);
    const b = await collect([await tempFile('m.html', meta)]);
    assert.equal(a.items[0].article.date, '2025-07-04');
    assert.equal(b.items[0].article.date, '2025-07-05');
  });

  it('rejects a page whose only date is not a date', async () => {
    const html =
      '<html><head><meta property="article:published_time" content="2025-02-30"></head><body><p>Text.</p></body></html>';
    const { items, rejects } = await collect([await tempFile('bad.html', html)]);
    assert.equal(items.length, 0);
    assert.match(rejects[0].reason, /article:published_time: impossible date "2025-02-30"/);
  });
});

describe('directories and stdin', () => {
  it('walks a directory recursively in sorted order, skipping hidden and unsupported files', async () => {
    const { items, messages } = await collect([fixture('tree')]);
    assert.equal(messages.length, 0);
    assert.deepEqual(
      items.map((i) => i.origin.file.slice(fixture('tree').length)),
      ['/a.txt', '/b-report.txt', '/sub/c.jsonl'],
    );
  });

  it('reads JSONL from stdin when every non-empty line starts with "{"', async () => {
    const stdin = Readable.from([
      '{"text":"One.","date":"2025-01-01"}\n\n',
      '  {"text":"Two.","date":"2025-01-02"}\n',
    ]);
    const { items } = await collect(['-'], { stdin });
    assert.deepEqual(
      items.map((i) => [i.origin.file, i.origin.line, i.article.text]),
      [
        ['<stdin>', 1, 'One.'],
        ['<stdin>', 3, 'Two.'],
      ],
    );
  });

  it('reads a text report from stdin otherwise', async () => {
    const stdin = Readable.from([' date 2025-01-09 {not json} but a report.\n{"text":"x"}\n']);
    const { items } = await collect(['-'], { stdin });
    assert.equal(items.length, 1);
    assert.equal(items[0].article.date, '2025-01-09');
    assert.equal(items[0].article.text, '{not json} but a report.\n{"text":"x"}\n');
  });

  it('sniffs the format of a file without a known extension', async () => {
    const rss = await tempFile(
      'feed',
      '<rss version="2.0"><channel><title>S</title><item><description>Sniffed item.</description><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item></channel></rss>',
    );
    const csv = await tempFile('table', 'date,text\n2025-01-01,Sniffed row.\n');
    const { items } = await collect([rss, csv]);
    assert.deepEqual(
      items.map((i) => i.article.text),
      ['Sniffed item.', 'Sniffed row.'],
    );
  });
});
