import type { BertEncoder } from '../bert/bertEncoder';
import { poolLayers } from '../bert/vectors';
import type { Context } from '../shared/inventory';
import type { Logger } from '../shared/logger';
import { classifyVector } from './classify';
import type { KnownWords } from './knownWords';
import type { ModelLoader } from './modelLoader';
import type { OccurrenceEmbeddings } from './occurrenceEmbeddings';
import type { SenseIndexes } from './senseIndexes';
import { substitutesFor } from './substitutes';
import type { Classification, RunOptions, SubstituteMode, TargetMatch } from './types';

/** Decides occurrences in their contexts: embedded (or taken from memory), then matched against each word's current index. */
export class OccurrenceClassifier {
  /** Words whose hovers the log already said were answered from a cached embedding. */
  private readonly saidFromMemory = new Set<string>();
  /** Whether the log already says this model cannot give substitutes (said once, not per hover). */
  private saidNoSubstitutes = false;

  constructor(
    private readonly loader: ModelLoader,
    private readonly words: KnownWords,
    private readonly embeddings: OccurrenceEmbeddings,
    private readonly indexes: SenseIndexes,
    private readonly logger: Logger,
  ) {}

  /** One decision per target in its context (undefined where the target has no pieces). */
  async classify(targets: readonly TargetMatch[], contexts: readonly Context[], options: RunOptions): Promise<(Classification | undefined)[]> {
    if (targets.length === 0) return [];
    for (const target of targets) this.words.check(target.word);
    const { loaded, vector } = await this.loader.prepare(options);
    const { encoder, probes } = loaded;
    const substitutes = this.usableSubstitutes(encoder, options.substitutes);
    const hits = this.embeddings.hits;
    const embedded = await this.embeddings.embed(loaded, contexts, vector.layers, options, substitutes);
    const word = targets[0].word;
    if ((options.priority ?? 'hover') === 'hover' && this.embeddings.hits - hits === targets.length && !this.saidFromMemory.has(word)) {
      // Once per word: the log shows that repeat hovers cost no forward pass, without a line per hover.
      this.saidFromMemory.add(word);
      this.logger.info(`Answered a hover over "${word}" from its cached embedding (no forward pass); later ones are not logged.`);
    }
    const results: (Classification | undefined)[] = [];
    for (let i = 0; i < targets.length; i++) {
      const e = embedded[i];
      if (!e) {
        results.push(undefined);
        continue;
      }
      const { index, stage } = await this.indexes.staged(targets[i].word, options, vector);
      const v = poolLayers(e.layers, encoder.info.hiddenSize, vector);
      const requested = options.classifier;
      const { classifier, probe } = await probes.resolve(index, requested, options.awaitProbe);
      const decision = classifyVector(index, v, classifier, probe);
      results.push({
        target: targets[i],
        context: contexts[i].text,
        contextStart: contexts[i].start,
        contextEnd: contexts[i].end,
        ...decision,
        vector: v,
        options: vector,
        classifier,
        ...(classifier !== requested && { requested }),
        indexStage: stage,
        ...(e.tokens && { substitutes: substitutesFor(targets[i].word, e.tokens) }),
      });
    }
    return results;
  }

  /** The mode, or `off` (said once in the log) when the model cannot give substitutes. */
  private usableSubstitutes(encoder: BertEncoder, mode: SubstituteMode): SubstituteMode {
    if (mode === 'off') return mode;
    const missing = !encoder.hasHead ? 'no masked-language-model head (no `logits` output)' : mode === 'masked' && encoder.special.mask === undefined ? 'no [MASK] token' : undefined;
    if (!missing) return mode;
    if (!this.saidNoSubstitutes) this.logger.warn(`${encoder.info.name} has ${missing}: hovers list no substitutes.`);
    this.saidNoSubstitutes = true;
    return 'off';
  }
}
