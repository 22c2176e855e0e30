/**
 * Which words get WordNet senses in the editor, decided without the engine: a word of letters that
 * is not a function word. WordNet lists many function words with rare content senses ("a" the
 * vitamin, "be" with 13 verb senses, "will" the noun), and a hover over every "the" or "is" would
 * only get in the way.
 */
import type { WordSpan } from '../shared/engineProtocol';
import { WORD, wordAt } from '../shared/words';

export { wordAt };
export type { WordSpan };

/** Articles, pronouns, prepositions, conjunctions, auxiliaries and modals, and a few particles. */
const STOP_WORDS = new Set(
  `a an the this that these those some any each every either neither no nor not both all
  i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
  she her hers herself it its itself they them their theirs themselves one ones who whom whose which
  what whatever whoever whichever
  about above across after against along among around as at before behind below beneath beside
  besides between beyond but by despite down during except for from in inside into like near of off
  on onto out outside over past per since than through throughout till to toward towards under
  underneath unlike until up upon via with within without
  and or so yet because although though if unless whether while whereas once
  am is are was were be been being have has had having do does did doing done
  will would shall should can could may might must ought
  there here then than too very also just only even ever else how when where why`.split(/\s+/),
);

/** True for a function word, any case; a possessive or contraction counts as its first part ("it's", "don't"). */
export function isStopWord(surface: string): boolean {
  const word = surface.toLowerCase().replace(/’/g, "'");
  if (/n't$/.test(word)) return true;
  const stem = word.replace(/'(s|d|ll|m|re|ve)$/, '');
  return stem.length < 2 || STOP_WORDS.has(stem);
}

/** True when `text` is one word of letters (inner apostrophes and hyphens allowed). */
export function isOneWord(text: string): boolean {
  return new RegExp(`^(?:${WORD.source})$`, 'u').test(text);
}

/** The word at `offset` of `text` (or ending right at it) when it may have WordNet senses. */
export function wordNetWordAt(text: string, offset: number): WordSpan | undefined {
  const word = wordAt(text, offset);
  return word && !isStopWord(word.surface) ? word : undefined;
}

/** Every word of `text` that may have WordNet senses, in order. */
export function wordNetWords(text: string): WordSpan[] {
  return [...text.matchAll(WORD)].filter((m) => !isStopWord(m[0])).map((m) => ({ start: m.index, end: m.index + m[0].length, surface: m[0] }));
}
