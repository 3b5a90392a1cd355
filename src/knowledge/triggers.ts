// The trigger lexicon (data/triggers.json) compiled into a word index: first word → phrases starting with it.
// Matching a sentence is then one Map lookup per word, whatever the size of the lexicon.
import data from '../../data/triggers.json' with { type: 'json' };
import type { EventType } from '../types.ts';
import { inflectVerb, nounForms, type VerbForm } from './morphology.ts';

export interface TriggerEntry {
  type: EventType;
  verbs?: string[];
  nouns?: string[];
  /** an object of this class must follow within a few words */
  objects?: string;
  /** the object is followed (within a few words) by one of these: "send drones *against*" */
  objectThen?: string[];
  /** the match is cancelled when the object is followed by one of these */
  notObjectThen?: string[];
  requirePlace?: boolean;
  requireActor?: boolean;
  /** the trigger counts only when its subject contains one of these words (warplanes strike …);
   * `@place` is any place name in the subject ("Kidal has fallen") */
  requireActorWords?: string[];
  /** the actor follows the trigger: "fell to X" */
  agentAfter?: boolean;
  notFollowedBy?: string[];
  notPrecededBy?: string[];
  confidence: number;
}

export interface TriggerPhrase {
  words: string[];
  entry: TriggerEntry;
  /** the lexicon phrase (base form) this came from */
  lemma: string;
  pos: 'verb' | 'noun';
  form: VerbForm | 'noun';
}

export interface TriggerLexicon {
  byFirstWord: Map<string, TriggerPhrase[]>;
  objectClasses: Map<string, string[][]>;
  entries: TriggerEntry[];
}

const words = (phrase: string): string[] => phrase.toLowerCase().split(/\s+/).filter(Boolean);

function add(index: Map<string, TriggerPhrase[]>, phrase: TriggerPhrase): void {
  const key = phrase.words[0];
  const list = index.get(key);
  if (!list) index.set(key, [phrase]);
  // Keep one phrase per word sequence and entry; longer phrases first so the longest match wins.
  else if (
    !list.some(
      (p) => p.entry === phrase.entry && p.pos === phrase.pos && p.words.join(' ') === phrase.words.join(' '),
    )
  ) {
    list.push(phrase);
    list.sort((a, b) => b.words.length - a.words.length);
  }
}

export function compileTriggerLexicon(source: typeof data = data): TriggerLexicon {
  const byFirstWord = new Map<string, TriggerPhrase[]>();
  const entries = source.entries as TriggerEntry[];
  for (const entry of entries) {
    for (const verb of entry.verbs ?? []) {
      const [head, ...rest] = words(verb);
      const forms = inflectVerb(head);
      for (const form of Object.keys(forms) as VerbForm[]) {
        add(byFirstWord, { words: [forms[form], ...rest], entry, lemma: verb, pos: 'verb', form });
      }
    }
    for (const noun of entry.nouns ?? []) {
      const w = words(noun);
      // "fall of", "closure of the border": the head is the first word when a preposition follows it.
      const headIndex = w.length > 1 && ['of', 'for', 'by', 'to'].includes(w[1]) ? 0 : w.length - 1;
      for (const form of nounForms(w[headIndex])) {
        const variant = [...w];
        variant[headIndex] = form;
        add(byFirstWord, { words: variant, entry, lemma: noun, pos: 'noun', form: 'noun' });
      }
    }
  }
  const objectClasses = new Map<string, string[][]>();
  for (const [name, list] of Object.entries(source.objectClasses)) {
    objectClasses.set(
      name,
      list.map((p) => words(p)),
    );
  }
  return { byFirstWord, objectClasses, entries };
}

let compiled: TriggerLexicon | null = null;
export function triggerLexicon(): TriggerLexicon {
  compiled ??= compileTriggerLexicon();
  return compiled;
}
