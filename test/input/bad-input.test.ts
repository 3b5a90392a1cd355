import assert from 'node:assert/strict';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collect, fixture, tempDirectory, tempFile } from './helpers.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('files that are not text', () => {
  it('an empty file is one message, not a crash', async () => {
    const file = await tempFile('empty.txt', '');
    const { items, rejects } = await collect([file]);
    assert.equal(items.length, 0);
    assert.deepEqual(rejects, [{ file, line: null, reason: 'empty file', fatal: true }]);
  });

  it('whitespace only counts as empty, in every format', async () => {
    for (const name of ['ws.txt', 'ws.jsonl', 'ws.csv', 'ws.rss', 'ws.html']) {
      const { items, rejects } = await collect([await tempFile(name, ' \n\n\t\n')]);
      assert.equal(items.length, 0, name);
      assert.equal(rejects.length, 1, name);
      assert.match(rejects[0].reason, /empty file/, name);
    }
  });

  it('a file with NUL bytes is binary', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const { items, rejects } = await collect([await tempFile('image.txt', bytes)]);
    assert.equal(items.length, 0);
    assert.match(rejects[0].reason, /^binary data: NUL byte at byte 8$/);
  });

  it('a file full of control characters is binary even without NUL', async () => {
    const bytes = new Uint8Array(400);
    for (let k = 0; k < bytes.length; k++) bytes[k] = k % 3 === 0 ? 0x01 + (k % 7) : 0x41;
    const { rejects } = await collect([await tempFile('ctl.jsonl', bytes)]);
    assert.match(rejects[0].reason, /^binary data: \d+% control characters/);
  });

  it('non-UTF-8 text names the byte and line where decoding fails, without guessing', async () => {
    // "caf\xe9" is Latin-1: byte 0xE9 cannot start a UTF-8 sequence here.
    const bytes = new Uint8Array([
      ...utf8(' date 2025-01-01 First line.\nSecond caf'),
      0xe9,
      ...utf8(' line.\n'),
    ]);
    const { items, rejects } = await collect([await tempFile('latin1.txt', bytes)]);
    assert.equal(items.length, 0);
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[2, 'not UTF-8 at byte 39']],
    );
  });

  it('HTML and XML that declare their encoding are decoded with it; undeclared ones are refused', async () => {
    const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
    const html = latin1(
      '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 bombed.</p></body></html>',
    );
    const rss = latin1(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>L</title><item><description>Na\xefve item.</description><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item></channel></rss>',
    );
    const undeclared = latin1('<html><body><p>Caf\xe9 bombed.</p></body></html>');
    const { items, rejects } = await collect([
      await tempFile('declared.html', html),
      await tempFile('declared.rss', rss),
      await tempFile('undeclared.html', undeclared),
    ]);
    assert.deepEqual(
      items.map((i) => i.article.text),
      ['Café bombed.', 'Naïve item.'],
    );
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[1, 'not UTF-8 at byte 18']],
    );
  });

  it('a UTF-16 file is reported as not UTF-8, with the reason', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]);
    const { rejects } = await collect([await tempFile('utf16.txt', bytes)]);
    assert.match(rejects[0].reason, /^not UTF-8 at byte 0 \(starts with a UTF-16 byte order mark\)/);
  });

  it('a UTF-8 byte order mark is dropped, not kept as text', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(' date 2025-01-01 Text after a BOM.')]);
    const { items } = await collect([await tempFile('bom.txt', bytes)]);
    assert.equal(items[0].article.date, '2025-01-01');
    assert.equal(items[0].article.text, 'Text after a BOM.');
  });

  it('in JSONL, a line that is not UTF-8 is rejected alone and the others come out', async () => {
    const bytes = new Uint8Array([
      ...utf8('{"text":"Good one.","date":"2025-01-01"}\n{"text":"Bad '),
      0xc3,
      0x28,
      ...utf8('","date":"2025-01-01"}\n{"text":"Good two.","date":"2025-01-02"}\n'),
    ]);
    const { items, rejects } = await collect([await tempFile('mixed.jsonl', bytes)]);
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.text]),
      [
        [1, 'Good one.'],
        [3, 'Good two.'],
      ],
    );
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[2, 'not UTF-8 at byte 54']],
    );
  });

  it('in CSV, a multi-line record touching a non-UTF-8 line is rejected at its first line', async () => {
    const bytes = new Uint8Array([
      ...utf8('date,text\n2025-01-01,"Line one\nline '),
      0xff,
      ...utf8(' two"\n2025-01-02,Fine row.\n'),
    ]);
    const { items, rejects } = await collect([await tempFile('mixed.csv', bytes)]);
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[2, 'not UTF-8 at byte 36']],
    );
    assert.deepEqual(
      items.map((i) => [i.origin.line, i.article.text]),
      [[4, 'Fine row.']],
    );
  });
});

