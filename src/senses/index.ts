/** Senses on top of the engine: CoarseWSD-20, WordNet, sense indexes, classification and PCA. No `vscode` here. */
export { classifyVector, type ClassifierOptions, type Decision } from './classify';
export { COARSEWSD20_WORDS, Dataset, parseWordFiles, senseLabel, type Example, type Split, type WordData } from './dataset';
export { Inventory, sentenceContext, type Context } from '../shared/inventory';
export { project2d, type Projection } from './pca';
export { PROJECTION_SEED, projectPoints, type Layout } from './projection';
export { PROJECTION_METHODS, projectionName } from '../shared/projections';
export { buildSenseIndex, sampleIndices, type SenseIndex } from './senseIndex';
// Where senses come from: CoarseWSD-20 and the taught senses (word-senses.json) are the two inventories.
export type { SenseInventory } from './senseInventory';
export { SenseEngine } from './senseEngine';
export type * from './types';
// WordNet as a second inventory: the VS Code layer makes one per engine (its `embedExamples` embeds).
export { clearWordNetCache, WORDNET_PLOT_OCCURRENCES, WORDNET_PLOT_SYNSETS, WordNetDatabase, WordNetSenses, type WordNetPlotOptions, type WordNetRanking, type WordNetSenseScore } from './wordnet';
export type { Embedder } from './wordnet/senseVectors';
