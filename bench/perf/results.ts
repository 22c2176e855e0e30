/**
 * What the performance benchmark reports: one table row per measurement (with its budget, verdict
 * and the load at the time) and the JSON details; printed as Markdown and written as JSON.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownTable, writeResults } from '../report';
import { load } from './measure';
import { ROOT, type PerfOptions } from './options';

export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly budget: string;
  readonly verdict: string;
  readonly load: string;
}

export class PerfResults {
  readonly rows: Row[] = [];
  readonly json: Record<string, unknown> = {};

  /** A table row; `ok` gives the verdict (ok / **OVER**), none when undefined. */
  row(metric: string, value: string, budget = '', ok?: boolean): void {
    this.rows.push({ metric, value, budget, verdict: ok === undefined ? '' : ok ? 'ok' : '**OVER**', load: load() });
  }

  /** The run's metadata, first in the JSON. */
  start(options: PerfOptions): void {
    this.json.meta = {
      command: process.argv.join(' '),
      execArgv: process.execArgv,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAtStart: os.loadavg(),
      model: options.model,
      dtype: options.dtype,
      hovers: options.hovers,
      soak: options.soak,
    };
  }

  /** Prints the Markdown table on stdout and writes the JSON to `<out>/perf-<time>.json`. */
  finish(options: PerfOptions, startedMs: number): void {
    const json = this.json;
    json.finishedAt = new Date().toISOString();
    json.durationS = (Date.now() - startedMs) / 1000;
    json.loadAtEnd = os.loadavg();
    json.rows = this.rows;
    const lines = [
      `## Performance (${path.basename(options.model)} ${options.dtype}, ${os.cpus().length} CPUs: ${os.cpus()[0]?.model ?? '?'}, Node ${process.version})`,
      '',
      `Command: \`${['node', ...process.execArgv, ...process.argv.slice(1).map((a) => path.relative(ROOT, a) || a)].join(' ')}\``,
      `Load average (1/5/15 min) at start: ${(json.meta as { loadAtStart: number[] }).loadAtStart.map((l) => l.toFixed(2)).join(' ')}; at end: ${load()}; duration ${json.durationS} s.`,
      '',
      markdownTable(
        ['Metric', 'Value', 'Budget', 'Verdict', 'Load (1/5/15)'],
        this.rows.map((r) => [r.metric, r.value, r.budget, r.verdict, r.load]),
        'text',
      ),
      '',
    ];
    console.log(lines.join('\n'));
    const [file] = writeResults(options.out, 'perf', { json: `${JSON.stringify(json, null, 2)}\n` });
    console.log(`JSON: ${path.relative(ROOT, file)}`);
  }
}
