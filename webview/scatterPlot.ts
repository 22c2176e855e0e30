/**
 * The ECharts scatter plot of a word's sense space.
 *
 * Renderer: Canvas on screen, SVG (server-side-rendering mode, no DOM) only for "Export SVG".
 * With "all" examples a word has thousands of points; canvas keeps hover, zoom and pan smooth and
 * gives PNG export directly (`getDataURL`), while an offscreen SVG instance fed the live option
 * (same legend selection and zoom window) yields a true vector file. Using SVG throughout would
 * instead need a canvas round trip for PNG and slows down with many points.
 */
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendPlainComponent,
  ToolboxComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { PlotData, PlotPoint } from '../src/senses/types';
import { axisTitle, groupBySense, kindLabel, type SenseGroup } from './plotModel';
import type { PlotTheme } from './theme';

use([
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendPlainComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  ToolboxComponent,
  CanvasRenderer,
  SVGRenderer,
]);

type PlotOption = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | ToolboxComponentOption
>;

/** Value of one ECharts data item: x, y, index into `PlotData.points`. */
type Item = [number, number, number];

const MARKERS = {
  train: { symbol: 'circle', size: 7, z: 2 },
  document: { symbol: 'diamond', size: 18, z: 4 },
  centroid: { symbol: 'triangle', size: 20, z: 3 },
} as const;

export class ScatterPlot {
  private readonly chart: EChartsType;
  private readonly resizeObserver: ResizeObserver;
  private data: PlotData | undefined;
  private groups: SenseGroup[] = [];
  private selected: Record<string, boolean> = {};

  constructor(
    private readonly container: HTMLElement,
    private theme: PlotTheme,
    /** Called when the user toggles a sense in the legend. */
    private readonly onLegendChange: (selected: Record<string, boolean>) => void,
  ) {
    this.chart = init(container, null, { renderer: 'canvas' });
    this.chart.on('legendselectchanged', (event) => {
      this.selected = { ...(event as { selected: Record<string, boolean> }).selected };
      this.onLegendChange(this.selected);
    });
    this.resizeObserver = new ResizeObserver(() => this.chart.resize());
    this.resizeObserver.observe(container);
  }

  /** Number of legend entries (senses) of the current plot. */
  get senseCount(): number {
    return this.groups.length;
  }

