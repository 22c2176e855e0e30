/** Senses on top of the engine: CoarseWSD-20, sense indexes, classification and PCA. No `vscode` here. */
export { classifyVector, DEFAULT_CLASSIFIER, type ClassifierOptions, type Decision } from './classify';
export { COARSEWSD20_WORDS, Dataset, parseWordFiles, senseLabel, type Example, type Split, type WordData } from './dataset';
export { Inventory, sentenceContext, type Context } from './inventory';
export { project2d, type Projection } from './pca';
export { buildSenseIndex, sampleIndices, type SenseIndex } from './senseIndex';
export { DEFAULT_CONTEXT_WINDOW, SenseEngine } from './senseEngine';
export type * from './types';
