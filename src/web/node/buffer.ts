/**
 * The part of Node's `Buffer` the engine uses (vector and probe caches, content keys), for its Web
 * Worker: a `Uint8Array` with little-endian integer access, hex, base64 and UTF-8 text, `copy`
 * (WordNet's vector files) and the byte comparisons of WordNet's index search
 * (src/senses/wordnet/database.ts).
 * esbuild.mjs injects it as the free `Buffer` of the web engine's bundle.
 */
type Text = 'hex' | 'base64' | 'utf8' | 'utf-8';

class Bytes extends Uint8Array {
  override subarray(begin?: number, end?: number): Buffer {
    const view = super.subarray(begin, end);
    return new Bytes(view.buffer, view.byteOffset, view.length) as Buffer;
  }

  private view(): DataView {
    return new DataView(this.buffer, this.byteOffset, this.byteLength);
  }

  readUInt32LE(offset = 0): number {
    return this.view().getUint32(offset, true);
  }

  writeUInt32LE(value: number, offset = 0): number {
    this.view().setUint32(offset, value, true);
    return offset + 4;
  }

  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    const chunk = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
    target.set(chunk, targetStart);
    return chunk.length;
  }

  equals(other: Uint8Array): boolean {
    return compare(this, other) === 0;
  }

  override toString(encoding: Text = 'utf8'): string {
    if (encoding === 'hex') return Array.from(this, (b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'base64') {
      let binary = '';
      for (let i = 0; i < this.length; i += 0x8000) binary += String.fromCharCode(...this.subarray(i, i + 0x8000));
      return btoa(binary);
    }
    return new TextDecoder().decode(this);
  }
}

export type Buffer = Bytes;

function fromText(text: string, encoding: Text): Buffer {
  if (encoding === 'hex') return from(Array.from({ length: text.length >> 1 }, (_, i) => parseInt(text.slice(2 * i, 2 * i + 2), 16)));
  if (encoding === 'base64') return from(Array.from(atob(text), (c) => c.charCodeAt(0)));
  return from(new TextEncoder().encode(text));
}

function from(value: string | ArrayBufferLike | ArrayLike<number>, encodingOrOffset?: Text | number, length?: number): Buffer {
  if (typeof value === 'string') return fromText(value, (encodingOrOffset as Text | undefined) ?? 'utf8');
  if (value instanceof ArrayBuffer) {
    const offset = (encodingOrOffset as number | undefined) ?? 0;
    return new Bytes(value, offset, length ?? value.byteLength - offset);
  }
  const copy = new Bytes((value as ArrayLike<number>).length);
  copy.set(value as ArrayLike<number>);
  return copy;
}

/** Byte order, as Node's `Buffer.compare`: -1, 0 or 1. */
function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function concat(parts: readonly Uint8Array[]): Buffer {
  const out = new Bytes(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const Buffer = Object.assign(Bytes, { alloc: (size: number): Buffer => new Bytes(size), from, concat, compare, isBuffer: (value: unknown): value is Buffer => value instanceof Bytes });

export default { Buffer };
