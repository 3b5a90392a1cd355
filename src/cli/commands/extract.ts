// `sitrep extract FILE|-`: events of one or more reports as JSONL on stdout, or a readable table.
import type { Command } from 'commander';
import { extract } from '../../extract/index.ts';
import { formatMessage, isMessage, parseDateOption, RejectsLog, readInputs } from '../../input/index.ts';
import type { EventRecord } from '../../types.ts';

interface ExtractCliOptions {
  date?: string;
  pretty?: boolean;
  rejects?: string;
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function who(e: EventRecord): string {
  const a1 = e.actor1?.name ?? '?';
  return e.actor2 ? `${a1} → ${e.actor2.name}` : a1;
}

function when(e: EventRecord): string {
  if (!e.date.value) return '?';
  return e.date.end && e.date.end !== e.date.value ? `${e.date.value}..${e.date.end}` : e.date.value;
}

function where(e: EventRecord): string {
  if (!e.location?.name) return '?';
  return `${e.location.name}${e.location.country ? `, ${e.location.country}` : ''} (p${e.location.precision ?? '?'})`;
}

/** A readable table: one event per block, the sentence on its own line so that it can be read whole. */
export function formatTable(events: EventRecord[], width = process.stdout.columns || 120): string {
  const rows = events.map((e) => [
    e.type,
    who(e),
    where(e),
    when(e),
    e.modality,
    e.source.kind + (e.source.text ? `: ${e.source.text}` : ''),
  ]);
  const headers = ['TYPE', 'WHO', 'WHERE', 'WHEN', 'MODALITY', 'SOURCE'];
  const caps = [20, 34, 30, 23, 12, 48];
  const widths = headers.map((h, i) =>
    Math.min(caps[i], Math.max(h.length, ...rows.map((r) => r[i].length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => clip(c, widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(headers), line(widths.map((w) => '-'.repeat(w)))];
  events.forEach((e, i) => {
    out.push(line(rows[i]));
    out.push(`    “${clip(e.evidence.sentence.replace(/\s+/g, ' '), Math.max(40, width - 6))}”`);
  });
  out.push(`${events.length} event${events.length === 1 ? '' : 's'}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('extract')
    .description(
      'extract events from reports (text with a " date YYYY-MM-DD" first line, JSONL, CSV, feeds, HTML, directories, - for stdin)',
    )
    .argument('<inputs...>', 'files, directories, URLs, or - for stdin')
    .option('--date <YYYY-MM-DD>', 'publication date for reports that carry none')
    .option('--pretty', 'print a readable table instead of JSONL')
    .option('--rejects <file>', 'append rejected inputs to this JSONL file')
    .addHelpText(
      'after',
      '\nExit status: 0 all inputs read, 2 some inputs rejected (the rest were extracted), 1 nothing could be read.',
    )
    .action(async (inputs: string[], opts: ExtractCliOptions) => {
      let date: string | undefined;
      if (opts.date) {
        const parsed = parseDateOption(opts.date);
        if (!parsed.ok) throw new Error(parsed.reason);
        date = parsed.date;
      }
      const rejects = opts.rejects ? new RejectsLog(opts.rejects) : null;
      let articles = 0;
      let rejected = 0;
      const table: EventRecord[] = [];
      for await (const item of readInputs(inputs, { date })) {
        if (isMessage(item)) {
          console.error(`sitrep: ${formatMessage(item)}`);
          rejects?.write(item);
          if (item.fatal) rejected++;
          continue;
        }
        articles++;
        const events = extract(item.article);
        if (opts.pretty) table.push(...events);
        else for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
      }
      if (opts.pretty) process.stdout.write(`${formatTable(table)}\n`);
      await rejects?.close();
      if (articles === 0) process.exitCode = 1;
      else if (rejected > 0) process.exitCode = 2;
    });
}
