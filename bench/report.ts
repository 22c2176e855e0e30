/**
 * Output shared by the benchmarks: Markdown tables and the time-stamped result files in
 * bench/results/ (or `--out`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How the separator row aligns the columns: `numbers` puts the first column left and the others
 * right (`|---|---:|`, the WSD tables); `text` leaves them all left (`| --- | --- |`, the perf table).
 */
export type ColumnAlignment = 'numbers' | 'text';

/** A fraction as a percentage with one decimal; `–` for none. */
export const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : (100 * x).toFixed(1));

/** A Markdown table; a `|` inside a cell is escaped so it cannot split the cell. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: ColumnAlignment = 'numbers'): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const separator =
    align === 'numbers' ? `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|` : `| ${header.map(() => '---').join(' | ')} |`;
  return [line(header), separator, ...rows.map(line)].join('\n');
}

/**
 * Writes one file per entry of `files` (extension → content) as `<dir>/<prefix>-<ISO time>.<ext>`,
 * all with the same time stamp, creating `dir` if needed. Returns the paths, in `files` order.
 */
export function writeResults(dir: string, prefix: string, files: Readonly<Record<string, string>>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return Object.entries(files).map(([ext, content]) => {
    const file = path.join(dir, `${prefix}-${stamp}.${ext}`);
    fs.writeFileSync(file, content);
    return file;
  });
}
