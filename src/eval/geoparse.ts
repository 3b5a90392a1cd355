// Geoparsing scores (Gritta, Pilehvar & Collier, "A Pragmatic Guide to Geoparsing Evaluation", 2020):
// toponym recognition P/R/F1 (exact span and overlapping span), resolution on gold spans (accuracy within
// 161 km, mean and median error, AUC of the log-error curve) and end-to-end accuracy on recognised spans.
// Pure functions: the caller loads the gold and supplies the geoparser.

/** Half the Earth's circumference: the error of an unresolved toponym, as in the paper's protocol. */
export const MAX_ERROR_KM = 20039;
export const ACCURACY_KM = 161;

export interface GoldToponym {
  start: number;
  end: number;
  name: string;
  /** null when the toponym is tagged but has no coordinates (counts for recognition only). */
  lat: number | null;
  lon: number | null;
}

export interface GeoDoc {
  id: string;
  text: string;
  /** Gold toponyms (recognition targets; the gold is exhaustive, so any other prediction is a false positive). */
  toponyms: GoldToponym[];
}

export interface PredictedToponym {
  start: number;
  end: number;
  lat: number;
  lon: number;
}

export interface GeoparserUnderTest {
  /** Recognise and resolve. */
  geoparse(text: string): PredictedToponym[];
  /** Resolve a gold span in its document. */
  resolve(name: string, doc: GeoDoc): { lat: number; lon: number } | null;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ErrorFigures {
  n: number;
  acc161: number;
  meanKm: number;
  medianKm: number;
  auc: number;
}

export interface GeoparseFigures {
  documents: number;
  recognition: { exact: PRF; overlap: PRF };
  /** Resolution of the gold spans that have coordinates; unresolved spans count as MAX_ERROR_KM. */
  resolution: ErrorFigures & { unresolved: number };
  /** Recognised spans that overlap a gold toponym with coordinates, scored within 161 km. */
  endToEnd: { matched: number; acc161: number; accOfGold: number };
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

interface Span {
  start: number;
  end: number;
}

/**
 * Span matching for one document: exact (same start and end) or overlapping (any shared character),
 * each gold span matched at most once. Returns the index of the matched gold span per prediction (-1 if none).
 */
export function matchSpans(gold: Span[], predicted: Span[], mode: 'exact' | 'overlap'): number[] {
  const used = new Set<number>();
  return predicted.map((p) => {
    let best = -1;
    let bestOverlap = 0;
    gold.forEach((g, k) => {
      if (used.has(k)) return;
      if (mode === 'exact') {
        if (g.start === p.start && g.end === p.end) {
          best = k;
          bestOverlap = Infinity;
        }
        return;
      }
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap > bestOverlap) {
        best = k;
        bestOverlap = overlap;
      }
    });
    if (best >= 0) used.add(best);
    return best;
  });
}

/** Recognition P/R/F1 summed over documents. */
export function scoreRecognition(
  docs: { gold: Span[]; predicted: Span[] }[],
  mode: 'exact' | 'overlap',
): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const d of docs) {
    const matched = matchSpans(d.gold, d.predicted, mode).filter((k) => k >= 0).length;
    tp += matched;
    fp += d.predicted.length - matched;
    fn += d.gold.length - matched;
  }
  return prf(tp, fp, fn);
}

/**
 * Error figures from error distances in km. AUC follows the paper's code: the area under the sorted
 * ln(error + 1) curve (unit spacing, trapezoid rule) divided by ln(MAX_ERROR_KM) × (n − 1); 0 is perfect, 1 worst.
 */
export function scoreErrors(errorsKm: number[]): ErrorFigures {
  const n = errorsKm.length;
  if (n === 0) return { n: 0, acc161: 0, meanKm: 0, medianKm: 0, auc: 0 };
  const sorted = [...errorsKm].sort((a, b) => a - b);
  const within = sorted.filter((e) => e <= ACCURACY_KM).length;
  const mean = sorted.reduce((s, e) => s + e, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const logs = sorted.map((e) => Math.log(e + 1));
  let auc: number;
  if (n === 1) auc = logs[0] / Math.log(MAX_ERROR_KM);
  else {
    let area = 0;
    for (let i = 1; i < n; i++) area += (logs[i - 1] + logs[i]) / 2;
    auc = area / (Math.log(MAX_ERROR_KM) * (n - 1));
  }
  return { n, acc161: within / n, meanKm: mean, medianKm: median, auc };
}

/** Distance of a resolution from gold; unresolved counts as the maximum error. */
export function errorKm(
  gold: { lat: number; lon: number },
  got: { lat: number; lon: number } | null,
): number {
  return got ? haversineKm(gold.lat, gold.lon, got.lat, got.lon) : MAX_ERROR_KM;
}

/** Every figure for one gold set. */
export function scoreGeoparse(docs: GeoDoc[], parser: GeoparserUnderTest): GeoparseFigures {
  const recognitionInput: { gold: Span[]; predicted: Span[] }[] = [];
  const errors: number[] = [];
  let unresolved = 0;
  let matched = 0;
  let matchedCorrect = 0;
  let goldWithCoords = 0;
  for (const doc of docs) {
    const predicted = parser.geoparse(doc.text);
    const gold = doc.toponyms;
    recognitionInput.push({ gold, predicted });
    for (const t of gold) {
      if (t.lat === null || t.lon === null) continue;
      goldWithCoords++;
      const got = parser.resolve(t.name, doc);
      if (!got) unresolved++;
      errors.push(errorKm({ lat: t.lat, lon: t.lon }, got));
    }
    const links = matchSpans(gold, predicted, 'overlap');
    links.forEach((k, i) => {
      if (k < 0) return;
      const g = gold[k];
      if (g.lat === null || g.lon === null) return;
      matched++;
      if (haversineKm(g.lat, g.lon, predicted[i].lat, predicted[i].lon) <= ACCURACY_KM) matchedCorrect++;
    });
  }
  return {
    documents: docs.length,
    recognition: {
      exact: scoreRecognition(recognitionInput, 'exact'),
      overlap: scoreRecognition(recognitionInput, 'overlap'),
    },
    resolution: { ...scoreErrors(errors), unresolved },
    endToEnd: {
      matched,
      acc161: matched ? matchedCorrect / matched : 0,
      accOfGold: goldWithCoords ? matchedCorrect / goldWithCoords : 0,
    },
  };
}
