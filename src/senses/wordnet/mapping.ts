import type { WordNetDatabase } from './database';

/** A CoarseWSD-20 sense and the WordNet 3.0 sense it was mapped to (`wn_mappings.tsv`). */
export interface WnMapping {
  readonly word: string;
  /** CoarseWSD-20 sense id, e.g. `bank_bank_(geography)`. */
  readonly sense: string;
  /** WordNet 3.0 synset, e.g. `09213565n`. */
  readonly offset30: string;
  readonly senseKey: string;
}

/**
 * Parses `wn_mappings.tsv` (header `word  sense  synset offset  synset name  sensekey`); senses
 * mapped to `UNK` (no WordNet sense, e.g. *Apple Inc.*) are left out.
 */
export function readWnMappings(tsv: string): WnMapping[] {
  const [header, ...lines] = tsv.split(/\r?\n/).filter((l) => l.trim());
  if (!header?.startsWith('word\tsense\t')) throw new Error('wn_mappings.tsv: expected the header "word, sense, synset offset, synset name, sensekey".');
  return lines.flatMap((line, i) => {
    const f = line.split('\t');
    if (f.length < 5) throw new Error(`wn_mappings.tsv line ${i + 2}: expected 5 tab-separated fields.`);
    const [word, sense, offset30, , senseKey] = f;
    return offset30 === 'UNK' || senseKey === 'UNK' ? [] : [{ word, sense, offset30, senseKey }];
  });
}

/**
 * WordNet 3.0 → 3.1 through sense keys, which stay stable across versions while offsets do not:
 * each mapping's sense key is looked up in 3.1's `index.sense`. Returns the 3.1 synset (`<offset><pos>`)
 * of every CoarseWSD-20 sense id; a key missing from 3.1 is an error naming it.
 */
export async function mapSenseKeys(db: WordNetDatabase, mappings: readonly WnMapping[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const m of mappings) {
    const entry = await db.sense(m.senseKey);
    if (!entry) throw new Error(`Sense key ${m.senseKey} (${m.sense}, WordNet 3.0 ${m.offset30}) is not in WordNet 3.1's index.sense.`);
    out.set(m.sense, `${String(entry.offset).padStart(8, '0')}${entry.pos}`);
  }
  return out;
}
