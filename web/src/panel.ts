// The evidence panel: one event with its highlighted source sentence and every report, or a list of the
// events under a click. All text from the store goes in through text nodes (./dom.ts), never as HTML.
import type { Evidence, Report, StoredEvent } from '../../src/types.ts';
import { TYPE_COLORS, TYPE_LABELS } from './colors.ts';
import { el, safeUrl } from './dom.ts';
import { highlightSegments } from './highlight.ts';

const PRECISION_LABELS: Record<number, string> = {
  1: 'the place itself',
  2: 'near the place',
  3: 'region or province',
  4: 'country only',
};

const ROLE_LABELS: Record<string, string> = {
  trigger: 'what happened',
  actor1: 'actor',
  actor2: 'target',
  place: 'place',
  date: 'date',
  source: 'source',
  fatalities: 'fatalities',
};

/** Modalities on the "it happened" side of a dispute; the rest (denied, negated) are the other side. */
const AFFIRMING = new Set(['asserted', 'claimed', 'possible', 'planned', 'hypothetical']);

function typeChip(type: StoredEvent['type']): HTMLElement {
  const chip = el('span', { class: 'type-chip' }, TYPE_LABELS[type]);
  chip.style.setProperty('--chip', TYPE_COLORS[type]);
  return chip;
}

/** The sentence with each span as a <mark> for its role. */
export function highlightedSentence(evidence: Evidence): HTMLElement {
  const quote = el('blockquote', { class: 'evidence-sentence' });
  for (const segment of highlightSegments(evidence)) {
    if (segment.roles.length === 0) {
      quote.appendChild(document.createTextNode(segment.text));
      continue;
    }
    quote.appendChild(
      el(
        'mark',
        {
          class: segment.roles.map((r) => `role-${r}`).join(' '),
          title: segment.roles.map((r) => ROLE_LABELS[r] ?? r).join(', '),
          dataset: { role: segment.roles[0] },
        },
        segment.text,
      ),
    );
  }
  return quote;
}

function roleLegend(evidence: Evidence): HTMLElement {
  const roles = [...new Set(evidence.spans.map((s) => s.role))];
  return el(
    'p',
    { class: 'role-legend' },
    ...roles.map((r) => el('mark', { class: `role-${r}` }, ROLE_LABELS[r] ?? r)),
  );
}

function row(label: string, ...value: Array<Node | string | null>): HTMLElement | null {
  if (value.every((v) => v === null || v === '')) return null;
  return el('div', { class: 'meta-row' }, el('dt', null, label), el('dd', null, ...value));
}

function dateText(e: StoredEvent): string {
  const d = e.date;
  if (!d.value) return d.text ? `unknown (“${d.text}”)` : 'unknown';
  const range = d.end && d.end !== d.value ? `${d.value} – ${d.end}` : d.value;
  return `${range}${d.precision && d.precision !== 'day' ? ` (${d.precision})` : ''}${d.text ? ` · “${d.text}”` : ''}`;
}

function placeText(e: StoredEvent): string | null {
  const l = e.location;
  if (!l) return null;
  const parts = [l.name, l.admin1, l.country].filter(Boolean).join(', ');
  return `${parts || 'unnamed place'}${l.precision ? ` (${PRECISION_LABELS[l.precision]})` : ''}`;
}

function actorsText(e: StoredEvent): string | null {
  const a1 = e.actor1
    ? `${e.actor1.name}${e.actor1.kind ? ` [${e.actor1.kind.replace(/_/g, ' ')}]` : ''}`
    : null;
  const a2 = e.actor2
    ? `${e.actor2.name}${e.actor2.kind ? ` [${e.actor2.kind.replace(/_/g, ' ')}]` : ''}`
    : null;
  if (!a1 && !a2) return null;
  return `${a1 ?? '?'}${a2 ? ` → ${a2}` : ''}`;
}

function sourceText(source: StoredEvent['source']): string {
  const who = source.text ?? source.name;
  return `${who ? `${who} · ` : ''}${source.kind.replace(/_/g, ' ')}`;
}

/** The report that is the event's own evidence gets the highlighted sentence. */
function isEvidenceReport(e: StoredEvent, r: Report): boolean {
  return r.article === e.article && r.start === e.evidence.start;
}

