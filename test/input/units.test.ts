import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCsvError, parseCsv } from '../../src/input/csv-parse.ts';
import { binaryReason, firstInvalidUtf8 } from '../../src/input/decode.ts';
import { htmlToText } from '../../src/input/html-text.ts';
import {
  articleId,
  formatMessage,
  isMessage,
  parseDateOption,
  parsePublicationDate,
  RejectsLog,
} from '../../src/input/index.ts';
import { splitReport } from '../../src/input/text.ts';
import { tempDirectory } from './helpers.ts';

describe('parsePublicationDate', () => {
  const ok = (raw: string, date: string): void =>
    assert.deepEqual(parsePublicationDate(raw), { ok: true, date }, raw);
  const bad = (raw: string, reason: RegExp): void => {
    const r = parsePublicationDate(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.match(r.reason, reason, raw);
  };

  it('accepts ISO dates, ISO date-times (date as written) and RFC 2822 dates', () => {
    ok('2024-02-29', '2024-02-29');
    ok(' 2025-12-31 ', '2025-12-31');
    ok('2025-01-10T08:15:00+03:00', '2025-01-10');
    ok('2025-01-10T23:59:59.123-11:00', '2025-01-10');
    ok('2025-01-10 08:15', '2025-01-10');
    ok('2025-01-10T08:15:00Z', '2025-01-10');
    ok('Fri, 14 Mar 2025 23:30:00 -0500', '2025-03-14');
    ok('14 Mar 2025', '2025-03-14');
    ok('Sat, 1 Feb 2025 06:00 GMT', '2025-02-01');
    ok('Sat, 01 Feb 2025 06:00:00 +05:30', '2025-02-01');
    ok('6 December 2024', '2024-12-06');
    ok('December 6, 2024', '2024-12-06');
    ok('Dec. 6, 2024 at 6:30 pm EST', '2024-12-06');
    ok('Friday, Sept 6th, 2024', '2024-09-06');
  });

  it('refuses impossible calendar days and months with the reason', () => {
    bad('2024-02-30', /February 2024 has 29 days/);
    bad('2023-02-29', /February 2023 has 28 days/);
    bad('2024-13-01', /no month 13/);
    bad('2024-00-10', /no month 0/);
    bad('2024-04-31', /April 2024 has 30 days/);
    bad('Mon, 31 Apr 2025 10:00:00 GMT', /April 2025 has 30 days/);
    bad('2025-01-10T25:00:00Z', /impossible time/);
  });

  it('refuses words and ambiguous forms', () => {
    bad('yesterday', /not a date: "yesterday"/);
    bad('12/06/2024', /not a date/);
    bad('2024-1-5', /not a date/);
    bad('', /empty date/);
    bad('3 Foo 2024', /unknown month "Foo"/);
    bad('Mayday 6, 2024', /unknown month "Mayday"/);
    bad('February 30, 2024', /February 2024 has 29 days/);
  });

  it('--date takes only YYYY-MM-DD', () => {
    assert.deepEqual(parseDateOption('2025-03-01'), { ok: true, date: '2025-03-01' });
    assert.equal(parseDateOption('Fri, 14 Mar 2025').ok, false);
    assert.equal(parseDateOption('2025-02-29').ok, false);
  });
});

describe('UTF-8 validation', () => {
  it('finds the first invalid byte exactly where TextDecoder fails (random bytes)', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    for (let round = 0; round < 3000; round++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 12));
      for (let k = 0; k < bytes.length; k++) {
        bytes[k] = random() < 0.5 ? Math.floor(random() * 128) : 0x80 + Math.floor(random() * 128);
      }
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      const at = firstInvalidUtf8(bytes);
      assert.equal(at < 0, valid, `validity of ${Buffer.from(bytes).toString('hex')}`);
      if (!valid) {
        // The prefix before the bad byte decodes cleanly.
        assert.doesNotThrow(() => fatal.decode(bytes.subarray(0, at)));
        assert.ok(lossy.decode(bytes.subarray(at)).startsWith('\uFFFD'));
      }
    }
  });

  it('rejects overlongs, surrogates and code points above U+10FFFF', () => {
    assert.equal(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0xaf])), 1);
    assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0);
    assert.equal(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), 0);
    assert.equal(firstInvalidUtf8(new TextEncoder().encode('é中😀')), -1);
  });

  it('sees binary data from NUL bytes or too many control characters, not from tabs and newlines', () => {
    assert.equal(binaryReason(new TextEncoder().encode('a\tb\r\nc\f'), true), null);
    assert.match(binaryReason(new Uint8Array([0x41, 0x00]), true) ?? '', /NUL byte at byte 1/);
    assert.match(binaryReason(new Uint8Array([1, 2, 3, 0x41]), true) ?? '', /75% control characters/);
  });
});

