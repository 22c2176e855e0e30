/**
 * Teaching a training split through the engine's real path: every example goes through
 * `SenseEngine.teach` (the call the editor's Teach Sense command makes), which locks, re-reads,
 * edits and atomically rewrites the store file. The sense ids are the dataset's, so predictions
 * compare with the gold labels as they are.
 */
import { senseLabel, type WordData } from '../../src/senses/dataset';
import type { SenseEngine } from '../../src/senses/senseEngine';

export async function teachWordData(engine: SenseEngine, data: WordData): Promise<void> {
  for (const e of data.examples) {
    await engine.teach({ word: data.word, sense: e.sense, label: senseLabel(data.word, e.sense), sentence: e.sentence, start: e.start, end: e.end });
  }
}
