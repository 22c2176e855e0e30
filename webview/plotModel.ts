/**
 * Pure helpers of the sense plot: no DOM, no ECharts, unit-tested in Node (test/unit/plotModel.test.ts).
 */
import type { PlotData, PlotPoint, PlotProjection, PlotSense, ProjectionMethod } from '../src/shared/engineProtocol';
import { projectionName } from '../src/shared/projections';

/** Choices of the "max examples per sense" control; 0 = all. */
export const MAX_PER_SENSE_CHOICES: readonly number[] = [10, 30, 100, 300, 0];

export function maxExamplesPerSenseLabel(value: number): string {
  return value === 0 ? 'all' : String(value);
}

/**
 * PCA: `PC1 (23.4 %)`, just `PC1` when the explained variance is unknown. UMAP and t-SNE axes have
 * no meaning of their own, hence no variance: `UMAP 1`, `t-SNE 2`.
 */
export function axisTitle(method: ProjectionMethod, component: 1 | 2, explained: number | undefined): string {
  if (method !== 'pca') return `${projectionName(method)} ${component}`;
  const name = `PC${component}`;
  if (explained === undefined || !Number.isFinite(explained) || explained < 0) return name;
  return `${name} (${(explained * 100).toFixed(1)} %)`;
}

/** The projection with its parameters, for exports: `t-SNE (perplexity 30, 750 iterations, seed 42)`. */
export function projectionDescription(projection: PlotProjection): string {
  switch (projection.method) {
    case 'pca':
      return 'PCA';
    case 'umap':
      return `UMAP (${projection.nNeighbors} neighbours, min. distance ${projection.minDist}, ${projection.epochs} epochs, seed ${projection.seed})`;
    case 'tsne':
      return `t-SNE (perplexity ${round(projection.perplexity)}, ${projection.iterations} iterations, seed ${projection.seed})`;
    default: {
      const never: never = projection;
      throw new Error(`unknown projection ${JSON.stringify(never)}`);
    }
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. Text that
 * a spreadsheet would run as a formula (a document's sentence such as `=HYPERLINK(…)`) gets a leading
 * `'`, as the OWASP CSV-injection guidance says: cells starting with `=`, `+`, `-`, `@`, tab or CR.
 * Numbers are written as numbers.
 */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * `sense` is the dataset's sense id, for reference next to our label; `projection` says what x and
 * y are (`projectionDescription`), on every row so that any subset of rows still says it.
 */
export const CSV_COLUMNS = ['x', 'y', 'label', 'sense', 'kind', 'sentence', 'projection'] as const;

/** CSV of every plotted point, header first, CRLF line ends (RFC 4180). */
export function buildCsv(points: readonly PlotPoint[], projection: PlotProjection): string {
  const lines = [CSV_COLUMNS.join(',')];
  const method = projectionDescription(projection);
  for (const p of points) {
    lines.push([p.x, p.y, p.label, p.sense, p.kind, p.sentence, method].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The points of one sense, split by kind; indexes into `PlotData.points`. */
export interface SenseGroup {
  readonly sense: string;
  /** Legend name: the label, made unique if two senses share it. */
  readonly name: string;
  readonly train: number[];
  /** WordNet: the synset's gloss context. */
  readonly gloss: number[];
  readonly document: number[];
  readonly centroid: number[];
}

/**
 * Groups the points by sense, in the order of `data.senses`; points of a sense missing from that
 * list get a group of their own at the end, so nothing is silently dropped.
 */
export function groupBySense(data: PlotData): SenseGroup[] {
  const groups = new Map<string, SenseGroup>();
  const names = new Set<string>();
  const add = (sense: string, label: string, source?: PlotSense['source']): SenseGroup => {
    // Legend names are labels, never ids: a clash (a taught sense named like a dataset one) is told apart in words.
    const base = label || 'unnamed sense';
    let name = names.has(base) && source === 'taught' ? `${base} (taught)` : base;
    for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
    names.add(name);
    const group: SenseGroup = { sense, name, train: [], gloss: [], document: [], centroid: [] };
    groups.set(sense, group);
    return group;
  };
  for (const s of data.senses) if (!groups.has(s.sense)) add(s.sense, s.label, s.source);
  data.points.forEach((p, i) => {
    const group = groups.get(p.sense) ?? add(p.sense, p.label, p.source);
    group[p.kind].push(i);
  });
  return [...groups.values()];
}

/** Human name of a point kind, for tooltips and the key (a training example of a taught sense is a "taught example"). */
export function kindLabel(kind: PlotPoint['kind'], inventory: PlotData['inventory'] = 'coarsewsd20', source?: PlotPoint['source']): string {
  const wordnet = inventory === 'wordnet';
  switch (kind) {
    case 'train':
      return wordnet ? 'WordNet example' : source === 'taught' ? 'taught example' : 'training example';
    case 'gloss':
      return 'WordNet gloss';
    case 'document':
      return 'your occurrence';
    case 'centroid':
      return wordnet ? 'sense vector' : 'sense centroid';
    default: {
      const never: never = kind;
      throw new Error(`unknown point kind ${String(never)}`);
    }
  }
}

/** The gloss of each sense that has one (WordNet), for tooltips. */
export function glossBySense(data: PlotData): Map<string, string> {
  return new Map(data.senses.flatMap((s) => (s.gloss ? [[s.sense, s.gloss] as const] : [])));
}

/**
 * Colour of the i-th sense: the theme's palette, then hues a golden angle (137.5°) apart, which
 * stay distinct however many senses a WordNet word has; lighter on dark themes.
 */
export function senseColor(i: number, palette: readonly string[], dark: boolean): string {
  const named = palette[i];
  if (named !== undefined) return named;
  return hslHex((20 + (i - palette.length) * 137.508) % 360, 0.65, dark ? 0.62 : 0.38);
}

/** `#rrggbb` of an HSL colour (hue in degrees): hex, which every SVG viewer reads. */
function hslHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * Title of an exported image, so a file says what it shows:
 * `bank · PCA · last 4 layers (sum) · 100 examples per sense · model tiny-bert-uncased`.
 */
export function exportTitle(data: PlotData, model: string): string {
  const layers = `last ${data.options.layers} layer${data.options.layers === 1 ? '' : 's'} (${data.options.pooling})`;
  const examples =
    data.inventory === 'wordnet'
      ? `WordNet, ${data.senses.length} of ${data.senses.length + (data.omittedSenses ?? 0)} senses`
      : data.maxExamplesPerSense === 0
        ? 'all examples'
        : `${data.maxExamplesPerSense} examples per sense`;
  return `${data.word} · ${projectionDescription(data.projection)} · ${layers} · ${examples} · model ${modelName(model)}`;
}

/** The last part of a model folder's path; a hub id (`owner/name`) as it is. */
export function modelName(model: string): string {
  const parts = model.split(/[\\/]+/).filter(Boolean);
  return parts.length > 2 || /^([a-zA-Z]:)?[\\/]/.test(model) ? (parts.at(-1) ?? model) : model;
}

/**
 * Summary for the status line, e.g. `bank: 612 points, 2 senses, 3 of yours · last 4 layers (sum) ·
 * UMAP`, followed by the engine's note when the layout is not the one asked for; a WordNet plot also
 * says how many of the word's synsets are left out.
 */
export function plotSummary(data: PlotData, groups: readonly SenseGroup[]): string {
  const documentCount = data.points.filter((p) => p.kind === 'document').length;
  const omitted = data.omittedSenses ? ` (${data.omittedSenses} less frequent not shown)` : '';
  const senses = `${groups.length} ${data.inventory === 'wordnet' ? 'WordNet ' : ''}sense${groups.length === 1 ? '' : 's'}${omitted}`;
  const summary = `${data.word}: ${data.points.length} points, ${senses}, ${documentCount} of yours · last ${data.options.layers} layer${data.options.layers === 1 ? '' : 's'} (${data.options.pooling}) · ${projectionName(data.projection.method)}`;
  return data.projectionNote ? `${summary}. ${data.projectionNote}` : summary;
}

/** `notes.md:12` for an occurrence's file and (one-based) line. */
export function locationName(location: { readonly uri: string; readonly line: number }): string {
  const path = location.uri.replace(/[?#].*$/, '');
  const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || path;
  return `${name}:${location.line + 1}`;
}
