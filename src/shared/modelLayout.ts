/**
 * What a model setting and a model folder look like. Dependency-free: the extension bundle uses it
 * to check settings and folders without loading the engine.
 */
import type { ModelDtype } from './engineProtocol';

export type { ModelDtype } from './engineProtocol';

/** The ONNX file of each dtype in a Transformers.js model folder. */
export const ONNX_FILE: Readonly<Record<ModelDtype, string>> = { fp32: 'onnx/model.onnx', q8: 'onnx/model_quantized.onnx' };

/** The other files a model folder needs. */
export const MODEL_FILES = ['config.json', 'tokenizer.json'] as const;

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** `owner/name` on the Hugging Face hub (anything else is a local folder). */
export function isHubId(model: string): boolean {
  return HUB_ID.test(model);
}
