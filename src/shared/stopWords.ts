/**
 * Which words are not worth a WordNet hover: one list for the extension (which keeps the engine from
 * starting on "the") and the engine (which skips the commonest words when hovers are `ambiguous`).
 * WordNet lists many function words with rare content senses ("a" the vitamin, "be" with 13 verb
 * senses, "will" the noun). Dependency-free: the extension bundle uses it too.
 */

/** Articles, pronouns, prepositions, conjunctions, auxiliaries and modals, and a few particles: never a hover. */
const FUNCTION_WORDS = new Set(
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

/**
 * The rest of wink-eng-lite-web-model's stop-word list among WordNet's lemmas: the commonest verbs,
 * adverbs and numbers ("go", "make", "often", "two"), and contraction pieces ("ca", "nt", "wo").
 * test/unit/stopWords.test.ts checks it against the model's flags.
 */
const COMMON_WORDS = new Set(
  `afterwards again almost alone already always amount another anyhow anyway anywhere back become
  becoming beforehand bottom ca call cd da dis due eight eleven elsewhere empty enough everywhere
  few fifteen fifty first five former formerly forty four front full further get give go hence
  hereafter hereby herein hereupon however hundred ie inc indeed keep last latter latterly least
  less made make many meanwhile more moreover most mostly move much name namely never nevertheless
  next nine nobody none nothing now nowhere nt often other otherwise own part perhaps please put
  quite rather re really same say see seem seeming serious seven several show side six sixty
  somehow someone sometime sometimes somewhere still such take ten thence thereafter thereby
  therefore therein third three thus together top twelve twenty two used using various well whence
  wherever whole wo wtv`.split(/\s+/),
);

/** The word lower-cased, a possessive or contraction as its first part ("it's" → "it"), or undefined for "n't". */
function stem(surface: string): string | undefined {
  const word = surface.toLowerCase().replace(/’/g, "'");
  if (/n't$/.test(word)) return undefined;
  return word.replace(/'(s|d|ll|m|re|ve)$/, '');
}

/** True for a function word, any case, or a word shorter than 2 letters: no WordNet hover at all. */
export function isFunctionWord(surface: string): boolean {
  const word = stem(surface);
  return word === undefined || word.length < 2 || FUNCTION_WORDS.has(word);
}

/** True for a function word or one of the commonest words: no hover when hovers are `ambiguous`. */
export function isCommonWord(surface: string): boolean {
  return isFunctionWord(surface) || COMMON_WORDS.has(stem(surface) ?? '');
}
