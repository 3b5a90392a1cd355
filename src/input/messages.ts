import type { InputMessage } from '../types.ts';
import type { InputResult } from './types.ts';

/** A problem that rejects a file or a record. */
export function reject(file: string, line: number | null, reason: string): InputMessage {
  return { file, line, reason, fatal: true };
}

/** A problem worth telling but that does not reject anything (e.g. an article without a date). */
export function warn(file: string, line: number | null, reason: string): InputMessage {
  return { file, line, reason, fatal: false };
}

export function isMessage(x: InputResult): x is InputMessage {
  return 'reason' in x && !('article' in x);
}

/** "FILE:LINE: reason", or "FILE: reason" when the line is unknown (compiler-style, clickable in editors). */
export function formatMessage(m: InputMessage): string {
  return m.line === null ? `${m.file}: ${m.reason}` : `${m.file}:${m.line}: ${m.reason}`;
}
