// The zod schemas of the HTTP API: the same objects validate requests and generate the OpenAPI document
// (src/api/openapi.ts), so the document cannot drift from what the server accepts.
import { z } from 'zod';
import { ACTOR_KINDS, EVENT_TYPES, MODALITIES, SOURCE_KINDS } from '../types.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../views/export/index.ts';

export { EXPORT_FORMATS, type ExportFormat };

/** Largest page of events one request may ask for. */
export const MAX_PAGE = 5000;
export const DEFAULT_PAGE = 500;
/** Largest number of articles in one POST. */
export const MAX_ARTICLES_PER_POST = 1000;

const isoDate = z.iso.date().describe('ISO date YYYY-MM-DD');

/**
 * A comma-separated list of enum values in a query string ("clash,shelling"); repeated keys are joined with
 * commas before validation, so `type=clash&type=shelling` works too.
 */
function enumList<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .string()
    .describe(`comma-separated ${what}: ${values.join(', ')}`)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
}

const bbox = z
  .string()
  .describe('west,south,east,north in degrees (WGS84); west > east crosses the antimeridian')
  .transform((s, ctx) => {
    const parts = s.split(',').map((v) => Number(v.trim()));
    const [w, south, e, n] = parts;
    const valid =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      Math.abs(w) <= 180 &&
      Math.abs(e) <= 180 &&
      south >= -90 &&
      n <= 90 &&
      south <= n;
    if (!valid) {
      ctx.addIssue({
        code: 'custom',
        message: 'bbox must be west,south,east,north in degrees with south ≤ north',
      });
      return z.NEVER;
    }
    return [w, south, e, n] as [number, number, number, number];
  });

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .describe('true or false');

/** Filters shared by /api/events and /api/export. */
const eventFilters = {
  from: isoDate.optional().describe('events on or after this date (YYYY-MM-DD)'),
  to: isoDate.optional().describe('events on or before this date (YYYY-MM-DD)'),
  type: enumList(EVENT_TYPES, 'event types').optional(),
  actor: z.string().min(1).max(200).optional().describe('actor id or name (either side)'),
  place: z.string().min(1).max(200).optional().describe('place name'),
  bbox: bbox.optional(),
  modality: enumList(MODALITIES, 'modalities').optional(),
  source_kind: enumList(SOURCE_KINDS, 'source kinds').optional(),
  q: z.string().min(1).max(200).optional().describe('free text searched in the evidence sentences'),
  disputed: booleanFlag.optional(),
};

export const EventsQuery = z
  .strictObject({
    ...eventFilters,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE)
      .default(DEFAULT_PAGE)
      .describe(`page size (≤ ${MAX_PAGE})`),
    cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const EventIdParam = z.strictObject({ id: z.string().min(1).max(200) });

export const ControlQuery = z.strictObject({
  at: isoDate.describe('the day the control picture is for'),
  place: z.string().min(1).max(200).optional().describe('only this place'),
});

export const ClaimsQuery = z.strictObject({
  disputed: z
    .enum(['true', '1'])
    .default('true')
    .describe('only disputed claims are served; the flag is accepted for readability'),
});

export const ExportQuery = z.strictObject({ format: z.enum(EXPORT_FORMATS), ...eventFilters });

export const ArticleInput = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:-]+$/, 'id may hold letters, digits, _ . : -')
    .optional()
    .describe('article id; a hash of the text when absent'),
  date: isoDate.nullable().describe('publication date, the anchor for relative dates (null when unknown)'),
  title: z.string().max(1000).nullish(),
  text: z.string().trim().min(1, 'text must not be empty'),
  url: z.string().url().max(2000).nullish(),
  source: z.string().max(200).nullish(),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

export const ArticleList = z.array(ArticleInput).min(1).max(MAX_ARTICLES_PER_POST);
export const ArticlesBody = z.union([ArticleInput, ArticleList]);

// ---- responses (documentation; the store's types are the source of truth) ----

export const ErrorBody = z.object({
  error: z.string(),
  field: z.string().nullable().describe('the offending query/body field, or null'),
});

const Actor = z.object({
  name: z.string(),
  id: z.string().nullable(),
  kind: z.enum(ACTOR_KINDS).nullable(),
  country: z.string().nullable(),
});

const Location = z.object({
  name: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  admin1: z.string().nullable(),
  country: z.string().nullable(),
  precision: z.number().int().min(1).max(4).nullable(),
  geonameId: z.number().int().nullable(),
});

const Source = z.object({
  text: z.string().nullable(),
  kind: z.enum(SOURCE_KINDS),
  name: z.string().nullable(),
});

const Span = z.object({
  role: z.enum(['trigger', 'actor1', 'actor2', 'place', 'date', 'source', 'fatalities']),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
});

const Evidence = z.object({
  sentence: z.string(),
  start: z.number().int().describe('offset of the sentence in the article'),
  end: z.number().int(),
  spans: z.array(Span).describe('offsets in the article'),
});

const Report = z.object({
  article: z.string(),
  event: z.string(),
  sentence: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  source: Source,
  modality: z.enum(MODALITIES),
  dateText: z.string().nullable(),
  articleDate: z.string().nullable(),
  url: z.string().nullish(),
});

export const StoredEventSchema = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  actor1: Actor.nullable(),
  actor2: Actor.nullable(),
  location: Location.nullable(),
  date: z.object({
    value: z.string().nullable(),
    end: z.string().nullable(),
    precision: z.enum(['day', 'week', 'month', 'year']).nullable(),
    text: z.string().nullable(),
  }),
  modality: z.enum(MODALITIES),
  source: Source,
  fatalities: z
    .object({
      value: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      text: z.string(),
    })
    .nullable(),
  acled: z.object({ event_type: z.string(), sub_event_type: z.string() }),
  plover: z.object({ event_type: z.string().nullable(), mode: z.string().nullable() }),
  evidence: Evidence,
  confidence: z.number(),
  article: z.string(),
  mentions: z.array(Evidence).optional(),
  reports: z.array(Report),
  disputed: z.boolean(),
});

export const EventPage = z.object({
  events: z.array(StoredEventSchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
});

export const ControlRecordSchema = z.object({
  place: z.object({
    name: z.string(),
    lat: z.number(),
    lon: z.number(),
    geonameId: z.number().int().nullable(),
  }),
  holder: z.object({ id: z.string(), name: z.string() }).nullable(),
  since: z.string().nullable(),
  status: z.enum(['held', 'claimed', 'contested']),
  events: z.array(z.string()),
});

export const ControlResponse = z.object({ at: z.string(), places: z.array(ControlRecordSchema) });
export const ClaimsResponse = z.object({ events: z.array(StoredEventSchema) });

export const IngestResponse = z.object({
  results: z.array(
    z.union([
      z.object({
        article: z.string(),
        inserted: z.boolean().describe('false when the same text was already stored'),
        created: z.array(z.string()),
        updated: z.array(z.string()),
      }),
      z.object({
        article: z.string(),
        error: z.string().describe('this article failed; the others went on'),
      }),
    ]),
  ),
});

export const StreamMessage = z.object({
  change: z.enum(['created', 'updated']),
  event: StoredEventSchema,
});
