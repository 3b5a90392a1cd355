// Cuts an evidence sentence into plain and highlighted segments from its spans. Pure, so that it is tested in
// node; the panel turns segments into <mark> elements with textContent (article text is never HTML).
import type { Evidence, Span } from '../../src/types.ts';

export type SpanRole = Span['role'];

export interface Segment {
  text: string;
  /** the roles covering this piece (a place inside an actor name has both), empty for plain text */
  roles: SpanRole[];
}

/** Roles shown first win the colour when spans overlap. */
const ROLE_ORDER: SpanRole[] = ['trigger', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'source'];

/**
 * Spans are offsets in the article; the sentence starts at `evidence.start`. Spans outside the sentence are
 * clipped away, so that a bad offset shows less highlighting instead of the wrong text.
 */
export function highlightSegments(evidence: Evidence): Segment[] {
  const { sentence } = evidence;
  const length = sentence.length;
  const local = evidence.spans
    .map((s) => ({
      role: s.role,
      start: Math.max(0, s.start - evidence.start),
      end: Math.min(length, s.end - evidence.start),
    }))
    .filter((s) => s.end > s.start && s.start < length);
  const cuts = new Set<number>([0, length]);
  for (const s of local) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const roles = ROLE_ORDER.filter((role) =>
      local.some((s) => s.role === role && s.start <= from && s.end >= to),
    );
    const text = sentence.slice(from, to);
    const previous = segments[segments.length - 1];
    if (previous && sameRoles(previous.roles, roles)) previous.text += text;
    else segments.push({ text, roles });
  }
  return segments;
}

function sameRoles(a: SpanRole[], b: SpanRole[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
