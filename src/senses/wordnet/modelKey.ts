import * as fs from 'node:fs';
import * as path from 'node:path';
import { ONNX_FILE, type ModelDtype } from '../../shared/modelLayout';

/**
 * Identifies a model's weights for the WordNet vector cache: a local folder by the size and mtime
 * of its ONNX file (as the engine's own caches), a hub id by itself.
 */
export function modelCacheKey(model: string, dtype: ModelDtype): string {
  const onnx = fs.statSync(path.join(model, ONNX_FILE[dtype]), { throwIfNoEntry: false });
  return onnx ? `${path.resolve(model)}|${dtype}|${onnx.size}|${Math.trunc(onnx.mtimeMs)}` : `${model}|${dtype}`;
}
