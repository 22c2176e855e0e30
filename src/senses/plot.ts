import type { VectorOptions } from '../bert/options';
import type { Decision } from './classify';
import { project2d } from './pca';
import type { SenseIndex } from './senseIndex';
import type { PlotData, PlotPoint } from './types';

/** A document occurrence placed on the plot: its sentence, vector and decision. */
export interface PlottedOccurrence {
  readonly sentence: string;
  readonly vector: Float32Array;
  readonly decision: Decision;
}

/**
 * The PCA plot of a word: fitted on the training vectors, with the sense vectors and the document's
 * occurrences projected onto the same axes.
 */
export function plotData(index: SenseIndex, occurrences: readonly PlottedOccurrence[], options: VectorOptions, maxExamplesPerSense: number): PlotData {
  const live = index.centroids.map((_, s) => s).filter((s) => index.counts[s] > 0);
  const projection = project2d(index.vectors, [...live.map((s) => index.centroids[s]), ...occurrences.map((o) => o.vector)]);
  const at = (i: number) => projection.points[i];

  const points: PlotPoint[] = [];
  index.examples.forEach((e, i) => {
    const s = index.senseOf[i];
    const [x, y] = at(i);
    points.push({ x, y, kind: 'train', sense: index.senses[s], label: index.labels[s], sentence: e.sentence, source: index.sources[s] });
  });
  live.forEach((s, j) => {
    const [x, y] = at(index.examples.length + j);
    const sentence = `Sense vector: mean of ${index.counts[s]} training examples`;
    points.push({ x, y, kind: 'centroid', sense: index.senses[s], label: index.labels[s], sentence, source: index.sources[s] });
  });
  occurrences.forEach((o, j) => {
    const [x, y] = at(index.examples.length + live.length + j);
    points.push({ x, y, kind: 'document', sense: o.decision.winner.sense, label: o.decision.winner.label, sentence: o.sentence, source: o.decision.winner.source });
  });
  return {
    word: index.word,
    senses: index.senses.map((sense, s) => ({ sense, label: index.labels[s], source: index.sources[s] })),
    points,
    explained: projection.explained,
    options,
    maxExamplesPerSense,
  };
}
