/**
 * Trained probes on disk, one small JSON file per word, vector options and training set. The file
 * name carries a key over the format version, the training set (senses, labels and vectors) and
 * the probe options, so a changed training set or option finds no file and trains anew; a file
 * whose contents do not match its key is ignored. Separate from the vector cache, whose format
 * does not change.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CacheWriter } from '../../bert/cacheFiles';
import type { Logger } from '../../shared/logger';
import type { ClassWeighting, Probe, ProbeOptions, ProbeTrainingSet } from './probe';

const VERSION = 1;

/** Hex key of a probe: format version, training set and options. */
export function probeKey(set: ProbeTrainingSet, options: ProbeOptions): string {
  const hash = createHash('sha256').update(`bwsp${VERSION}\n${JSON.stringify(options)}\n${JSON.stringify(set.senses)}\n`);
  hash.update(new Uint8Array(set.senseOf.buffer, set.senseOf.byteOffset, set.senseOf.byteLength));
  for (const u of set.units) hash.update(new Uint8Array(u.buffer, u.byteOffset, u.byteLength));
  return hash.digest('hex');
}

interface ProbeFile {
  readonly version: number;
  readonly key: string;
  readonly classes: number[];
  readonly senses: number;
  readonly l2: number;
  readonly classWeighting: ClassWeighting;
  readonly validationMacroF1: number | null;
  /** Float64 little-endian, base64. */
  readonly weights: string;
}

export class ProbeCache {
  private readonly writer: CacheWriter;

  constructor(
    private readonly folder: string,
    private readonly logger: Logger,
  ) {
    this.writer = new CacheWriter(logger, 'probe cache');
  }

  /** `<word>.last4sum.<key prefix>.probe.json` */
  file(name: string, key: string): string {
    return path.join(this.folder, `${name}.${key.slice(0, 20)}.probe.json`);
  }

  async read(name: string, key: string): Promise<Probe | undefined> {
    const file = this.file(name, key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const probe = decodeProbe(text, key);
    if (!probe) this.logger.warn(`Ignoring corrupt or outdated probe ${file}; it will be retrained.`);
    return probe;
  }

  /** A failed write only costs a retraining next session (warned once, like the other caches). */
  async write(name: string, key: string, probe: Probe): Promise<void> {
    await this.writer.write(this.file(name, key), encodeProbe(probe, key));
  }
}

export function encodeProbe(probe: Probe, key: string): string {
  const content: ProbeFile = {
    version: VERSION,
    key,
    classes: [...probe.classes],
    senses: probe.senses,
    l2: probe.l2,
    classWeighting: probe.classWeighting,
    validationMacroF1: Number.isNaN(probe.validationMacroF1) ? null : probe.validationMacroF1,
    weights: Buffer.from(probe.weights.buffer, probe.weights.byteOffset, probe.weights.byteLength).toString('base64'),
  };
  return JSON.stringify(content);
}

/** Undefined unless the text is a probe of this format version and key. */
export function decodeProbe(text: string, key: string): Probe | undefined {
  let content: Partial<ProbeFile>;
  try {
    content = JSON.parse(text) as Partial<ProbeFile>;
  } catch {
    return undefined;
  }
  if (content.version !== VERSION || content.key !== key || typeof content.weights !== 'string') return undefined;
  const { classes, senses, l2, classWeighting, validationMacroF1 } = content;
  if (!Array.isArray(classes) || !classes.every((c) => Number.isInteger(c)) || !Number.isInteger(senses) || typeof l2 !== 'number') return undefined;
  if (classWeighting !== 'none' && classWeighting !== 'balanced') return undefined;
  const bytes = Buffer.from(content.weights, 'base64');
  if (bytes.length % 8 !== 0 || (classes.length > 0 && bytes.length / 8 % classes.length !== 0)) return undefined;
  const weights = new Float64Array(bytes.length / 8);
  Buffer.from(weights.buffer).set(bytes);
  return { classes, senses: senses!, l2, classWeighting, validationMacroF1: validationMacroF1 ?? NaN, weights };
}
