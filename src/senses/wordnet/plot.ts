import type { OccurrenceLocation, ProjectionMethod, VectorOptions } from '../../shared/engineProtocol';
import { projectPoints, type ProjectOptions } from '../projection';
import type { PlotData, PlotPoint, PlotSense } from '../types';
import type { WordNetCandidate } from './candidates';
import { exampleContexts, glossContext } from './contexts';
import { POS_NAME, synsetId } from './format';
import { senseVector, type SynsetVectors } from './rank';

/**
 * Synsets a WordNet plot shows by default: the most frequent ones (`index.sense` tag counts). Twelve
 * keep colours and the legend readable and hold most of a lemma's tagged uses (`run`, 57 synsets:
 * its 12 most frequent verb and noun senses hold 86 % of its tag counts); the rest are counted in `omittedSenses`.
 */
export const WORDNET_PLOT_SYNSETS = 12;

/** Document occurrences `WordNetSenses.occurrences` finds for a plot: each is tagged and embedded again. */
export const WORDNET_PLOT_OCCURRENCES = 500;

/** A synset to plot with its vectors. */
export interface PlotSynset {
  readonly candidate: WordNetCandidate;
  readonly vectors: SynsetVectors;
}

/** An occurrence placed on the plot: its sentence, vector and the synset the hover's ranking chose. */
export interface PlottedWordNetOccurrence {
  readonly sentence: string;
  readonly vector: Float32Array;
  readonly winner: WordNetCandidate;
  /** Its place in a file (the plot opens it there). */
  readonly location?: OccurrenceLocation;
}

export interface WordNetPlotInput {
  /** The plotted lemmas, e.g. `run` (`saw/see` when the parts of speech have different lemmas). */
  readonly word: string;
  /** The most frequent synsets: the PCA is fitted on their example and gloss vectors. */
  readonly synsets: readonly PlotSynset[];
  /** Synsets shown only because an occurrence was classified as one of them: projected, not fitted. */
  readonly extra: readonly PlotSynset[];
  readonly occurrences: readonly PlottedWordNetOccurrence[];
  /** Synsets of the word in neither list. */
  readonly omitted: number;
  /** The ranking's weight of examples against glosses (`WordNetRecipe.exampleWeight`), for the sense vectors. */
  readonly exampleWeight: number;
  readonly options: VectorOptions;
  /** Layout (default PCA). */
  readonly method?: ProjectionMethod;
}

/**
 * The 2-D plot of a WordNet lemma: per synset its example sentences (`train`), its gloss context
 * (`gloss`) and its sense vector (`centroid`), and the document's occurrences (`document`) labelled
 * with the synset the hover would show. With PCA the axes are fitted on the most frequent synsets'
 * vectors, so they do not move when occurrences pull other synsets in.
 */
export async function wordNetPlotData(input: WordNetPlotInput, options: ProjectOptions = {}): Promise<PlotData> {
  const all = [...input.synsets, ...input.extra];
  const lemmas = new Set(all.map((s) => s.candidate.lemma));
  const label = (c: WordNetCandidate) => synsetLabel(c, lemmas.size > 1);
  const pointsOf = (s: PlotSynset) => [...s.vectors.examples, ...(s.vectors.gloss ? [s.vectors.gloss] : [])];
  const layout = await projectPoints(
    input.synsets.flatMap(pointsOf),
    [...input.extra.flatMap(pointsOf), ...input.occurrences.map((o) => o.vector)],
    input.method ?? 'pca',
    options,
  );
  let at = 0;
  const next = () => layout.points[at++];

  const points: PlotPoint[] = [];
  const place = (kind: PlotPoint['kind'], c: WordNetCandidate, sentence: string, [x, y]: readonly [number, number], location?: OccurrenceLocation) =>
    points.push({ x, y, kind, sense: synsetId(c.synset), label: label(c), sentence, ...(location && { location }) });
  const push = (kind: PlotPoint['kind'], c: WordNetCandidate, sentence: string, location?: OccurrenceLocation) => {
    const xy = next();
    place(kind, c, sentence, xy, location);
    return xy;
  };
  // A sense vector is placed by its own formula applied to its synset's points on the plot, not laid
  // out as a vector: the same point under PCA (linear), and inside its synset's points under UMAP and
  // t-SNE, which put a mean vector between the clusters or under others (plot.ts says more).
  const senses = all.map(({ candidate: c, vectors }) => {
    const sentences = exampleSentences(c, vectors);
    const examples = vectors.examples.map((_, i) => Float32Array.from(push('train', c, sentences[i])));
    const gloss = vectors.gloss ? Float32Array.from(push('gloss', c, glossContext(c).sentence)) : undefined;
    return senseVector({ ...vectors, examples, gloss }, input.exampleWeight);
  });
  all.forEach((s, i) => {
    const xy = senses[i];
    if (xy) place('centroid', s.candidate, centroidText(s.vectors, input.exampleWeight), [xy[0], xy[1]]);
  });
  for (const o of input.occurrences) push('document', o.winner, o.sentence, o.location);

  return {
    word: input.word,
    senses: all.map(({ candidate: c }): PlotSense => ({ sense: synsetId(c.synset), label: label(c), gloss: c.synset.gloss })),
    points,
    projection: layout.projection,
    ...(layout.explained && { explained: layout.explained }),
    ...(layout.note && { projectionNote: layout.note }),
    options: input.options,
    maxExamplesPerSense: 0,
    inventory: 'wordnet',
    omittedSenses: input.omitted,
  };
}

const MAX_LABEL = 48;

/** Legend label: `noun 1: sloping land (especially the slope beside…` (cut at a word), with the lemma when several are plotted. */
export function synsetLabel(c: WordNetCandidate, withLemma: boolean): string {
  const head = `${withLemma ? `${c.lemma.replace(/_/g, ' ')}, ` : ''}${POS_NAME[c.synset.pos]} ${c.senseNumber}`;
  const text = `${head}: ${c.synset.gloss}`;
  if (text.length <= MAX_LABEL) return text;
  const space = text.lastIndexOf(' ', MAX_LABEL - 1);
  const cut = space > head.length + 1 ? text.slice(0, space) : text.slice(0, MAX_LABEL - 1);
  return `${cut.replace(/[\s,;:(]+$/, '')}…`;
}

/**
 * The sentences behind the example vectors. The cache keeps only vectors, built from
 * `exampleContexts`; an example whose target had no word pieces has none, and then which sentence
 * goes with which vector is unknown: they are left blank rather than guessed.
 */
function exampleSentences(c: WordNetCandidate, vectors: SynsetVectors): string[] {
  const sentences = exampleContexts(c, c.synset.pos).map((e) => e.sentence);
  return sentences.length === vectors.examples.length ? sentences : vectors.examples.map(() => '');
}

function centroidText(vectors: SynsetVectors, exampleWeight: number): string {
  const n = vectors.examples.length;
  const examples = `the mean of ${n} example${n === 1 ? '' : 's'}`;
  if (!vectors.gloss) return `Sense vector: ${examples}`;
  if (n === 0 || exampleWeight === 0) return 'Sense vector: the gloss vector';
  if (exampleWeight === 1) return `Sense vector: ${examples}`;
  const weight = (w: number) => String(Number(w.toFixed(2)));
  return `Sense vector: ${weight(exampleWeight)} × ${examples} + ${weight(1 - exampleWeight)} × the gloss vector`;
}
