// The OpenAPI 3.1 document, generated from the zod schemas in ./schemas.ts that also validate every request.
// OpenAPI 3.1 uses JSON Schema 2020-12, which is what zod's toJSONSchema emits.
import { z } from 'zod';
import {
  ArticleInput,
  ArticlesBody,
  ClaimsQuery,
  ClaimsResponse,
  ControlQuery,
  ControlRecordSchema,
  ControlResponse,
  ErrorBody,
  EventIdParam,
  EventPage,
  EventsQuery,
  ExportQuery,
  IngestResponse,
  StoredEventSchema,
  StreamMessage,
} from './schemas.ts';

type JsonSchema = Record<string, unknown>;

interface ResponseDoc {
  description: string;
  /** name of a component schema (JSON body) */
  schema?: string;
  contentTypes?: string[];
}

interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: string;
  write?: boolean;
  responses: Record<number, ResponseDoc>;
}

/** Named schemas, emitted once under components/schemas and referenced by $ref. */
const COMPONENTS: Record<string, z.ZodType> = {
  Error: ErrorBody,
  StoredEvent: StoredEventSchema,
  EventPage,
  ControlRecord: ControlRecordSchema,
  ControlResponse,
  ClaimsResponse,
  ArticleInput,
  ArticlesBody,
  IngestResponse,
  StreamMessage,
};

const badRequest: ResponseDoc = { description: 'invalid query or body: `{error, field}`', schema: 'Error' };

export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/events',
    operationId: 'listEvents',
    summary: 'Stored (merged) events matching the filters, newest first, paged by cursor',
    query: EventsQuery,
    responses: { 200: { description: 'one page of events', schema: 'EventPage' }, 400: badRequest },
  },
  {
    method: 'get',
    path: '/api/events/{id}',
    operationId: 'getEvent',
    summary: 'One event with every report, its sentence and source',
    params: EventIdParam,
    responses: {
      200: { description: 'the event', schema: 'StoredEvent' },
      404: { description: 'no such event', schema: 'Error' },
    },
  },
  {
    method: 'get',
    path: '/api/control',
    operationId: 'getControl',
    summary: 'Who holds which place on a date, derived from the event history',
    query: ControlQuery,
    responses: { 200: { description: 'control per place', schema: 'ControlResponse' }, 400: badRequest },
  },
  {
    method: 'get',
    path: '/api/claims',
    operationId: 'listClaims',
    summary: 'Disputed claims: events one source asserts or claims and another denies',
    query: ClaimsQuery,
    responses: {
      200: { description: 'disputed events, both sides in reports', schema: 'ClaimsResponse' },
      400: badRequest,
    },
  },
  {
    method: 'get',
    path: '/api/export',
    operationId: 'exportEvents',
    summary: 'All matching events as ACLED CSV, GeoJSON, PLOVER or JSONL',
    query: ExportQuery,
    responses: {
      200: {
        description: 'the export file',
        contentTypes: ['text/csv', 'application/geo+json', 'application/json', 'application/x-ndjson'],
      },
      400: badRequest,
    },
  },
  {
    method: 'post',
    path: '/api/articles',
    operationId: 'postArticles',
    summary: 'Ingest one article or an array of articles: extract events and merge them into the store',
    body: 'ArticlesBody',
    write: true,
    responses: {
      201: { description: 'what each article added', schema: 'IngestResponse' },
      400: badRequest,
      401: { description: 'missing or wrong bearer token', schema: 'Error' },
      413: { description: 'body larger than the limit', schema: 'Error' },
    },
  },
  {
    method: 'get',
    path: '/api/stream',
    operationId: 'streamEvents',
    summary:
      'Server-sent events: `event: created|updated`, `data:` a StreamMessage, for every event any POST to this server creates or changes',
    responses: {
      200: { description: 'text/event-stream of StreamMessage', contentTypes: ['text/event-stream'] },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1 document', contentTypes: ['application/json'] } },
  },
];

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Turns an object schema (query string or path) into OpenAPI parameters, one per property. */
function parameters(schema: z.ZodType, where: 'query' | 'path'): JsonSchema[] {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function response(doc: ResponseDoc): JsonSchema {
  if (doc.schema) {
    return {
      description: doc.description,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${doc.schema}` } } },
    };
  }
  const content: Record<string, JsonSchema> = {};
  for (const type of doc.contentTypes ?? []) content[type] = { schema: { type: 'string' } };
  return { description: doc.description, ...(doc.contentTypes ? { content } : {}) };
}

export function openApiDocument(version = '0.1.0'): JsonSchema {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([k, v]) => [k, stripMeta(v)]));

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: [
        ...(route.params ? parameters(route.params, 'path') : []),
        ...(route.query ? parameters(route.query, 'query') : []),
      ],
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, doc]) => [String(status), response(doc)]),
      ),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } },
      };
    }
    if (route.write) operation.security = [{ bearer: [] }];
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version,
      description:
        'Sourced, geolocated, dated conflict events merged across reports; control of places; disputed claims; exports. ' +
        'Errors are JSON `{error, field}`. Writes need `Authorization: Bearer <SITREP_TOKEN>` when a token is configured ' +
        '(always when the server listens beyond loopback).',
    },
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
