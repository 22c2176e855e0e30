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
 * The plot of a word: its training vectors, sense vectors and the document's occurrences laid out
 * by `method` (PCA: fitted on the training vectors, the others projected onto the same axes).
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
  const layout = await projectPoints(index.vectors, [...live.map((s) => index.centroids[s]), ...occurrences.map((o) => o.vector)], method, run);
  const at = (i: number) => layout.points[i];

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
