/**
 * The part of `node:fs` the engine uses, for the web engine's bundle (esbuild.mjs): the background
 * full hash of the ONNX file (`contentKey.ts`) streams it, here in ranges of a host handle
 * (src/web/hostFiles.ts `open`), so this worker never holds the whole file.
 * `existsSync` cannot ask the host synchronously: a hub id is taken as one (`settings.ts`).
 */
import { open } from '../hostFiles';

export function createReadStream(path: string, options: { readonly highWaterMark?: number; readonly signal?: AbortSignal } = {}): AsyncIterable<Uint8Array> {
  const chunkSize = options.highWaterMark ?? 64 * 1024;
  return {
    async *[Symbol.asyncIterator]() {
      const handle = await open(path);
      try {
        const size = Number((await handle.stat()).size);
        for (let at = 0; at < size; at += chunkSize) {
          options.signal?.throwIfAborted();
          const { buffer, bytesRead } = await handle.read(new Uint8Array(Math.min(chunkSize, size - at)), 0, chunkSize, at);
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

export const existsSync = () => false;

export default { createReadStream, existsSync };
