// Small, dependency-free metrics shared by every scorer in src/eval.

export const EARTH_KM = 6371.0088;

/** Great-circle distance in km (same formula and Earth radius as shared/tools/score-expected.mjs). */
export function haversineKm(a: readonly [number, number], b: readonly [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[0] - a[0]) * r) / 2) ** 2 +
    Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin(((b[1] - a[1]) * r) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** n / d, or null when there is nothing to divide (so a report can print "–" instead of a fake 0). */
export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

export function f1(precision: number | null, recall: number | null): number | null {
  if (precision == null || recall == null) return null;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Per-class counts of a single-label classification. */
export interface ClassScore {
  label: string;
  support: number;
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Classification {
  total: number;
  correct: number;
  accuracy: number | null;
  /** Mean F1 over the labels that occur in the gold (sklearn's macro average with labels = gold labels). */
  macroF1: number | null;
  perClass: ClassScore[];
  /** confusion[gold][predicted] = count; the predicted label `NONE` means no output. */
  confusion: Map<string, Map<string, number>>;
}

export const NO_PREDICTION = 'NONE';

/** Scores (gold, predicted) label pairs. Labels are free strings; NO_PREDICTION marks an empty output. */
export function classify(pairs: ReadonlyArray<{ gold: string; predicted: string }>): Classification {
  const confusion = new Map<string, Map<string, number>>();
  const support = new Map<string, number>();
  const predicted = new Map<string, number>();
  const correct = new Map<string, number>();
  let right = 0;
  for (const { gold, predicted: p } of pairs) {
    const row = confusion.get(gold) ?? new Map<string, number>();
    row.set(p, (row.get(p) ?? 0) + 1);
    confusion.set(gold, row);
    support.set(gold, (support.get(gold) ?? 0) + 1);
    if (p !== NO_PREDICTION) predicted.set(p, (predicted.get(p) ?? 0) + 1);
    if (p === gold) {
      right++;
      correct.set(gold, (correct.get(gold) ?? 0) + 1);
    }
  }
  const labels = [...new Set([...support.keys(), ...predicted.keys()])].sort();
  const perClass = labels.map((label) => {
    const c = correct.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const pr = predicted.get(label) ?? 0;
    const precision = ratio(c, pr) ?? (s > 0 ? 0 : null);
    const recall = ratio(c, s);
    return {
      label,
      support: s,
      predicted: pr,
      correct: c,
      precision,
      recall,
      f1: s > 0 ? f1(precision, recall) : null,
    };
  });
  const goldF1 = perClass.filter((c) => c.support > 0).map((c) => c.f1 ?? 0);
  return {
    total: pairs.length,
    correct: right,
    accuracy: ratio(right, pairs.length),
    macroF1: mean(goldF1),
    perClass,
    confusion,
  };
}
