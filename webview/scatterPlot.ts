/**
 * The ECharts scatter plot of a word's sense space.
 *
 * Renderer: Canvas on screen, SVG (server-side-rendering mode, no DOM) only for "Export SVG".
 * With "all" examples a word has thousands of points; canvas keeps hover, zoom and pan smooth and
 * gives PNG export directly (`getDataURL`), while an offscreen SVG instance fed the live option
 * (same legend selection and zoom window) yields a true vector file. Using SVG throughout would
 * instead need a canvas round trip for PNG and slows down with many points.
 */
import { init, type EChartsType } from 'echarts/core';
import type { PlotData } from '../src/shared/engineProtocol';
import { detokenize } from '../src/shared/detokenize';
import { estimateTextWidth } from './chartLayout';
import { exportOption, plotOption, renderSvg, type PlotOption, type Zoom } from './chartOption';
import { glossBySense, groupBySense, kindLabel, locationName, type SenseGroup } from './plotModel';
import type { PlotTheme } from './theme';

export class ScatterPlot {
  private readonly chart: EChartsType;
  private readonly resizeObserver: ResizeObserver;
  private data: PlotData | undefined;
  private groups: SenseGroup[] = [];
  private glosses = new Map<string, string>();
  private selected: Record<string, boolean> = {};
  private context: CanvasRenderingContext2D | undefined;

  constructor(
    private readonly container: HTMLElement,
    private theme: PlotTheme,
    /** Called when the user toggles a sense in the legend. */
    private readonly onLegendChange: (selected: Record<string, boolean>) => void,
    /** Called with the index of a clicked point that has a file to open. */
    private readonly onOpen: (point: number) => void,
  ) {
    this.chart = init(container, null, { renderer: 'canvas' });
    this.chart.on('click', (event) => {
      const { value } = event as { value?: unknown };
      const index = Array.isArray(value) ? Number(value[2]) : NaN;
      if (this.data?.points[index]?.location) this.onOpen(index);
    });
    this.chart.on('legendselectchanged', (event) => {
      this.selected = { ...(event as { selected: Record<string, boolean> }).selected };
      this.onLegendChange(this.selected);
    });
    // The legend wraps to the width: a resize lays the top row out again.
    this.resizeObserver = new ResizeObserver(() => {
      this.chart.resize();
      if (!this.data) return;
      const { legend, grid, toolbox } = this.buildOption(this.currentZoom());
      this.chart.setOption({ legend, grid, toolbox });
    });
    this.resizeObserver.observe(container);
  }

  /** Number of legend entries (senses) of the current plot. */
  get senseCount(): number {
    return this.groups.length;
  }

  render(data: PlotData, selected: Readonly<Record<string, boolean>> = {}): void {
    this.data = data;
    this.groups = groupBySense(data);
    this.glosses = glossBySense(data);
    const names = new Set(this.groups.map((g) => g.name));
    this.selected = Object.fromEntries(Object.entries(selected).filter(([name]) => names.has(name)));
    this.chart.setOption(this.buildOption(), { notMerge: true });
  }

  /** Re-colours the plot, keeping legend selection and zoom. */
  setTheme(theme: PlotTheme): void {
    this.theme = theme;
    if (!this.data) return;
    const zoom = this.currentZoom();
    this.chart.setOption(this.buildOption(zoom), { notMerge: true });
  }

  /** PNG of the plot with `title` above it, at twice the pixel density (a data URL). */
  toPngDataUrl(title: string): string {
    const { width, height } = this.size();
    const host = document.createElement('div');
    const chart = init(host, null, { renderer: 'canvas', width, height });
    try {
      chart.setOption(exportOption(this.buildOption(this.currentZoom()), title, this.theme, width, this.measure));
      return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: this.theme.background });
    } finally {
      chart.dispose();
    }
  }

  /** A true vector file of what is shown (legend selection and zoom), with `title` above it. */
  toSvg(title: string): string {
    const { width, height } = this.size();
    return renderSvg(exportOption(this.buildOption(this.currentZoom()), title, this.theme, width, this.measure), width, height);
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(this.container.clientWidth, 320), height: Math.max(this.container.clientHeight, 240) };
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.chart.dispose();
  }

  /** Current zoom window (percent) of each dataZoom, in option order. */
  private currentZoom(): Zoom {
    const option = this.chart.getOption() as { dataZoom?: { start?: number; end?: number }[] };
    return (option.dataZoom ?? []).map(({ start, end }) => ({ start, end }));
  }

  private buildOption(zoom: Zoom = []): PlotOption {
    if (!this.data) return {};
    const width = this.chart.getWidth();
    return plotOption({ data: this.data, groups: this.groups, theme: this.theme, selected: this.selected, zoom, width, measure: this.measure, tooltip: (p) => this.tooltip(p) });
  }

  /** A legend text's width in the theme's font, as the canvas draws it. */
  private readonly measure = (text: string): number => {
    this.context ??= document.createElement('canvas').getContext('2d') ?? undefined;
    if (!this.context) return estimateTextWidth(text, this.theme.fontSize);
    this.context.font = `${this.theme.fontSize}px ${this.theme.fontFamily}`;
    return Math.ceil(this.context.measureText(text).width);
  };

  /** Tooltip as DOM nodes built with textContent: sentences never become HTML. */
  private tooltip(params: unknown): HTMLElement {
    const { value, color } = (Array.isArray(params) ? params[0] : params) as { value?: unknown; color?: unknown };
    const index = Array.isArray(value) ? Number(value[2]) : NaN;
    const point = this.data?.points[index];
    const root = document.createElement('div');
    root.className = 'tt';
    if (!point) return root;
    const head = root.appendChild(document.createElement('div'));
    head.className = 'tt-head';
    const swatch = head.appendChild(document.createElement('span'));
    swatch.className = `tt-swatch tt-${point.kind}`;
    if (typeof color === 'string') swatch.style.backgroundColor = color; // CSSOM: allowed by the CSP
    head.appendChild(document.createElement('strong')).textContent = point.label;
    const kind = root.appendChild(document.createElement('div'));
    kind.className = 'tt-kind';
    kind.textContent = `${kindLabel(point.kind, this.data?.inventory, point.source)} · ${point.sense}`;
    const gloss = this.glosses.get(point.sense);
    // A gloss point's sentence is the gloss itself.
    if (gloss && point.kind !== 'gloss') {
      const definition = root.appendChild(document.createElement('div'));
      definition.className = 'tt-gloss';
      definition.textContent = gloss;
    }
    if (point.sentence) {
      const sentence = root.appendChild(document.createElement('div'));
      sentence.className = 'tt-sentence';
      // Dataset sentences are tokenised (`in java .`): shown as people write them.
      const dataset = point.kind === 'train' && this.data?.inventory !== 'wordnet' && point.source !== 'taught';
      sentence.textContent = dataset ? detokenize(point.sentence).text : point.sentence;
    }
    if (point.location) {
      const where = root.appendChild(document.createElement('div'));
      where.className = 'tt-kind';
      where.textContent = `${locationName(point.location)} · click to open`;
    }
    return root;
  }
}
