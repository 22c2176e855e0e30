/**
 * Latency of ranking WordNet senses as a hover would: the first sentence with a new lemma (its
 * sense vectors are embedded and written to an empty cache) and then another sentence with the same
 * lemma (vectors from memory, one forward pass). Hand-written sentences, not dataset ones.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { VectorOptions } from '../../src/shared/engineProtocol';
import type { SenseEngine } from '../../src/senses';
import { modelCacheKey, WordNetSenses } from '../../src/senses/wordnet';
import { markdownTable } from '../report';
import type { Context } from './context';

const PAIRS: readonly [word: string, first: string, second: string][] = [
  ['bank', 'He sat on the bank of the river and watched the water.', 'The bank raised its interest rates again.'],
  ['pitcher', 'The pitcher threw a fast ball past the batter.', 'She filled the pitcher with cold lemonade.'],
  ['spring', 'The flowers bloom early in the spring.', 'A broken spring in the mattress kept him awake.'],
  ['run', 'They run along the beach every morning.', 'She ran the company for ten years.'],
  ['light', 'The room was full of light.', 'The box was light enough to carry.'],
];

export async function wordNetLatency(ctx: Context, engine: SenseEngine, vector: VectorOptions): Promise<string> {
  const cacheDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'wn-latency-'));
  const wordnet = new WordNetSenses({ embedder: engine, cacheDir, modelKey: modelCacheKey(engine, { model: ctx.model, dtype: ctx.settings.dtype, cacheDir: ctx.cacheDir }), logger: ctx.logger });
  const rows: string[][] = [];
  try {
    // The part-of-speech model and the index files load on the first lookup: timed on their own.
    let t = performance.now();
    await wordnet.rank('A warm-up sentence.', 2, { vector });
    const warmUp = performance.now() - t;
    for (const [word, first, second] of PAIRS) {
      t = performance.now();
      const cold = await wordnet.rank(first, first.indexOf(word) + 1, { vector });
      const coldMs = performance.now() - t;
      const at = second.search(new RegExp(`\\b${word === 'run' ? 'ran' : word}\\b`));
      t = performance.now();
      await wordnet.rank(second, at + 1, { vector });
      const warmMs = performance.now() - t;
      rows.push([word, String(cold?.senses.length ?? 0), coldMs.toFixed(0), warmMs.toFixed(0)]);
    }
    return (
      `Ranking latency (ms): the first call loaded the part-of-speech model and WordNet's index files in ${warmUp.toFixed(0)} ms; ` +
      `then per word the first sentence (sense vectors embedded into an empty cache) and a second sentence (vectors in memory).\n\n` +
      markdownTable(['word', 'candidate synsets', 'new lemma', 'known lemma'], rows)
    );
  } finally {
    await wordnet.dispose();
    await fsp.rm(cacheDir, { recursive: true, force: true });
  }
}
