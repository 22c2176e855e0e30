import type { OccurrenceLocation, VectorOptions } from '../shared/engineProtocol';
import type { Decision } from './classify';
import { projectPoints, type ProjectOptions } from './projection';
import type { SenseIndex } from './senseIndex';
import type { PlotData, PlotPoint, ProjectionMethod } from './types';

/** A document occurrence placed on the plot: its sentence, vector and decision. */
export interface PlottedOccurrence {
  readonly sentence: string;
  readonly location?: OccurrenceLocation;
  readonly vector: Float32Array;
  readonly decision: Decision;
}

/**
 * The plot of a word: its training vectors and the document's occurrences laid out by `method`
 * (PCA: fitted on the training vectors, the occurrences projected onto the same axes), and each
 * sense's centroid at the mean of its training points on the plot.
 *
 * Why the mean of the 2-D points and not the centroid vector laid out with them: PCA is linear, so
 * the two are the same point. UMAP and t-SNE are not: a mean vector is no sample of the data, its
 * nearest neighbours come from every sense, and the layout placed it between the clusters or under
 * another sense's points (hidden). The mean of the sense's own points stays inside its cluster's
 * extent, says where the sense sits on this map, and the marker is drawn above the points.
 */
export async function plotData(
  index: SenseIndex,
  occurrences: readonly PlottedOccurrence[],
  options: VectorOptions,
  maxExamplesPerSense: number,
  method: ProjectionMethod,
  run: ProjectOptions = {},
): Promise<PlotData> {
  const live = index.centroids.map((_, s) => s).filter((s) => index.counts[s] > 0);
  const layout = await projectPoints(index.vectors, occurrences.map((o) => o.vector), method, run);
  const at = (i: number) => layout.points[i];
  const centres = senseMeans(layout.points, index.senseOf, index.centroids.length);

  const points: PlotPoint[] = [];
  index.examples.forEach((e, i) => {
    const s = index.senseOf[i];
    const [x, y] = at(i);
    points.push({ x, y, kind: 'train', sense: index.senses[s], label: index.labels[s], sentence: e.sentence, source: index.sources[s] });
  });
  live.forEach((s) => {
    const [x, y] = centres[s];
    const sentence = `Sense vector: mean of ${index.counts[s]} training examples`;
    points.push({ x, y, kind: 'centroid', sense: index.senses[s], label: index.labels[s], sentence, source: index.sources[s] });
  });
  occurrences.forEach((o, j) => {
    const [x, y] = at(index.examples.length + j);
    points.push({ x, y, kind: 'document', sense: o.decision.winner.sense, label: o.decision.winner.label, sentence: o.sentence, source: o.decision.winner.source, ...(o.location && { location: o.location }) });
  });
  return {
    word: index.word,
    senses: index.senses.map((sense, s) => ({ sense, label: index.labels[s], source: index.sources[s] })),
    points,
    projection: layout.projection,
    ...(layout.explained ? { explained: layout.explained } : {}),
    ...(layout.note ? { projectionNote: layout.note } : {}),
    options,
    maxExamplesPerSense,
  };
}

/** The mean of each sense's points (the first `senseOf.length` of `points`, `senseOf[i]` the sense of point i); `[0, 0]` for a sense without any. */
export function senseMeans(points: readonly (readonly [number, number])[], senseOf: ArrayLike<number>, senses: number): [number, number][] {
  const sums = Array.from({ length: senses }, () => [0, 0, 0]);
  for (let i = 0; i < senseOf.length; i++) {
    const s = senseOf[i];
    if (s < 0 || s >= senses) continue;
    const [x, y] = points[i];
    sums[s][0] += x;
    sums[s][1] += y;
    sums[s][2]++;
  }
  return sums.map(([x, y, n]) => (n === 0 ? [0, 0] : [x / n, y / n]));
}
