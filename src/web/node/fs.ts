/**
 * The part of `node:fs` the engine uses, for the web engine's bundle (esbuild.mjs): the background
 * full hash of the ONNX file (`contentKey.ts`) streams it; here it is read whole through the host.
 * `existsSync` cannot ask the host synchronously: a hub id is taken as one (`settings.ts`).
 * Hub downloads (`createWriteStream`) are not in the web yet.
 */
import { readFile } from '../hostFiles';

export function createReadStream(path: string): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield await readFile(path);
    },
  };
}

export const existsSync = () => false;

/** Hub downloads stream to disk: not in the web yet (docs/web.md). */
export function createWriteStream(): never {
  throw new Error('node:fs createWriteStream() is not available in VS Code for the Web yet.');
}

export default { createReadStream, createWriteStream, existsSync };
