// The sitrep library: `import { extract } from 'sitrep'` returns the same records as `sitrep extract`.
export { type ExtractOptions, extract } from './extract/index.ts';
export { articleId, type InputItem, isMessage, type ReadOptions, readInputs } from './input/index.ts';
export * from './types.ts';
