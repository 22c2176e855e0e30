import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import type { SynsetVectors } from './rank';

/**
 * The sense vectors of one lemma on disk: magic `BWNV`, u32 version, u32 hidden, u32 JSON length,
 * u32 crc32 of the rest; the JSON (per synset offset: has a gloss vector, number of example
 * vectors), padded to 4 bytes; then the float32 vectors in that order. Written to a temporary file
 * and renamed; a file failing any check is ignored and rebuilt.
 */
const MAGIC = 0x564e5742; // 'BWNV'
const VERSION = 1;
const HEADER = 20;

type Layout = [offset: number, gloss: 0 | 1, examples: number][];

export function encodeSenseVectors(hidden: number, vectors: ReadonlyMap<number, SynsetVectors>): Buffer {
  const layout: Layout = [...vectors].map(([offset, v]) => [offset, v.gloss ? 1 : 0, v.examples.length]);
  const json = Buffer.from(JSON.stringify(layout));
  const jsonBytes = Math.ceil(json.length / 4) * 4;
  const all = [...vectors.values()].flatMap((v) => [...(v.gloss ? [v.gloss] : []), ...v.examples]);
  const buffer = Buffer.alloc(HEADER + jsonBytes + all.length * hidden * 4);
  json.copy(buffer, HEADER);
  const floats = new Float32Array(buffer.buffer, buffer.byteOffset + HEADER + jsonBytes, all.length * hidden);
  all.forEach((v, i) => floats.set(v, i * hidden));
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(VERSION, 4);
  buffer.writeUInt32LE(hidden, 8);
  buffer.writeUInt32LE(json.length, 12);
  buffer.writeUInt32LE(crc32(buffer.subarray(HEADER)), 16);
  return buffer;
}

export function decodeSenseVectors(buffer: Buffer): Map<number, SynsetVectors> | undefined {
  if (buffer.length < HEADER || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt32LE(4) !== VERSION) return undefined;
  if (crc32(buffer.subarray(HEADER)) !== buffer.readUInt32LE(16)) return undefined;
  const hidden = buffer.readUInt32LE(8);
  const jsonLength = buffer.readUInt32LE(12);
  let layout: Layout;
  try {
    layout = JSON.parse(buffer.subarray(HEADER, HEADER + jsonLength).toString('utf8')) as Layout;
  } catch {
    return undefined;
  }
  const start = HEADER + Math.ceil(jsonLength / 4) * 4;
  const count = layout.reduce((n, [, g, e]) => n + g + e, 0);
  if (buffer.length !== start + count * hidden * 4) return undefined;
  // A copy, so the floats are aligned whatever the Buffer's offset is.
  const floats = new Float32Array(count * hidden);
  Buffer.from(floats.buffer).set(buffer.subarray(start));
  const out = new Map<number, SynsetVectors>();
  let at = 0;
  const next = () => floats.subarray(at * hidden, ++at * hidden);
  for (const [offset, gloss, examples] of layout) {
    const g = gloss ? next() : undefined;
    out.set(offset, { gloss: g, examples: Array.from({ length: examples }, next) });
  }
  return out;
}

/** Undefined when the file is missing or fails a check. */
export async function readSenseVectors(file: string): Promise<Map<number, SynsetVectors> | undefined> {
  const buffer = await fs.readFile(file).catch(() => undefined);
  return buffer && decodeSenseVectors(buffer);
}

/** Best effort: a cache that cannot be written only costs time later. */
export async function writeSenseVectors(file: string, hidden: number, vectors: ReadonlyMap<number, SynsetVectors>): Promise<boolean> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, encodeSenseVectors(hidden, vectors));
    await fs.rename(temp, file);
    return true;
  } catch {
    await fs.rm(temp, { force: true });
    return false;
  }
}
