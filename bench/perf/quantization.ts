/**
 * fp32 vs q8: not measured; records why (no quantized fixture, and onnxruntime-node has no
 * quantizer) with the quantization exports onnxruntime-node has, if any.
 */
import type { EngineModules } from './engineModules';
import type { PerfResults } from './results';

export function noteQuantization(modules: EngineModules, results: PerfResults): void {
  const quantApis = Object.keys(modules.ort).filter((k) => /quant/i.test(k));
  results.json.q8 = { onnxruntimeNodeQuantizeApis: quantApis };
  results.row(
    'fp32 vs q8',
    `not measured: there is no quantized fixture and onnxruntime-node ${quantApis.length ? `exports ${quantApis.join(', ')}, but ` : 'exports no quantization API ('}` +
      `${quantApis.length ? '' : 'its exports: InferenceSession, Tensor, env, …); '}onnxruntime's quantizer (onnxruntime.quantization.quantize_dynamic) is Python-only, so q8 cannot be produced here`,
  );
}
