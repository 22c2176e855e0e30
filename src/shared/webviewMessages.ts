/**
 * Messages between the extension host and the "Plot Senses" webview.
 * Both sides validate what they receive with the guards below (the plot controls by the settings' rules).
 */
import type { OccurrenceLocation, PlotData, Pooling, ProjectionMethod } from './engineProtocol';
import { isProjectionMethod } from './projections';
import { invalidValue } from './settingRules';
import { MAX_WORD_LENGTH } from './words';

export interface PlotControls {
  readonly word: string;
  readonly layers: number;
  readonly pooling: Pooling;
  /** 0 = all training examples. */
  readonly maxExamplesPerSense: number;
  /** Layout of the plot; absent (state saved by an older version, settings defaults) = PCA. */
  readonly projection?: ProjectionMethod;
}

export type ExportFormat = 'csv' | 'png' | 'svg';

/**
 * Your occurrences in a plot (the analysed ones, or those of the document it was opened from; not
 * the workspace's, which their own store keeps): their places, which the page keeps in its state so
 * that a plot restored after a window reload finds them again in their documents.
 */
export interface SavedOccurrences {
  readonly word: string;
  /** The document the plot was opened from: another word picked in the restored plot takes its occurrences from it. */
  readonly document?: string;
  readonly places: readonly OccurrenceLocation[];
}

/** Host → webview. */
export type HostMessage =
  /** `taught`: the words of `words` that have taught senses only (labelled so in the word control). */
  | { readonly type: 'init'; readonly words: readonly string[]; readonly taught: readonly string[]; readonly maxLayers: number; readonly controls: PlotControls }
  | { readonly type: 'loading'; readonly controls: PlotControls }
  /** While loading: what the engine is doing, e.g. `ProgressText`'s "Laying out the plot with t-SNE (200/750)". */
  | { readonly type: 'progress'; readonly message: string }
  /**
   * `model`: the model setting (hub id or folder), named in the title of exported images. `note`: what
   * the status line adds (a cap that cut occurrences, yours that a reload could not find again).
   * `saved`: what the page keeps for a window reload.
   */
  | { readonly type: 'plot'; readonly data: PlotData; readonly controls: PlotControls; readonly model: string; readonly note?: string; readonly saved?: SavedOccurrences }
  | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'controls'; readonly controls: PlotControls }
  /** `data`: CSV text, SVG text, or a PNG data URL. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly data: string }
  /** Open the file of the plotted point `point` (an index into the plot's points) at its word. */
  | { readonly type: 'open'; readonly point: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isPlotControls(value: unknown): value is PlotControls {
  return (
    isRecord(value) &&
    typeof value.word === 'string' &&
    value.word.length <= MAX_WORD_LENGTH &&
    invalidValue('layers', value.layers) === undefined &&
    invalidValue('pooling', value.pooling) === undefined &&
    invalidValue('maxExamplesPerSense', value.maxExamplesPerSense) === undefined &&
    (value.projection === undefined || isProjectionMethod(value.projection))
  );
}

function isLocation(value: unknown): value is OccurrenceLocation {
  return isRecord(value) && typeof value.uri === 'string' && Number.isInteger(value.line) && (value.line as number) >= 0 && Number.isInteger(value.character) && (value.character as number) >= 0;
}

export function isSavedOccurrences(value: unknown): value is SavedOccurrences {
  return (
    isRecord(value) &&
    typeof value.word === 'string' &&
    value.word.length <= MAX_WORD_LENGTH &&
    (value.document === undefined || typeof value.document === 'string') &&
    Array.isArray(value.places) &&
    value.places.every(isLocation)
  );
}

const EXPORT_FORMATS: readonly string[] = ['csv', 'png', 'svg'] satisfies ExportFormat[];
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/** Whether `data` is plausible content for an export of `format` (the host writes it to disk). */
export function isExportData(format: ExportFormat, data: string): boolean {
  if (data.length > MAX_EXPORT_CHARS) return false;
  switch (format) {
    case 'csv':
      return true;
    case 'svg':
      return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data.slice(0, 512));
    case 'png':
      return PNG_DATA_URL.test(data);
    default: {
      const never: never = format;
      return never;
    }
  }
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'controls':
      return isPlotControls(value.controls);
    case 'export':
      return (
        typeof value.format === 'string' &&
        EXPORT_FORMATS.includes(value.format) &&
        typeof value.data === 'string' &&
        isExportData(value.format as ExportFormat, value.data)
      );
    case 'open':
      return Number.isInteger(value.point) && (value.point as number) >= 0;
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return (
        Array.isArray(value.words) &&
        value.words.every((w) => typeof w === 'string') &&
        Array.isArray(value.taught) &&
        value.taught.every((w) => typeof w === 'string') &&
        Number.isInteger(value.maxLayers) &&
        (value.maxLayers as number) >= 1 &&
        isPlotControls(value.controls)
      );
    case 'loading':
      return isPlotControls(value.controls);
    case 'progress':
      return typeof value.message === 'string' && value.message.length <= 500;
    case 'plot':
      return (
        isRecord(value.data) &&
        typeof value.data.word === 'string' &&
        Array.isArray(value.data.senses) &&
        Array.isArray(value.data.points) &&
        isRecord(value.data.projection) &&
        isProjectionMethod(value.data.projection.method) &&
        (value.data.explained === undefined || Array.isArray(value.data.explained)) &&
        isPlotControls(value.controls) &&
        typeof value.model === 'string' &&
        (value.note === undefined || (typeof value.note === 'string' && value.note.length <= 1_000)) &&
        (value.saved === undefined || isSavedOccurrences(value.saved))
      );
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}
