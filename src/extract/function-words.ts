// Closed-class words the refiners share. Each module extends these with the few words its own rule needs.

/** Articles, possessives and demonstratives: what opens a noun phrase. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'that',
  'these',
  'those',
]);

export const extend = (base: ReadonlySet<string>, ...more: string[]): ReadonlySet<string> =>
  new Set([...base, ...more]);
