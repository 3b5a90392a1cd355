// Event filters shared by `sitrep events` and `sitrep export`: commander options → validated EventQuery.
import type { Command } from 'commander';
import { z } from 'zod';
import type { EventQuery } from '../../store/types.ts';
import { EVENT_TYPES, MODALITIES, SOURCE_KINDS } from '../../types.ts';

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date YYYY-MM-DD');
const list = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: () => `${name} must be among: ${values.join(', ')}` })).min(1));

const bbox = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .refine((v) => v.length === 4 && v.every(Number.isFinite), {
    message: '--bbox must be four numbers w,s,e,n',
    abort: true,
  })
  .refine(
    ([w, s, e, n]) => w >= -180 && e <= 180 && w <= 180 && e >= -180 && s >= -90 && n <= 90 && s <= n,
    '--bbox must be w,s,e,n in degrees with south ≤ north',
  )
  .transform((v) => v as [number, number, number, number]);

export const QueryOptionsSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  type: list(EVENT_TYPES, '--type').optional(),
  actor: z.string().min(1).optional(),
  place: z.string().min(1).optional(),
  bbox: bbox.optional(),
  modality: list(MODALITIES, '--modality').optional(),
  sourceKind: list(SOURCE_KINDS, '--source-kind').optional(),
  q: z.string().min(1).optional(),
  disputed: z.boolean().optional(),
  limit: z.coerce.number().int().positive().max(1_000_000).optional(),
});

export function addQueryOptions(command: Command): Command {
  return command
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .option('--from <date>', 'events on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'events on or before this date (YYYY-MM-DD)')
    .option('--type <types>', `event types, comma-separated (${EVENT_TYPES.join(', ')})`)
    .option('--actor <actor>', 'actor id or part of an actor name')
    .option('--place <place>', 'place name or GeoNames id')
    .option('--bbox <w,s,e,n>', 'bounding box in degrees')
    .option('--modality <modalities>', `comma-separated (${MODALITIES.join(', ')})`)
    .option('--source-kind <kinds>', `comma-separated (${SOURCE_KINDS.join(', ')})`)
    .option('--q <text>', 'text in the evidence sentences')
    .option('--disputed', 'only disputed events')
    .option('--limit <n>', 'at most this many events');
}

/** Validates the filter options; throws one readable error naming every bad option. */
export function toEventQuery(raw: Record<string, unknown>): EventQuery {
  const parsed = QueryOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const o = parsed.data;
  if (o.from && o.to && o.from > o.to) throw new Error('--from is after --to');
  return {
    from: o.from,
    to: o.to,
    types: o.type,
    actor: o.actor,
    place: o.place,
    bbox: o.bbox,
    modality: o.modality,
    sourceKind: o.sourceKind,
    q: o.q,
    disputed: o.disputed,
    limit: o.limit,
  };
}

export function parseFormat<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`--format must be one of: ${allowed.join(', ')}`);
}

/** A plain text table with padded columns (for --format table). */
export function table(headers: string[], rows: string[][], maxWidth = 60): string {
  const cut = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = [headers, ...rows].map((r) => r.map((c) => cut(c.replace(/\s+/g, ' '))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `sitrep events … | head` closes stdout early: that ends the command quietly, it is not an error. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
