import type { VectorOptions } from '../bert/options';

/**
 * `centroid`: the paper's 1-NN over sense vectors (scores are cosines).
 * `knn`: vote of the k nearest training examples (scores are vote shares).
 * `probe`: the word's linear probe, softmax regression on the training vectors (scores are probabilities).
 */
export type ClassifierOptions =
  | { readonly method: 'centroid' }
  | { readonly method: 'knn'; readonly k: number; readonly weighted: boolean }
  | { readonly method: 'probe' };

/** A CoarseWSD-20 word found in a text (no model work needed to find it). */
export interface TargetMatch {
  /** Inventory word, e.g. `bank`. */
  readonly word: string;
  /** The surface form in the text, e.g. `Banks`, `bank's`. */
  readonly surface: string;
  /** Character offsets of the surface form in the text (end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** An occurrence in its sentence: all the plot needs (a `Classification` is one). */
export interface OccurrenceContext {
  readonly target: TargetMatch;
  readonly context: string;
  readonly contextStart: number;
  readonly contextEnd: number;
}

/** One sense of a word with its cosine similarity to the target vector. */
export interface SenseScore {
  /** Dataset sense id, e.g. `bank_bank_(geography)`. */
  readonly sense: string;
  /** Readable label, e.g. `bank (geography)`. */
  readonly label: string;
  readonly score: number;
  /** Training examples behind this sense in the index. */
  readonly examples: number;
}

/** A training sentence near the target vector. */
export interface Neighbour {
  readonly sentence: string;
  /** Character span of the target word inside `sentence`. */
  readonly targetStart: number;
  readonly targetEnd: number;
  readonly sense: string;
  readonly label: string;
  readonly score: number;
}

export interface Classification {
  readonly target: TargetMatch;
  /** The context actually given to BERT (the sentence around the word, within the model window). */
  readonly context: string;
  /** Offsets of the target inside `context`. */
  readonly contextStart: number;
  readonly contextEnd: number;
  /** Every sense of the word, best first. */
  readonly senses: readonly SenseScore[];
  readonly winner: SenseScore;
  /** Winner score minus runner-up score. */
  readonly margin: number;
  readonly neighbours: readonly Neighbour[];
  readonly vector: Float32Array;
  readonly options: VectorOptions;
  /** The classifier that answered: cosines to sense vectors, vote shares of the nearest examples or probe probabilities. */
  readonly classifier: ClassifierOptions;
  /** Set when the requested classifier was not ready (a probe still training) and `classifier` answered instead. */
  readonly requested?: ClassifierOptions;
  /** Which index answered (see `IndexStage`). */
  readonly indexStage: IndexStage;
  /**
   * With `RunOptions.substitutes` on: the words BERT's masked-language-model head predicts at the
   * target, most likely first, without the word's own forms (empty is possible; absent when off or
   * when the model has no MLM head).
   */
  readonly substitutes?: readonly Substitute[];
}

/** A word the MLM head predicts in the target's place, with its probability there (softmax over the vocabulary). */
export interface Substitute {
  readonly word: string;
  readonly probability: number;
}

/**
 * Where the MLM head looks for substitutes: `unmasked` at the target's own final state (from the
 * forward pass the classification runs anyway), `masked` at a `[MASK]` put in place of the target
 * (one more forward pass: the context alone speaks, which says more about the sense).
 */
export type SubstituteMode = 'off' | 'unmasked' | 'masked';

/**
 * How complete the sense index behind an answer is: `first` (a few examples per sense, while the
 * larger ones are built in the background), `capped` (`maxExamplesPerSense` per sense) or `full`.
 */
export type IndexStage = 'first' | 'capped' | 'full';

/** Progress of long engine work, for `withProgress` and status bars. */
export type EngineProgress =
  | { readonly kind: 'download'; readonly file: string; readonly loaded: number; readonly total?: number }
  | { readonly kind: 'load-model'; readonly model: string }
  | { readonly kind: 'dataset'; readonly word: string }
  | { readonly kind: 'index'; readonly word: string; readonly done: number; readonly total: number }
  | { readonly kind: 'analyze'; readonly done: number; readonly total: number };

/** A point of the 2-D sense plot. */
export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  readonly kind: 'train' | 'document' | 'centroid';
  readonly sense: string;
  readonly label: string;
  readonly sentence: string;
}

