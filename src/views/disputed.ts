// Disputed claims (SPEC "Derived views"): each disputed event with both sides' evidence, affirming reports
// (asserted/claimed) and denying ones (denied/negated), each with its source and sentence.
import { mergeRules } from '../merge/rules.ts';
import type { Report, StoredEvent } from '../types.ts';

export interface DisputedClaim {
  event: StoredEvent;
  affirm: Report[];
  deny: Report[];
}

export function disputedClaims(events: StoredEvent[], rules = mergeRules()): DisputedClaim[] {
  return events
    .filter((e) => e.disputed)
    .map((event) => ({
      event,
      affirm: event.reports.filter((r) => rules.dispute.affirm.includes(r.modality)),
      deny: event.reports.filter((r) => rules.dispute.deny.includes(r.modality)),
    }));
}