  render(data: PlotData, selected: Readonly<Record<string, boolean>> = {}): void {
    this.data = data;
    this.groups = groupBySense(data);
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

  toPngDataUrl(): string {
    return this.chart.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: this.theme.background,
      excludeComponents: ['toolbox', 'dataZoom'],
    });
  }

  toSvg(): string {
    const svgChart = init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: Math.max(this.container.clientWidth, 320),
      height: Math.max(this.container.clientHeight, 240),
    });
    try {
      const option = this.buildOption(this.currentZoom());
      svgChart.setOption({
        ...option,
        animation: false,
        toolbox: { show: false },
        dataZoom: (option.dataZoom as DataZoomComponentOption[]).map((dz) =>
          dz.type === 'slider' ? { ...dz, show: false } : dz,
        ),
      });
      return svgChart.renderToSVGString();
    } finally {
      svgChart.dispose();
    }
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.chart.dispose();
  }

  /** Current zoom window (percent) of each dataZoom, in option order. */
  private currentZoom(): { start?: number; end?: number }[] {
    const option = this.chart.getOption() as { dataZoom?: { start?: number; end?: number }[] };
    return (option.dataZoom ?? []).map(({ start, end }) => ({ start, end }));
  }

  private buildOption(zoom: readonly { start?: number; end?: number }[] = []): PlotOption {
    const data = this.data;
    if (!data) return {};
    const t = this.theme;
    const textStyle = { color: t.foreground, fontFamily: t.fontFamily, fontSize: t.fontSize };
    const axis = (component: 1 | 2) => ({
      type: 'value' as const,
      scale: true,
      name: axisTitle(component, data.explained[component - 1]),
      nameLocation: 'middle' as const,
      nameGap: component === 1 ? 28 : 40,
      nameTextStyle: { color: t.foreground, fontFamily: t.fontFamily, fontSize: t.fontSize },
      axisLine: { lineStyle: { color: t.muted } },
      axisLabel: { color: t.muted, fontFamily: t.fontFamily },
      splitLine: { lineStyle: { color: t.lines, opacity: 0.5 } },
    });
    const zoomAt = (i: number) => zoom[i] ?? {};
    return {
      backgroundColor: t.background,
      textStyle,
      animation: data.points.length < 3000,
      grid: { left: 64, right: 56, top: 48, bottom: 72 },
      xAxis: axis(1),
      yAxis: axis(2),
      legend: {
        type: 'plain',
        top: 8,
        left: 'center',
        textStyle: { color: t.foreground, fontFamily: t.fontFamily },
        inactiveColor: t.muted,
        selected: this.selected,
        data: this.groups.map((g) => ({ name: g.name, icon: 'circle' })),
      },
      tooltip: {
        trigger: 'item',
        confine: true,
        className: 'plot-tooltip',
        backgroundColor: t.tooltipBackground,
        borderColor: t.tooltipBorder,
        textStyle: { color: t.foreground, fontFamily: t.fontFamily },
        formatter: (params) => this.tooltip(params),
      },
      toolbox: {
        right: 8,
        top: 4,
        iconStyle: { borderColor: t.muted },
        emphasis: { iconStyle: { borderColor: t.foreground } },
        feature: { dataZoom: { title: { zoom: 'Zoom to area', back: 'Undo zoom' } }, restore: { title: 'Reset' } },
      },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none', ...zoomAt(0) },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none', ...zoomAt(1) },
        {
          type: 'slider',
          xAxisIndex: 0,
          filterMode: 'none',
          height: 18,
          bottom: 8,
          showDetail: false,
          borderColor: t.lines,
          textStyle: { color: t.muted },
          ...zoomAt(2),
        },
        {
          type: 'slider',
          yAxisIndex: 0,
          filterMode: 'none',
          width: 18,
          right: 12,
          showDetail: false,
          borderColor: t.lines,
          textStyle: { color: t.muted },
          ...zoomAt(3),
        },
      ],
      series: this.groups.flatMap((g, i) => this.series(data.points, g, t.palette[i % t.palette.length] ?? t.foreground)),
    };
  }

  private series(points: readonly PlotPoint[], group: SenseGroup, color: string): ScatterSeriesOption[] {
    const t = this.theme;
    const items = (indexes: readonly number[]): Item[] =>
      indexes.flatMap((i) => {
        const p = points[i];
        return p ? [[p.x, p.y, i] satisfies Item] : [];
      });
    const base = { type: 'scatter' as const, name: group.name, encode: { x: 0, y: 1 } };
    return [
      {
        ...base,
        ...sym('train'),
        data: items(group.train),
        itemStyle: { color, opacity: 0.6 },
        emphasis: { scale: 1.6, itemStyle: { opacity: 1 } },
        large: group.train.length > 5000,
      },
      {
        ...base,
        ...sym('centroid'),
        data: items(group.centroid),
        itemStyle: { color, borderColor: t.foreground, borderWidth: 1.5, opacity: 1 },
      },
      {
        ...base,
        ...sym('document'),
        data: items(group.document),
        itemStyle: { color, borderColor: t.foreground, borderWidth: 2, opacity: 1, shadowBlur: 6, shadowColor: t.background },
      },
    ];
  }

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
    kind.textContent = kindLabel(point.kind);
    if (point.sentence) {
      const sentence = root.appendChild(document.createElement('div'));
      sentence.className = 'tt-sentence';
      sentence.textContent = point.sentence;
    }
    return root;
  }
}

function sym(kind: keyof typeof MARKERS): Pick<ScatterSeriesOption, 'symbol' | 'symbolSize' | 'z'> {
  const m = MARKERS[kind];
  return { symbol: m.symbol, symbolSize: m.size, z: m.z };
}