describe('size limits', () => {
  it('a 50 MB file is refused from its size, before any read (default 20 MB limit)', async () => {
    const file = await tempFile('huge.txt', '');
    // A sparse file: 50 MB of NUL bytes on paper, nothing on disk. If it were read, it would be "binary".
    await truncate(file, 50 * 1024 * 1024);
    const { items, rejects } = await collect([file]);
    assert.equal(items.length, 0);
    assert.deepEqual(
      rejects.map((m) => m.reason),
      ['input is 52428800 bytes, over the limit of 20971520 bytes'],
    );
  });

  it('maxBytes is configurable', async () => {
    const file = await tempFile('small.txt', ' date 2025-01-01 Twenty-odd bytes of text.');
    const { rejects } = await collect([file], { maxBytes: 16 });
    assert.match(rejects[0].reason, /over the limit of 16 bytes/);
  });

  it('stdin stops reading as soon as it passes maxBytes', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled++;
        yield new Uint8Array(1024).fill(0x61);
      }
    }
    const { items, rejects } = await collect(['-'], { stdin: endless(), maxBytes: 10_000 });
    assert.equal(items.length, 0);
    assert.match(rejects[0].reason, /more than 10000 bytes/);
    assert.ok(pulled <= 11, `read ${pulled} chunks`);
  });

  it('an article over maxArticleChars is rejected, the next one is kept', async () => {
    const long = 'x'.repeat(101);
    const jsonl = `${JSON.stringify({ text: long, date: '2025-01-01' })}\n{"text":"short","date":"2025-01-01"}\n`;
    const { items, rejects } = await collect([await tempFile('long.jsonl', jsonl)], { maxArticleChars: 100 });
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [[1, 'article text is 101 characters, over the limit of 100']],
    );
    assert.equal(items.length, 1);
  });
});

describe('impossible and missing values', () => {
  it('impossible dates are rejected with a reason, whatever the format', async () => {
    const csv = 'date,text\n2024-02-30,a\n2024-13-01,b\nyesterday,c\n2025-02-28,d\n2024-02-29,e\n';
    const { items, rejects } = await collect([await tempFile('dates.csv', csv)]);
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [
        [2, 'date: impossible date "2024-02-30": February 2024 has 29 days'],
        [3, 'date: impossible date "2024-13-01": no month 13'],
        [4, 'date: not a date: "yesterday" (expected YYYY-MM-DD)'],
      ],
    );
    assert.deepEqual(
      items.map((i) => i.article.date),
      ['2025-02-28', '2024-02-29'],
    );
  });

  it('missing or blank text is rejected', async () => {
    const jsonl = '{"date":"2025-01-01"}\n{"text":"   ","date":"2025-01-01"}\n{"text":null}\n';
    const { items, rejects } = await collect([await tempFile('notext.jsonl', jsonl)]);
    assert.equal(items.length, 0);
    assert.deepEqual(
      rejects.map((m) => [m.line, m.reason]),
      [
        [1, 'missing text field'],
        [2, 'missing text: the article has no text'],
        [3, 'missing text field'],
      ],
    );
  });

  it('a bad --date stops before reading anything: every article would be misdated', async () => {
    const { items, rejects } = await collect([fixture('report-no-header.txt')], { date: '2025-02-30' });
    assert.equal(items.length, 0);
    assert.equal(rejects[0].file, '--date');
    const loose = await collect([fixture('report-no-header.txt')], { date: '5 March 2025' });
    assert.match(loose.rejects[0].reason, /not YYYY-MM-DD/);
  });
});

describe('a batch goes on', () => {
  it('a missing path, an unsupported scheme and bad files do not stop the other inputs', async () => {
    const dir = await tempDirectory();
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', '1-empty.txt'), '');
    await writeFile(join(dir, 'in', '2-binary.html'), new Uint8Array([0, 1, 2, 3]));
    await writeFile(join(dir, 'in', '3-broken.atom'), '<feed><entry>');
    await writeFile(join(dir, 'in', '4-good.txt'), ' date 2025-01-01 Survivor.');
    const { items, rejects } = await collect([
      join(dir, 'missing.txt'),
      'ftp://example.org/x',
      join(dir, 'in'),
      fixture('report.txt'),
    ]);
    assert.deepEqual(
      rejects.map((m) => [m.file.replace(dir, ''), m.reason.replace(/:.*$/, '')]),
      [
        ['/missing.txt', 'no such file or directory'],
        ['ftp://example.org/x', 'unsupported URL scheme (http and https only)'],
        ['/in/1-empty.txt', 'empty file'],
        ['/in/2-binary.html', 'binary data'],
        ['/in/3-broken.atom', 'malformed XML'],
      ],
    );
    assert.deepEqual(
      items.map((i) => i.article.text.slice(0, 9)),
      ['Survivor.', 'Rebel uni'],
    );
  });

  it('random bytes in every format give messages, never an exception', async () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = utf8('{}[]",:<>/\\\n\r abc date 2025-01-01 <rss><item></item></rss>\u00e9');
    for (const ext of ['txt', 'jsonl', 'csv', 'rss', 'html', 'bin']) {
      for (let round = 0; round < 15; round++) {
        const bytes = new Uint8Array(1 + Math.floor(random() * 300));
        for (let k = 0; k < bytes.length; k++) {
          bytes[k] =
            random() < 0.9 ? alphabet[Math.floor(random() * alphabet.length)] : Math.floor(random() * 256);
        }
        const file = await tempFile(`fuzz-${round}.${ext}`, bytes);
        const { all } = await collect([file]);
        assert.ok(all.length > 0, `${file} yields something`);
      }
    }
  });
});
