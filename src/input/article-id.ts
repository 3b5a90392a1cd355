import { createHash } from 'node:crypto';

/**
 * Normalises text for identity: NFC, every whitespace run collapsed to one space, trimmed.
 * Two copies of the same article that differ only in line wrapping or Unicode composition get the same id.
 */
export function normaliseForId(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Stable article id: the first 16 hex digits of the SHA-256 of the normalised text. */
export function articleId(text: string): string {
  return createHash('sha256').update(normaliseForId(text), 'utf8').digest('hex').slice(0, 16);
}
