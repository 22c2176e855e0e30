import * as fs from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { CacheWriter, resolveUnder } from '../bert/cacheFiles';
import type { Logger } from '../shared/logger';

/**
 * Per-layer target vectors of a word's training sentences, on disk.
 *
 * Layout (little-endian): magic `BWSV`, u32 version, u32 hidden, u32 layers, u32 count, u32 crc32 of
 * the rest; then `count` u32 example indices; then `count × layers × hidden` float32. Written to a
 * temporary file and renamed, so a crash never leaves a half-written cache; a file that fails any
 * check, including a non-finite float under a valid CRC, is ignored (and rebuilt by the caller).
 */
const MAGIC = 0x56535742; // 'BWSV'
const VERSION = 1;
const HEADER_BYTES = 24;

export interface StoredVectors {
  readonly hidden: number;
  readonly layers: number;
  /** Example index → `layers × hidden` per-layer means. */
  readonly vectors: Map<number, Float32Array>;
}

export function encodeVectors(stored: StoredVectors): Buffer {
  const { hidden, layers, vectors } = stored;
  const count = vectors.size;
  const width = hidden * layers;
  const buffer = Buffer.alloc(HEADER_BYTES + count * 4 + count * width * 4);
  const indices = [...vectors.keys()].sort((a, b) => a - b);
  indices.forEach((index, i) => buffer.writeUInt32LE(index, HEADER_BYTES + i * 4));
  const floats = new Float32Array(buffer.buffer, buffer.byteOffset + HEADER_BYTES + count * 4, count * width);
  indices.forEach((index, i) => floats.set(vectors.get(index)!, i * width));
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(VERSION, 4);
  buffer.writeUInt32LE(hidden, 8);
  buffer.writeUInt32LE(layers, 12);
  buffer.writeUInt32LE(count, 16);
  buffer.writeUInt32LE(crc32(buffer.subarray(HEADER_BYTES)), 20);
  return buffer;
}

/** Undefined when the bytes are not a complete, matching cache file. */
export function decodeVectors(buffer: Buffer, hidden: number, layers: number): StoredVectors | undefined {
  if (buffer.length < HEADER_BYTES) return undefined;
  if (buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt32LE(4) !== VERSION) return undefined;
  if (buffer.readUInt32LE(8) !== hidden || buffer.readUInt32LE(12) !== layers) return undefined;
  const count = buffer.readUInt32LE(16);
  const width = hidden * layers;
  if (buffer.length !== HEADER_BYTES + count * 4 * (1 + width)) return undefined;
  if (crc32(buffer.subarray(HEADER_BYTES)) !== buffer.readUInt32LE(20)) return undefined;
  // Copy once so the floats are aligned whatever the Buffer's offset is.
  const floats = new Float32Array(count * width);
  Buffer.from(floats.buffer).set(buffer.subarray(HEADER_BYTES + count * 4));
  // A NaN would poison every score it touches; the CRC only proves the bytes are the ones written.
  for (let i = 0; i < floats.length; i++) if (!Number.isFinite(floats[i])) return undefined;
  const vectors = new Map<number, Float32Array>();
  for (let i = 0; i < count; i++) vectors.set(buffer.readUInt32LE(HEADER_BYTES + i * 4), floats.subarray(i * width, (i + 1) * width));
  return { hidden, layers, vectors };
}

export class VectorCache {
  private readonly writer: CacheWriter;

  constructor(
    private readonly folder: string,
    private readonly logger: Logger,
  ) {
    this.writer = new CacheWriter(logger, 'vector cache');
  }

  private file(name: string): string {
    return resolveUnder(this.folder, `${name}.bwsv`);
  }

  async read(name: string, hidden: number, layers: number): Promise<StoredVectors | undefined> {
    const file = this.file(name);
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(file);
    } catch {
      // Missing, or unreadable (e.g. a directory in its place, which the next write replaces).
      return undefined;
    }
    const stored = decodeVectors(buffer, hidden, layers);
    if (!stored) this.logger.warn(`Ignoring corrupt or outdated vector cache ${file}; it will be rebuilt.`);
    return stored;
  }

  /** Never throws: a cache that cannot be written only costs time later. */
  async write(name: string, stored: StoredVectors): Promise<void> {
    await this.writer.write(this.file(name), encodeVectors(stored));
  }
}
