/**
 * One answer per occurrence: when the engine says a word's answers may have changed (a larger
 * index or its probe is ready), the analysed occurrences of that word are decided again from their
 * cached embeddings, so their annotations show what a hover over them shows now.
 */
import type { OccurrenceContext } from '../shared/engineProtocol';
import { isCancellation } from '../shared/errors';
import { analysisRun, isProvisional } from './answerBasis';
import { renderKey } from './config';
import type { EngineHost } from './engineHost';
import type { OccurrenceStore } from './occurrences';

export async function refreshOccurrences(host: EngineHost, store: OccurrenceStore, word: string): Promise<void> {
  const entries = store.entries(word);
  if (entries.length === 0) return;
  const config = host.settings;
  // Only what finding them gave: the vectors and scores stay here.
  const occurrences: OccurrenceContext[] = entries.map(({ result: { target, context, contextStart, contextEnd } }) => ({ target, context, contextStart, contextEnd }));
  try {
    const results = await host.engine().call('reclassify', { occurrences, run: analysisRun(config) });
    // Settings changed meanwhile: the reset that came with them dropped or re-ran these.
    if (host.settings !== config) return;
    const basis = renderKey(config);
    entries.forEach(({ uri, range }, i) => {
      const result = results[i];
      if (result) store.refresh(uri, { range, result, basis, provisional: isProvisional(result, config.run) });
    });
  } catch (error) {
    if (!isCancellation(error)) host.fail(`Updating the annotations of '${word}'`, error);
  }
}
