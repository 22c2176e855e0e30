/**
 * The hovers the benchmark replays (test sentences in their context, as the hover provider passes
 * them), the ids the engine feeds BERT for one, and a warm engine shared by the hover measurements.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BertEncoder } from '../../src/bert/bertEncoder';
import type { TargetInput } from '../../src/bert/wordPieces';
import type { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineModules } from './engineModules';

/** A hover: the slice the provider would pass (a few sentences around) and the offset in it. */
export interface Hover {
  readonly word: string;
  readonly slice: string;
  readonly offset: number;
}

/** Test sentences of `word` as hovers: each with two neighbouring test sentences on each side. */
export function testHovers(modules: Pick<EngineModules, 'inventory'>, data: string, word: string): Hover[] {
  const lines = fs.readFileSync(path.join(data, word, 'test.data.txt'), 'utf8').split('\n').filter(Boolean);
  const sentences = lines.map((l) => {
    const tab = l.indexOf('\t');
    return { index: Number(l.slice(0, tab)), sentence: l.slice(tab + 1) };
  });
  return sentences.map(({ index, sentence }, i) => {
    const before = sentences.slice(Math.max(0, i - 2), i).map((s) => s.sentence).join(' ');
    const after = sentences.slice(i + 1, i + 3).map((s) => s.sentence).join(' ');
    const tokens = sentence.split(' ');
    const charStart = tokens.slice(0, index).reduce((n, t) => n + t.length + 1, 0);
    const prefix = before ? `${before} ` : '';
    const slice = `${prefix}${sentence}${after ? ` ${after}` : ''}`;
    return { word, slice, offset: prefix.length + charStart + 1 };
  }).filter((h) => modules.inventory.findAt(h.slice, h.offset)?.word === word); // skip the few whose offset does not land on the word
}

/**
 * Editor-like hovers: the word's test sentences of 10–40 words, each alone (a short paragraph or a
 * line of prose), shortest context the hover provider passes.
 */
export function shortHovers(modules: EngineModules, data: string, word: string): Hover[] {
  return testHovers(modules, data, word).flatMap((h) => {
    const start = h.slice.lastIndexOf('. ', h.offset) + 1;
    const end = h.slice.indexOf('. ', h.offset);
    const sentence = h.slice.slice(start, end < 0 ? undefined : end + 1).trim();
    const words = sentence.split(' ').length;
    const offset = h.offset - (h.slice.indexOf(sentence, start));
    const hover = { word, slice: sentence, offset };
    return words >= 10 && words <= 40 && modules.inventory.findAt(sentence, offset)?.word === word ? [hover] : [];
  });
}

/** Round-robin over the words, so consecutive hovers are on different words and sentences. */
export function interleave(lists: readonly Hover[][]): Hover[] {
  const out: Hover[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/** The ids the engine feeds BERT for a hover (same context cut and window). */
export function hoverInput(modules: EngineModules, encoder: BertEncoder, h: Hover): TargetInput {
  const target = modules.inventory.findAt(h.slice, h.offset);
  if (!target) throw new Error(`no target at ${h.offset} in ${h.slice.slice(0, 80)}`);
  const c = modules.sentenceContext(h.slice, target);
  const input = modules.targetInput(encoder.aligner.pieces(c.text), c, encoder.special, modules.windowOf(encoder));
  if (!input) throw new Error('no input');
  return input;
}

/**
 * One engine on `cacheDir`, created and warmed on first use: model loaded and each word's index
 * loaded or built (one hover per list).
 */
export class WarmEngine {
  private engine: SenseEngine | undefined;

  constructor(
    private readonly modules: EngineModules,
    /** The engine's cache folder (models, prepared files, indexes). */
    readonly cacheDir: string,
    private readonly hoverLists: readonly Hover[][],
  ) {}

  async get(): Promise<SenseEngine> {
    if (this.engine) return this.engine;
    const engine = (this.engine = this.modules.engineFor(this.cacheDir));
    await engine.load();
    for (const list of this.hoverLists) await engine.classify(list[0].slice, list[0].offset, this.modules.hoverOptions()); // index loaded/built, cached
    return engine;
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose();
  }
}
