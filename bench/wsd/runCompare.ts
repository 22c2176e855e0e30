/**
 * `--compare-vectors <file>`: cosine between our sense centroids (last 4 layers summed, all
 * training examples) and released sense vectors (one `sense v1 v2 …` line each). Skipped with a
 * message when the dimensions differ.
 */
import * as fsp from 'node:fs/promises';
import type { VectorOptions } from '../../src/shared/engineProtocol';
import type { SenseEngine } from '../../src/senses';
import { mean } from '../metrics';
import { markdownTable } from '../report';
import type { Context } from './context';
import type { Report } from './report';

export async function runCompare(ctx: Context, engine: SenseEngine, file: string, report: Report): Promise<void> {
  const released = await readReleased(file);
  const releasedDims = new Set([...released.values()].map((v) => v.length));
  const vector: VectorOptions = { layers: 4, pooling: 'sum' };
  const rows: string[][] = [];
  const cosines: number[] = [];
  for (const word of ctx.words) {
    const index = await engine.senseIndex(word, { ...ctx.run, vector, maxExamplesPerSense: 0 });
    const hidden = index.centroids[0]?.length ?? 0;
    if (!releasedDims.has(hidden) || releasedDims.size !== 1) {
      const message =
        `Cannot compare sense vectors: the released vectors in ${file} are ${[...releasedDims].join('/')}-dimensional but ` +
        `${ctx.model} has hidden size ${hidden}. Cosines between different embedding spaces are undefined; comparison skipped ` +
        `(use bert-base-uncased, hidden size 768, to compare).`;
      console.error(message);
      report.markdown.push(`### Sense vectors vs released vectors\n\n${message}`);
      report.json.compare = { skipped: true, reason: message, releasedDims: [...releasedDims], hidden };
      return;
    }
    index.senses.forEach((sense, s) => {
      const theirs = released.get(sense);
      if (!theirs || index.counts[s] === 0) {
        rows.push([sense, String(index.counts[s]), 'missing']);
        return;
      }
      const c = cosineOf(index.centroids[s], theirs);
      cosines.push(c);
      rows.push([sense, String(index.counts[s]), c.toFixed(4)]);
    });
  }
  rows.push(['**mean**', '', `**${mean(cosines).toFixed(4)}**`]);
  report.markdown.push(`### Our centroids (last 4 sum, all training examples) vs released sense vectors: cosine\n\n${markdownTable(['sense', 'train n', 'cosine'], rows)}`);
  report.json.compare = { skipped: false, meanCosine: mean(cosines), rows };
}

async function readReleased(file: string): Promise<Map<string, Float32Array>> {
  const released = new Map<string, Float32Array>();
  for (const line of (await fsp.readFile(file, 'utf8')).split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) continue;
    released.set(parts[0], Float32Array.from(parts.slice(1), Number));
  }
  return released;
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : d / Math.sqrt(na * nb);
}
