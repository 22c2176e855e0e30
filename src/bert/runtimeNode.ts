/** The runtime seam (`runtime.ts`) on onnxruntime-node: native CPU kernels, sessions from files, prepared files. */
import * as ort from 'onnxruntime-node';
import { sessionOptions, wrapSession, type OnnxRuntime } from './runtime';

export const nodeRuntime: OnnxRuntime = {
  name: 'node',
  version: ort.env.versions.node ?? ort.env.versions.common,
  files: true,
  warmUpIds: 0,
  async createSession(model, settings) {
    const options = sessionOptions(settings);
    const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
    return wrapSession(session, (t) => new ort.Tensor(t.type, t.data, t.dims));
  },
};
