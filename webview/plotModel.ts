/**
 * Pure helpers of the sense plot: no DOM, no ECharts, unit-tested in Node (test/unit/plotModel.test.ts).
 */
import type { PlotData, PlotPoint } from '../src/senses/types';

/** Choices of the "max examples per sense" control; 0 = all. */
export const MAX_PER_SENSE_CHOICES: readonly number[] = [10, 30, 100, 300, 0];

export function maxExamplesPerSenseLabel(value: number): string {
  return value === 0 ? 'all' : String(value);
}

/** `PC1 (23.4 %)`; just `PC1` when the explained variance is unknown. */
export function axisTitle(component: 1 | 2, explained: number | undefined): string {
  const name = `PC${component}`;
  if (explained === undefined || !Number.isFinite(explained) || explained < 0) return name;
  return `${name} (${(explained * 100).toFixed(1)} %)`;
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

/** `sense` is the dataset's sense id, for reference next to our label. */
export const CSV_COLUMNS = ['x', 'y', 'label', 'sense', 'kind', 'sentence'] as const;

/** CSV of every plotted point, header first, CRLF line ends (RFC 4180). */
export function buildCsv(points: readonly PlotPoint[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of points) {
    lines.push([p.x, p.y, p.label, p.sense, p.kind, p.sentence].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The points of one sense, split by kind; indexes into `PlotData.points`. */
export interface SenseGroup {
  readonly sense: string;
  /** Legend name: the label, made unique if two senses share it. */
  readonly name: string;
  readonly train: number[];
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
  const add = (sense: string, label: string): SenseGroup => {
    let name = label || sense;
    if (names.has(name)) name = `${name} [${sense}]`;
    names.add(name);
    const group: SenseGroup = { sense, name, train: [], document: [], centroid: [] };
    groups.set(sense, group);
    return group;
  };
  for (const s of data.senses) if (!groups.has(s.sense)) add(s.sense, s.label);
  data.points.forEach((p, i) => {
    const group = groups.get(p.sense) ?? add(p.sense, p.label);
    group[p.kind].push(i);
  });
  return [...groups.values()];
}

/** Human name of a point kind, for tooltips (a training example of a taught sense is a "taught example"). */
export function kindLabel(kind: PlotPoint['kind'], source?: PlotPoint['source']): string {
  switch (kind) {
    case 'train':
      return source === 'taught' ? 'taught example' : 'training example';
    case 'document':
      return 'in this document';
    case 'centroid':
      return 'sense centroid';
    default: {
      const never: never = kind;
      throw new Error(`unknown point kind ${String(never)}`);
    }
  }
}

/**
 * Title of an exported image, so a file says what it shows:
 * `bank · last 4 layers (sum) · 100 examples per sense · model tiny-bert-uncased`.
 */
export function exportTitle(data: PlotData, model: string): string {
  const layers = `last ${data.options.layers} layer${data.options.layers === 1 ? '' : 's'} (${data.options.pooling})`;
  const examples = data.maxExamplesPerSense === 0 ? 'all examples' : `${data.maxExamplesPerSense} examples per sense`;
  return `${data.word} · ${layers} · ${examples} · model ${modelName(model)}`;
}

/** The last part of a model folder's path; a hub id (`owner/name`) as it is. */
export function modelName(model: string): string {
  const parts = model.split(/[\\/]+/).filter(Boolean);
  return parts.length > 2 || /^([a-zA-Z]:)?[\\/]/.test(model) ? (parts.at(-1) ?? model) : model;
}

/** Summary for the status line, e.g. `bank: 612 points, 2 senses, 3 in this document`. */
export function plotSummary(data: PlotData, groups: readonly SenseGroup[]): string {
  const documentCount = data.points.filter((p) => p.kind === 'document').length;
  const senses = `${groups.length} sense${groups.length === 1 ? '' : 's'}`;
  return `${data.word}: ${data.points.length} points, ${senses}, ${documentCount} in this document · last ${data.options.layers} layer${data.options.layers === 1 ? '' : 's'} (${data.options.pooling})`;
}
