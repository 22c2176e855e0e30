import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { VectorOptions } from '../src/shared/engineProtocol';
import type { Example, SenseEngine } from '../src/senses';

/**
 * Pooled test-sentence vectors, embedded once per (model, data, word, layers, pooling) and kept
 * on disk, so the n-shot sets, the cap sweep and `--tune` reuse one embedding pass of the test set.
 * File: u32 count, u32 hidden, then per example a u8 "present" flag and `hidden` float32.
 */
export interface TestVectors {
  readonly vectors: (Float32Array | undefined)[];
  /** Seconds spent embedding (0 when read from disk). */
  readonly seconds: number;
  readonly cached: boolean;
}

export async function testVectors(
  engine: SenseEngine,
  cacheKey: string,
  cacheDir: string | undefined,
  word: string,
  examples: readonly Example[],
  vector: VectorOptions,
): Promise<TestVectors> {
  const digest = createHash('sha256')
    .update(`${cacheKey}\n${word}\n${vector.layers}\n${vector.pooling}\n${examples.length}\n`)
    .update(examples.map((e) => `${e.start}:${e.end}:${e.sentence}`).join('\n'))
    .digest('hex')
    .slice(0, 20);
  const file = cacheDir ? path.join(cacheDir, `${word}-last${vector.layers}-${vector.pooling}-${digest}.bin`) : undefined;
  if (file) {
    const read = await readVectors(file, examples.length);
    if (read) return { vectors: read, seconds: 0, cached: true };
  }
  const start = performance.now();
  const vectors = await engine.embedExamples(examples, { vector });
  const seconds = (performance.now() - start) / 1000;
  if (file) await writeVectors(file, vectors);
  return { vectors, seconds, cached: false };
}

async function readVectors(file: string, count: number): Promise<(Float32Array | undefined)[] | undefined> {
  const buffer = await fs.readFile(file).catch(() => undefined);
  if (!buffer || buffer.length < 8 || buffer.readUInt32LE(0) !== count) return undefined;
  const hidden = buffer.readUInt32LE(4);
  if (buffer.length !== 8 + count * (1 + hidden * 4)) return undefined;
  const out: (Float32Array | undefined)[] = [];
  let offset = 8;
  for (let i = 0; i < count; i++) {
    const present = buffer[offset] === 1;
    offset += 1;
    const v = new Float32Array(hidden);
    for (let h = 0; h < hidden; h++, offset += 4) v[h] = buffer.readFloatLE(offset);
    out.push(present ? v : undefined);
  }
  return out;
}

async function writeVectors(file: string, vectors: readonly (Float32Array | undefined)[]): Promise<void> {
  const hidden = vectors.find((v) => v)?.length ?? 0;
  const buffer = Buffer.alloc(8 + vectors.length * (1 + hidden * 4));
  buffer.writeUInt32LE(vectors.length, 0);
  buffer.writeUInt32LE(hidden, 4);
  let offset = 8;
  for (const v of vectors) {
    buffer[offset] = v ? 1 : 0;
    offset += 1;
    for (let h = 0; h < hidden; h++, offset += 4) buffer.writeFloatLE(v ? v[h] : 0, offset);
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await fs.writeFile(partial, buffer);
  await fs.rename(partial, file);
}
