// Control records for one report, for the corpus gold's `control[]` rows: the report's events are clustered
// as the cross-report merge does, each cluster becomes a stored event led by its strongest report, and the
// control view replays the resulting facts at the date asked. (The store computes control the same way over
// all reports; here there is only one.)
import { clusterMembers, type Member, reportOrder } from '../merge/cross-report.ts';
import type { ControlRecord, EventRecord, StoredEvent } from '../types.ts';
import { controlAt, controlFacts } from '../views/control.ts';

export function reportControl(
  events: EventRecord[],
  articleDate: string | null,
  at: string,
): ControlRecord[] {
  const members: Member[] = events.map((record) => ({ record, articleDate }));
  const order = reportOrder();
  const facts = clusterMembers(members).flatMap((cluster) => {
    const sorted = [...cluster].sort(order);
    const lead = sorted[0].record;
    const stored: StoredEvent = {
      ...lead,
      disputed: false,
      reports: sorted.map((m) => ({
        article: m.record.article,
        event: m.record.id,
        sentence: m.record.evidence.sentence,
        start: m.record.evidence.start,
        end: m.record.evidence.end,
        source: m.record.source,
        modality: m.record.modality,
        dateText: m.record.date.text,
        articleDate,
      })),
    };
    return controlFacts(stored, sorted);
  });
  return controlAt(facts, at);
}
