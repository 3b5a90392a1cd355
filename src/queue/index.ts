// The PostgreSQL-backed ingest queue: jobs (enqueue/claim/complete/fail), the worker loop, and its status.

export * from './enqueue-inputs.ts';
export * from './jobs.ts';
export * from './process.ts';
export * from './status.ts';
export * from './worker.ts';