describe('CSV parser', () => {
  const parse = (text: string) => [...parseCsv(text)];

  it('parses RFC 4180: quotes, doubled quotes, commas and line breaks in quoted fields, CRLF', () => {
    const recs = parse('a,b,c\r\n"x, y","say ""hi""","multi\r\nline"\r\n1,,3\r\n');
    assert.deepEqual(recs, [
      { fields: ['a', 'b', 'c'], line: 1, endLine: 1 },
      { fields: ['x, y', 'say "hi"', 'multi\r\nline'], line: 2, endLine: 3 },
      { fields: ['1', '', '3'], line: 4, endLine: 4 },
    ]);
  });

  it('handles a missing final newline, trailing empty fields and blank lines', () => {
    assert.deepEqual(parse('a,b\n\n1,\n2,"z"'), [
      { fields: ['a', 'b'], line: 1, endLine: 1 },
      { fields: ['1', ''], line: 3, endLine: 3 },
      { fields: ['2', 'z'], line: 4, endLine: 4 },
    ]);
    assert.deepEqual(parse('a,'), [{ fields: ['a', ''], line: 1, endLine: 1 }]);
  });

  it('reports errors at the line where the record starts and resumes after them', () => {
    const recs = parse('h\n"a\nb"x\nok\n"open\nnext\n');
    const summary = recs.map((r) => (isCsvError(r) ? `E${r.line}:${r.reason}` : `R${r.line}:${r.fields[0]}`));
    assert.deepEqual(summary, [
      'R1:h',
      'E2:malformed CSV: unexpected "x" after a closing quote',
      'R4:ok',
      'E5:malformed CSV: unterminated quoted field',
      'R6:next',
    ]);
  });
});

describe('HTML to text', () => {
  it('separates block elements by blank lines and collapses layout whitespace', () => {
    const html =
      '<h2>Title</h2>\n<p>First   line\n  continues.</p><ul><li>one</li><li>two</li></ul><p>a<br>b</p>';
    assert.equal(htmlToText(html), 'Title\n\nFirst line continues.\n\none\n\ntwo\n\na\nb');
  });

  it('drops scripts and styles, decodes entities, keeps tag-less text as it is', () => {
    assert.equal(htmlToText('<p>x &amp; y</p><script>var a=1</script><style>p{}</style>'), 'x & y');
    assert.equal(htmlToText('  plain\n\ntext  '), 'plain\n\ntext');
  });
});

describe('report header', () => {
  it('splits header and text; offsets then count from the first character after the header', () => {
    assert.deepEqual(splitReport(' date 2025-01-02 Text here.'), { date: '2025-01-02', text: 'Text here.' });
    assert.deepEqual(splitReport(' date 2025-01-02\nText here.'), { date: '2025-01-02', text: 'Text here.' });
    assert.deepEqual(splitReport('No header.'), { date: null, text: 'No header.' });
    assert.deepEqual(splitReport(' date tomorrow x'), { date: 'tomorrow', text: 'x' });
    assert.deepEqual(splitReport('date tomorrow x'), { date: null, text: 'date tomorrow x' });
  });
});

describe('articleId', () => {
  it('is the first 16 hex of SHA-256 over NFC text with whitespace collapsed and trimmed', () => {
    const id = articleId('Troops advanced.');
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(articleId('  Troops \n\t advanced.\n'), id);
    assert.equal(articleId('Cafe\u0301'), articleId('Caf\u00e9'));
    assert.notEqual(articleId('Troops retreated.'), id);
    // sha256("abc") starts with ba7816bf8f01cfea: the hash is the standard one, not a home-made one.
    assert.equal(articleId(' abc '), 'ba7816bf8f01cfea');
  });
});

describe('messages and the rejects log', () => {
  it('formats FILE:LINE: reason, or FILE: reason without a line', () => {
    assert.equal(
      formatMessage({ file: 'a.jsonl', line: 3, reason: 'malformed JSON', fatal: true }),
      'a.jsonl:3: malformed JSON',
    );
    assert.equal(
      formatMessage({ file: 'b.txt', line: null, reason: 'empty file', fatal: true }),
      'b.txt: empty file',
    );
    assert.equal(isMessage({ file: 'x', line: null, reason: 'r', fatal: false }), true);
    assert.equal(
      isMessage({ article: { id: 'i', date: null, text: 't' }, origin: { file: 'x', line: 1 } }),
      false,
    );
  });

  it('writes one JSON line per message, appending, and counts them', async () => {
    const path = join(await tempDirectory(), 'logs', 'rejects.jsonl');
    const log = new RejectsLog(path);
    log.write({ file: 'a.csv', line: 4, reason: 'malformed CSV', fatal: true });
    log.write({ file: 'b.txt', line: null, reason: 'empty file', fatal: true });
    assert.equal(log.count, 2);
    await log.close();
    const again = new RejectsLog(path);
    again.write({ file: 'c.xml', line: 2, reason: 'no publication date', fatal: false });
    await again.close();
    const rows = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.map(({ file, line, reason, fatal }) => ({ file, line, reason, fatal })),
      [
        { file: 'a.csv', line: 4, reason: 'malformed CSV', fatal: true },
        { file: 'b.txt', line: null, reason: 'empty file', fatal: true },
        { file: 'c.xml', line: 2, reason: 'no publication date', fatal: false },
      ],
    );
    for (const r of rows) assert.ok(!Number.isNaN(Date.parse(r.time)));
  });

  it('creates no file when nothing was rejected', async () => {
    const path = join(await tempDirectory(), 'none.jsonl');
    const log = new RejectsLog(path);
    await log.close();
    await assert.rejects(readFile(path), { code: 'ENOENT' });
  });
});