export interface PlotData {
  readonly word: string;
  readonly senses: readonly { readonly sense: string; readonly label: string }[];
  readonly points: readonly PlotPoint[];
  /** Fraction of variance explained by PC1 and PC2. */
  readonly explained: readonly [number, number];
  readonly options: VectorOptions;
  readonly maxExamplesPerSense: number;
}

/** Options shared by the engine's long operations. */
export interface RunOptions {
  readonly vector: VectorOptions;
  /** Cap on training examples per sense (0 = all). */
  readonly maxExamplesPerSense?: number;
  /**
   * With a cap: answer from the capped index, then build the full index in the background and use
   * it once ready.
   */
  readonly completeInBackground?: boolean;
  /** Default: the paper's centroid 1-NN. */
  readonly classifier?: ClassifierOptions;
  /**
   * With the `probe` classifier: wait for the word's probe (cached or trained) instead of answering
   * with the centroid rule while it trains. For one-shot runs (the CLI); hovers never wait.
   */
  readonly awaitProbe?: boolean;
  /** `classify` and `classifyAll` also list substitutes (`Classification.substitutes`). Default `off`. */
  readonly substitutes?: SubstituteMode;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: EngineProgress) => void;
}

/**
 * What the VS Code layer uses of the engine (implemented by `SenseEngine`).
 * Every method may reject with an `EngineError` (see `engine/errors.ts`).
 */
export interface WordSenseService {
  /** The inventory words (CoarseWSD-20). */
  readonly words: readonly string[];
  /** Number of encoder layers of the loaded model (after `load`). */
  readonly numLayers: number | undefined;
  /** Load the model (download first if needed and allowed). Shared and memoized; retried after failure. */
  load(options?: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<void>;
  /** Disambiguate the inventory word at `offset`; undefined when there is none. */
  classify(text: string, offset: number, options: RunOptions): Promise<Classification | undefined>;
  /** Most occurrences one `classifyAll` call disambiguates: the first ones of a longer text. */
  readonly maxOccurrences: number;
  /** Disambiguate every inventory word in `text` (batched), up to `maxOccurrences`. */
  classifyAll(text: string, options: RunOptions): Promise<Classification[]>;
  /**
   * PCA plot of a word's training vectors, sense centroids and the given document occurrences
   * (re-embedded with the plot's options, so only their contexts are needed).
   */
  plot(word: string, occurrences: readonly OccurrenceContext[], options: RunOptions): Promise<PlotData>;
  /** Delete downloaded models, datasets and indexes. */
  clearCache(): Promise<void>;
  dispose(): Promise<void>;
}

/** How `new SenseEngine(options)` finds its model, data and caches. */
export interface SenseEngineOptions {
  /** Hub id (e.g. `Xenova/bert-base-uncased`) or a local folder in Transformers.js layout. */
  readonly model: string;
  /** `fp32` → `onnx/model.onnx`, `q8` → `onnx/model_quantized.onnx`. Default `fp32`. */
  readonly dtype?: 'fp32' | 'q8';
  /** Root for downloaded models (`models/`), datasets (`datasets/`) and sense indexes (`indexes/`). */
  readonly cacheDir: string;
  /** Local CoarseWSD-20 folder; when absent, words are downloaded into the cache. */
  readonly datasetDir?: string;
  /** When false no request is ever made: only local and cached files are used. */
  readonly allowNetwork: boolean;
  /** Hub host for downloads (default `https://huggingface.co/`); tests point it at 127.0.0.1. */
  readonly remoteHost?: string;
  /** Base URL of the dataset's raw files (default: the CoarseWSD-20 GitHub repository). */
  readonly datasetBaseUrl?: string;
  /**
   * Most WordPiece ids ([CLS] and [SEP] included) of a context around its target, for training
   * sentences and document contexts alike; longer ones are cut to a window centred on the target.
   * 0 or above the model's window: the model's window. Default `DEFAULT_CONTEXT_WINDOW`.
   */
  readonly contextWindow?: number;
  readonly logger?: import('../shared/logger').Logger;
}
