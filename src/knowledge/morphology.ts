// English inflection for the trigger lexicon: the lexicon lists base forms, matching needs every form.
import irregular from '../../data/irregular-verbs.json' with { type: 'json' };

export type VerbForm = 'base' | 's' | 'past' | 'participle' | 'ing';

const IRREGULAR = irregular.verbs as unknown as Record<string, [string, string, string, string]>;
const VOWEL = /[aeiou]/;

/** One-syllable consonant-vowel-consonant verbs double the last consonant (drop → dropped, ban → banned). */
function doublesFinalConsonant(verb: string): boolean {
  return /^[^aeiou]*[aeiou][bdglmnprtv]$/.test(verb) && !/[wxy]$/.test(verb);
}

/** All inflected forms of a base verb, keyed by form. */
/** Prefixes that keep the stem's irregular forms: retake → retook, overtake → overtook, withhold → withheld. */
const PREFIXES = ['re', 'over', 'out', 'under', 'up', 'with', 'mis', 'fore'];

function irregularForms(base: string): [string, string, string, string] | null {
  const known = IRREGULAR[base];
  if (known) return known;
  for (const prefix of PREFIXES) {
    const stem = base.slice(prefix.length);
    if (base.startsWith(prefix) && stem.length >= 2 && IRREGULAR[stem])
      return IRREGULAR[stem].map((form) => prefix + form) as [string, string, string, string];
  }
  return null;
}

export function inflectVerb(base: string): Record<VerbForm, string> {
  const known = irregularForms(base);
  if (known) return { base, s: known[0], past: known[1], participle: known[2], ing: known[3] };
  let s: string;
  if (/(s|sh|ch|x|z|o)$/.test(base)) s = `${base}es`;
  else if (/[^aeiou]y$/.test(base)) s = `${base.slice(0, -1)}ies`;
  else s = `${base}s`;
  let past: string;
  let ing: string;
  if (base.endsWith('e')) {
    past = `${base}d`;
    ing = base.endsWith('ee') ? `${base}ing` : `${base.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(base)) {
    past = `${base.slice(0, -1)}ied`;
    ing = `${base}ing`;
  } else if (doublesFinalConsonant(base)) {
    const last = base[base.length - 1];
    past = `${base}${last}ed`;
    ing = `${base}${last}ing`;
  } else {
    past = `${base}ed`;
    ing = `${base}ing`;
  }
  return { base, s, past, participle: past, ing };
}

/** Singular and plural of a noun head (the last word of a noun phrase). */
export function nounForms(noun: string): string[] {
  if (!VOWEL.test(noun)) return [noun];
  if (/(s|sh|ch|x|z)$/.test(noun)) return [noun, `${noun}es`];
  if (/[^aeiou]y$/.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  return [noun, `${noun}s`];
}