function reportItem(e: StoredEvent, r: Report, index: number, reportIds: string[]): HTMLElement {
  const url = safeUrl(r.url);
  const sameArticle = e.reports
    .map((other, i) => ({ other, i }))
    .filter(({ other, i }) => i !== index && other.article === r.article);
  const item = el(
    'li',
    { class: `report modality-${r.modality}`, attrs: { id: reportIds[index] } },
    el(
      'div',
      { class: 'report-head' },
      el('strong', null, `Report ${index + 1} of ${e.reports.length}`),
      el('span', { class: `modality-chip modality-${r.modality}` }, r.modality),
      el('span', { class: `source-chip source-${r.source.kind}` }, r.source.kind.replace(/_/g, ' ')),
    ),
    el('p', { class: 'report-source' }, r.source.text ?? r.source.name ?? 'the report itself'),
    // The event's own evidence is shown highlighted above; repeating it here would only push the others down.
    isEvidenceReport(e, r)
      ? el('p', { class: 'report-same' }, 'the source sentence above')
      : el('blockquote', { class: 'evidence-sentence' }, r.sentence),
    el(
      'p',
      { class: 'report-article' },
      'article ',
      url
        ? el('a', { attrs: { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' } }, r.article)
        : el('code', null, r.article),
      r.articleDate ? ` · published ${r.articleDate}` : '',
      r.dateText ? ` · “${r.dateText}”` : '',
    ),
  );
  if (sameArticle.length) {
    item.appendChild(
      el(
        'p',
        { class: 'report-links' },
        'same article as ',
        ...sameArticle.flatMap(({ i }, k) => [
          k > 0 ? ', ' : '',
          reportLink(reportIds[i], `report ${i + 1}`),
        ]),
      ),
    );
  }
  return item;
}

function reportLink(targetId: string, label: string): HTMLElement {
  return el(
    'a',
    {
      class: 'report-link',
      attrs: { href: `#${targetId}` },
      on: {
        click: (ev) => {
          ev.preventDefault();
          document.getElementById(targetId)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          document.getElementById(targetId)?.classList.add('flash');
          setTimeout(() => document.getElementById(targetId)?.classList.remove('flash'), 1200);
        },
      },
    },
    label,
  );
}

function disputeBlock(e: StoredEvent, reportIds: string[]): HTMLElement | null {
  if (!e.disputed) return null;
  const side = (affirm: boolean) =>
    e.reports
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => AFFIRMING.has(r.modality) === affirm)
      .map(({ r, i }) =>
        el(
          'li',
          null,
          reportLink(reportIds[i], `report ${i + 1}`),
          `: ${r.source.text ?? r.source.name ?? 'the report'} (${r.source.kind.replace(/_/g, ' ')}, ${r.modality})`,
        ),
      );
  return el(
    'section',
    { class: 'dispute' },
    el('h3', null, 'Disputed: the sources disagree'),
    el(
      'div',
      { class: 'dispute-sides' },
      el(
        'div',
        { class: 'dispute-side side-for' },
        el('h4', null, 'Says it happened'),
        el('ul', null, ...side(true)),
      ),
      el(
        'div',
        { class: 'dispute-side side-against' },
        el('h4', null, 'Denies it'),
        el('ul', null, ...side(false)),
      ),
    ),
  );
}

export function renderEvent(e: StoredEvent): HTMLElement {
  const reportIds = e.reports.map((_, i) => `report-${i + 1}`);
  const fatalities = e.fatalities
    ? `${e.fatalities.value ?? (e.fatalities.min !== null ? `at least ${e.fatalities.min}` : '?')} (“${e.fatalities.text}”)`
    : null;
  return el(
    'article',
    { class: `event-detail${e.disputed ? ' is-disputed' : ''}`, dataset: { eventId: e.id } },
    el(
      'header',
      { class: 'event-head' },
      typeChip(e.type),
      e.disputed ? el('span', { class: 'disputed-chip' }, 'disputed') : null,
    ),
    el(
      'h2',
      { class: 'event-title' },
      `${TYPE_LABELS[e.type]}${e.location?.name ? ` in ${e.location.name}` : ''}`,
    ),
    el(
      'dl',
      { class: 'meta' },
      row('Date', dateText(e)),
      row('Place', placeText(e)),
      row('Actors', actorsText(e)),
      row('Modality', el('span', { class: `modality-chip modality-${e.modality}` }, e.modality)),
      row('Source', sourceText(e.source)),
      row('Fatalities', fatalities),
      row('ACLED', `${e.acled.event_type} / ${e.acled.sub_event_type}`),
      row('Confidence', `${Math.round(e.confidence * 100)}%`),
    ),
    disputeBlock(e, reportIds),
    el(
      'section',
      { class: 'evidence' },
      el('h3', null, 'Source sentence'),
      highlightedSentence(e.evidence),
      roleLegend(e.evidence),
    ),
    e.mentions?.length
      ? el(
          'section',
          { class: 'mentions' },
          el('h3', null, 'Also mentioned in the same article'),
          ...e.mentions.map((m) => highlightedSentence(m)),
        )
      : null,
    el(
      'section',
      { class: 'reports' },
      el('h3', null, `${e.reports.length} report${e.reports.length === 1 ? '' : 's'} of this event`),
      e.reports.length > 1
        ? el('nav', { class: 'report-nav' }, ...reportIds.map((id, i) => reportLink(id, String(i + 1))))
        : null,
      el('ol', { class: 'report-list' }, ...e.reports.map((r, i) => reportItem(e, r, i, reportIds))),
    ),
    el(
      'p',
      { class: 'event-json' },
      el(
        'a',
        { attrs: { href: `/api/events/${encodeURIComponent(e.id)}`, target: '_blank' } },
        'event as JSON',
      ),
    ),
  );
}

/** Several events under one click: a list to pick from. */
export function renderEventList(events: StoredEvent[], onPick: (id: string) => void): HTMLElement {
  return el(
    'section',
    { class: 'event-list' },
    el('h2', null, `${events.length} events here`),
    el(
      'ul',
      null,
      ...events.map((e) =>
        el(
          'li',
          null,
          el(
            'button',
            {
              class: 'event-pick',
              attrs: { type: 'button' },
              dataset: { eventId: e.id },
              on: { click: () => onPick(e.id) },
            },
            typeChip(e.type),
            ` ${e.location?.name ?? ''} · ${e.date.value ?? 'undated'} · ${e.modality}`,
          ),
        ),
      ),
    ),
  );
}
