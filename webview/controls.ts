/**
 * The toolbar above the plot: word, last-k layers, pooling, examples per sense, projection, export
 * buttons.
 * Built with @vscode-elements/elements (only the components used are imported).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { Pooling, ProjectionMethod } from '../src/shared/engineProtocol';
import { isProjectionMethod, PROJECTION_METHODS, projectionName } from '../src/shared/projections';
import type { ExportFormat, PlotControls } from '../src/shared/webviewMessages';
import { MAX_PER_SENSE_CHOICES, maxExamplesPerSenseLabel } from './plotModel';

interface Choice {
  readonly value: string;
  readonly label: string;
}

export class Controls {
  private readonly word: VscodeSingleSelect;
  private readonly layers: VscodeSingleSelect;
  private readonly pooling: VscodeSingleSelect;
  private readonly maxExamplesPerSense: VscodeSingleSelect;
  private readonly projection: VscodeSingleSelect;
  private readonly buttons: VscodeButton[] = [];
  private current: PlotControls | undefined;

  constructor(
    root: HTMLElement,
    private readonly onChange: (controls: PlotControls) => void,
    onExport: (format: ExportFormat) => void,
  ) {
    this.word = field(root, 'word', 'Word');
    this.layers = field(root, 'layers', 'Last k layers');
    this.pooling = field(root, 'pooling', 'Pooling');
    this.maxExamplesPerSense = field(root, 'max-per-sense', 'Examples per sense');
    this.projection = field(root, 'projection', 'Projection');
    this.word.combobox = false;
    for (const select of [this.word, this.layers, this.pooling, this.maxExamplesPerSense, this.projection]) {
      select.addEventListener('change', () => this.changed());
    }
    const exports = root.appendChild(document.createElement('div'));
    exports.className = 'exports';
    for (const format of ['png', 'svg', 'csv'] as const) {
      const button = exports.appendChild(document.createElement('vscode-button'));
      button.id = `export-${format}`;
      button.secondary = true;
      button.textContent = `Export ${format.toUpperCase()}`;
      button.addEventListener('click', () => onExport(format));
      this.buttons.push(button);
    }
  }

  /** Fills the choices (from the host's `init`) and shows `controls` without firing a change. */
  init(words: readonly string[], taught: readonly string[], maxLayers: number, controls: PlotControls): void {
    const wordList = words.includes(controls.word) || !controls.word ? words : [controls.word, ...words];
    setChoices(this.word, wordList.map((w) => ({ value: w, label: taught.includes(w) ? `${w} (taught)` : w })), controls.word);
    const layers = Array.from({ length: Math.max(1, maxLayers) }, (_, i) => String(i + 1));
    setChoices(this.layers, layers.map((v) => ({ value: v, label: v })), String(controls.layers));
    setChoices(
      this.pooling,
      [
        { value: 'sum', label: 'sum' },
        { value: 'mean', label: 'mean' },
      ],
      controls.pooling,
    );
    const caps = MAX_PER_SENSE_CHOICES.includes(controls.maxExamplesPerSense)
      ? MAX_PER_SENSE_CHOICES
      : [...MAX_PER_SENSE_CHOICES, controls.maxExamplesPerSense].sort((a, b) => (a || Infinity) - (b || Infinity));
    setChoices(this.maxExamplesPerSense, caps.map((n) => ({ value: String(n), label: maxExamplesPerSenseLabel(n) })), String(controls.maxExamplesPerSense));
    setChoices(this.projection, PROJECTION_METHODS.map((m) => ({ value: m, label: projectionName(m) })), projectionOf(controls));
    this.current = controls;
  }

  /** Shows `controls` (e.g. after the host changed the word) without firing a change. */
  show(controls: PlotControls): void {
    this.current = controls;
    this.word.value = controls.word;
    this.layers.value = String(controls.layers);
    this.pooling.value = controls.pooling;
    this.maxExamplesPerSense.value = String(controls.maxExamplesPerSense);
    this.projection.value = projectionOf(controls);
  }

  setExportEnabled(enabled: boolean): void {
    for (const button of this.buttons) button.disabled = !enabled;
  }

  private changed(): void {
    if (!this.current) return;
    const next: PlotControls = {
      word: this.word.value || this.current.word,
      layers: Number.parseInt(this.layers.value, 10) || this.current.layers,
      pooling: (this.pooling.value === 'mean' ? 'mean' : 'sum') satisfies Pooling,
      maxExamplesPerSense: Number.parseInt(this.maxExamplesPerSense.value, 10) || 0,
      projection: isProjectionMethod(this.projection.value) ? this.projection.value : projectionOf(this.current),
    };
    const c = this.current;
    if (
      next.word === c.word &&
      next.layers === c.layers &&
      next.pooling === c.pooling &&
      next.maxExamplesPerSense === c.maxExamplesPerSense &&
      next.projection === projectionOf(c)
    ) {
      return;
    }
    this.current = next;
    this.onChange(next);
  }
}

/** Controls without a projection (saved by an older version) mean PCA. */
function projectionOf(controls: PlotControls): ProjectionMethod {
  return controls.projection ?? 'pca';
}

function field(root: HTMLElement, id: string, label: string): VscodeSingleSelect {
  const wrapper = root.appendChild(document.createElement('div'));
  wrapper.className = 'field';
  const labelElement = wrapper.appendChild(document.createElement('vscode-label'));
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const select = wrapper.appendChild(document.createElement('vscode-single-select'));
  select.id = id;
  return select;
}

function setChoices(select: VscodeSingleSelect, choices: readonly Choice[], value: string): void {
  select.replaceChildren(
    ...choices.map((choice) => {
      const option = document.createElement('vscode-option');
      option.value = choice.value;
      option.textContent = choice.label;
      option.selected = choice.value === value;
      return option;
    }),
  );
  // The select picks up slotted options asynchronously; set the value once it has.
  void select.updateComplete.then(() => {
    select.value = value;
  });
}
