/** WordNet 3.1 as a sense inventory for any English word, ranked with BERT. No `vscode` here. */
export { lemmaSenses, wordNetCandidates, type LemmaSenses, type WordNetCandidate } from './candidates';
export { exampleContexts, glossContext } from './contexts';
export { normalizeLemma, WordNetDatabase } from './database';
export { parseDataLine, parseGloss, parseIndexLine, parseSenseLine, POS_NAME, synsetId, WORDNET_POS, type IndexEntry, type Pointer, type SenseEntry, type Synset, type WordNetPos } from './format';
export { baseForm, lemmaEntry, surfaceForm } from './lemmatize';
export { mapSenseKeys, readWnMappings, type WnMapping } from './mapping';
export { lemmaOccurrences } from './occurrences';
export { synsetLabel, WORDNET_PLOT_OCCURRENCES, WORDNET_PLOT_SYNSETS, wordNetPlotData, type PlotSynset, type PlottedWordNetOccurrence, type WordNetPlotInput } from './plot';
export { PosTagger } from './posTagger';
export { centroid, DEFAULT_WORDNET_RECIPE, logPriors, rankScores, rankSenses, senseVector, similarity, type Ranked, type RankInput, type SynsetVectors, type WordNetRecipe } from './rank';
export { clearWordNetCache, WordNetSenseVectors, type Embedder } from './senseVectors';
export { isConfident, WordNetSenses, type WordNetPlotOptions, type WordNetRanking, type WordNetSenseScore, type WordNetSensesOptions } from './wordNetSenses';
