/**
 * "Plot Senses" webview: builds the page, talks to the host (src/vscode/panels/SensePlotPanel.ts)
 * through validated messages and keeps its view state with setState.
 *
 * Test hooks on #chart: data-state ("loading" | "ready" | "error"), data-points, data-senses.
 * No data ever goes through innerHTML: everything shown is set with textContent.
 */
import './styles.css';
import { isHostMessage, type ExportFormat, type HostMessage, type PlotControls } from '../src/shared/webviewMessages';
import type { PlotData } from '../src/senses/types';
import { Controls } from './controls';
import { buildCsv, exportTitle, plotSummary, groupBySense } from './plotModel';
import { ScatterPlot } from './scatterPlot';
import { readTheme, watchTheme } from './theme';
import { vscode } from './vscodeApi';

type ViewState = 'loading' | 'ready' | 'error';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: HTMLElement): HTMLElementTagNameMap[K] {
  const el = parent.appendChild(document.createElement(tag));
  el.className = className;
  return el;
}

// ---- page ----
const header = element('header', 'controls', document.body);
header.id = 'controls';
const key = element('div', 'key', document.body);
key.id = 'key';
for (const [cls, text] of [
  ['key-train', 'training example'],
  ['key-document', 'in this document'],
  ['key-centroid', 'sense centroid'],
] as const) {
  const item = element('span', `key-item ${cls}`, key);
  element('span', 'key-marker', item);
  element('span', 'key-text', item).textContent = text;
}
const status = element('div', 'status', document.body);
status.id = 'status';
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const chartElement = element('div', 'chart', document.body);
chartElement.id = 'chart';

// ---- state ----
let data: PlotData | undefined;
/** The model of the shown plot, for the title of exported images. */
let model = '';

const plot = new ScatterPlot(chartElement, readTheme(), (selected) => {
  if (!data) return;
  const legend = { ...vscode.getState().legend, [data.word]: selected };
  vscode.updateState({ legend });
});
watchTheme(() => plot.setTheme(readTheme()));

const controls = new Controls(
  header,
  (next: PlotControls) => {
    vscode.updateState({ controls: next });
    setViewState('loading', `Computing the senses of “${next.word}”…`);
    vscode.postMessage({ type: 'controls', controls: next });
  },
  (format) => exportPlot(format),
);
controls.setExportEnabled(false);

function setViewState(state: ViewState, message: string): void {
  chartElement.dataset.state = state;
  document.body.dataset.state = state;
  status.textContent = message;
  status.classList.toggle('error', state === 'error');
  controls.setExportEnabled(state === 'ready' && data !== undefined);
}

function showPlot(next: PlotData, shown: PlotControls, nextModel: string): void {
  data = next;
  model = nextModel;
  const groups = groupBySense(next);
  plot.render(next, vscode.getState().legend?.[next.word] ?? {});
  chartElement.dataset.points = String(next.points.length);
  chartElement.dataset.senses = String(plot.senseCount);
  chartElement.dataset.word = next.word;
  controls.show(shown);
  vscode.updateState({ controls: shown });
  setViewState('ready', next.points.length === 0 ? `${next.word}: nothing to plot.` : plotSummary(next, groups));
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      controls.init(message.words, message.maxLayers, message.controls);
      vscode.updateState({ controls: message.controls });
      break;
    case 'loading':
      controls.show(message.controls);
      setViewState('loading', `Computing the senses of “${message.controls.word}”…`);
      break;
    case 'progress':
      if (chartElement.dataset.state === 'loading') status.textContent = message.message;
      break;
    case 'plot':
      showPlot(message.data, message.controls, message.model);
      break;
    case 'error':
      setViewState('error', message.message);
      break;
    default: {
      const never: never = message;
      console.warn('unhandled message', never);
    }
  }
}

function exportPlot(format: ExportFormat): void {
  if (!data) return;
  try {
    const title = exportTitle(data, model);
    const payload = format === 'csv' ? buildCsv(data.points, data.projection) : format === 'png' ? plot.toPngDataUrl(title) : plot.toSvg(title);
    vscode.postMessage({ type: 'export', format, data: payload });
  } catch (error) {
    status.textContent = `Export failed: ${error instanceof Error ? error.message : String(error)}`;
    status.classList.add('error');
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) handle(event.data);
  else console.warn('Ignored an invalid message from the host.');
});

setViewState('loading', 'Loading…');
vscode.postMessage({ type: 'ready' });
