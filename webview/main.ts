/**
 * "Plot Senses" webview: builds the page, talks to the host (src/vscode/panels/SensePlotPanel.ts)
 * through validated messages and keeps its view state with setState.
 *
 * Test hooks on #chart: data-state ("loading" | "ready" | "error"), data-points, data-senses.
 * No data ever goes through innerHTML: everything shown is set with textContent.
 */
import './styles.css';
import { isHostMessage, type ExportFormat, type HostMessage, type PlotControls, type SavedOccurrences } from '../src/shared/webviewMessages';
import type { PlotData } from '../src/shared/engineProtocol';
import { Controls } from './controls';
import { buildCsv, exportTitle, kindLabel, plotSummary, groupBySense, locationName } from './plotModel';
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
const KEY_KINDS = ['train', 'gloss', 'centroid', 'document'] as const;
const keyItems = KEY_KINDS.map((kind) => {
  const item = element('span', `key-item key-${kind}`, key);
  element('span', 'key-marker', item);
  return { kind, item, text: element('span', 'key-text', item) };
});

/** The key names what the shown plot has: WordNet plots have gloss points and call examples so. */
function showKey(inventory: PlotData['inventory']): void {
  for (const { kind, item, text } of keyItems) {
    text.textContent = kindLabel(kind, inventory);
    item.hidden = kind === 'gloss' && inventory !== 'wordnet';
  }
}
showKey(undefined);
const status = element('div', 'status', document.body);
status.id = 'status';
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const chartElement = element('div', 'chart', document.body);
chartElement.id = 'chart';
// The plotted occurrences that have a file, as a list too: reachable by keyboard and screen readers.
const occurrenceList = element('details', 'occurrences', document.body);
occurrenceList.id = 'occurrences';
const occurrenceSummary = element('summary', 'occurrences-summary', occurrenceList);
const occurrenceItems = element('ol', 'occurrences-items', occurrenceList);

// ---- state ----
let data: PlotData | undefined;
/** The model of the shown plot, for the title of exported images. */
let model = '';

const openPoint = (point: number) => vscode.postMessage({ type: 'open', point });
const plot = new ScatterPlot(
  chartElement,
  readTheme(),
  (selected) => {
    if (!data) return;
    const legend = { ...vscode.getState().legend, [data.word]: selected };
    vscode.updateState({ legend });
  },
  openPoint,
);
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

function showPlot(next: PlotData, shown: PlotControls, nextModel: string, note: string | undefined, saved: SavedOccurrences | undefined): void {
  data = next;
  model = nextModel;
  const groups = groupBySense(next);
  showKey(next.inventory);
  plot.render(next, vscode.getState().legend?.[next.word] ?? {});
  chartElement.dataset.points = String(next.points.length);
  chartElement.dataset.senses = String(plot.senseCount);
  chartElement.dataset.word = next.word;
  showOccurrences(next);
  controls.show(shown);
  vscode.updateState({ controls: shown, saved });
  const summary = next.points.length === 0 ? `${next.word}: nothing to plot.` : plotSummary(next, groups);
  setViewState('ready', note ? `${summary}. ${note}.` : summary);
}

/** One button per plotted occurrence with a file: its place, sense and sentence. */
function showOccurrences(next: PlotData): void {
  const sourced = next.points.flatMap((p, i) => (p.location ? [{ point: p, index: i, location: p.location }] : []));
  occurrenceList.hidden = sourced.length === 0;
  occurrenceSummary.textContent = `Your occurrences (${sourced.length}): open one in its file`;
  occurrenceItems.replaceChildren(
    ...sourced.map(({ point, index, location }) => {
      const item = document.createElement('li');
      const button = item.appendChild(document.createElement('button'));
      button.className = 'occurrence';
      button.dataset.point = String(index);
      button.textContent = `${locationName(location)} · ${point.label} — ${point.sentence}`;
      button.addEventListener('click', () => openPoint(index));
      return item;
    }),
  );
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      controls.init(message.words, message.taught, message.maxLayers, message.controls);
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
      showPlot(message.data, message.controls, message.model, message.note, message.saved);
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
