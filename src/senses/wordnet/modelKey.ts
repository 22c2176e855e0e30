import { modelContentKey } from '../../bert/contentKey';
import { modelFolder } from '../../bert/modelFiles';
import { silentLogger } from '../../shared/logger';
import type { ModelDtype } from '../../shared/modelLayout';

export interface ModelKeyOptions {
  readonly model: string;
  readonly dtype: ModelDtype;
  /** The engine's cache root: where a hub model's files and the remembered hashes are. */
  readonly cacheDir: string;
}

/**
 * Identifies the model `engine` loads for the WordNet vector cache: its content key, the one its
 * sense indexes are keyed on (`contentKey.ts`), so changed weights, tokenizer or config get new
 * vectors. Asked after the engine's load, when a hub model's files are in the cache.
 */
export function modelCacheKey(engine: { load(): Promise<unknown> }, options: ModelKeyOptions): () => Promise<string> {
  return async () => {
    await engine.load();
    // The load has logged any change of the files: nothing to say here.
    return (await modelContentKey(modelFolder(options.model, options.cacheDir), options.dtype, { cacheDir: options.cacheDir, logger: silentLogger })).key;
  };
}
