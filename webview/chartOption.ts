/**
 * The ECharts option of a sense plot and its SVG rendering. No DOM: the on-screen chart
 * (scatterPlot.ts) and the exports use it, and test/unit/plotExport.test.ts renders real SVG in Node.
 */
import { init, use, type ComposeOption } from 'echarts/core';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { PlotData, PlotPoint } from '../src/shared/engineProtocol';
import { LEGEND_STYLE, legendLayout, TOOLBOX_RIGHT, TOOLBOX_STYLE, type LegendLayout } from './chartLayout';
import { axisTitle, senseColor, type SenseGroup } from './plotModel';

use([
  ScatterChart,
  GridComponent,
  TitleComponent,
  TooltipComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  ToolboxComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type PlotOption = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | ToolboxComponentOption
>;

/** Chart colours and font, read from VS Code's theme by theme.ts. */
export interface PlotTheme {
  readonly foreground: string;
  readonly background: string;
  readonly muted: string;
  readonly lines: string;
  readonly tooltipBackground: string;
  readonly tooltipBorder: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** One colour per sense, in order. */
  readonly palette: readonly string[];
  readonly dark: boolean;
}

/** Value of one ECharts data item: x, y, index into `PlotData.points`. */
type Item = [number, number, number];

/** Zoom window (percent) of each dataZoom, in option order. */
export type Zoom = readonly { start?: number; end?: number }[];

const MARKERS = {
  train: { symbol: 'circle', size: 7, z: 2 },
  // Drawn over the sense vector's triangle, which sits on it when the ranking uses glosses alone.
  gloss: { symbol: 'rect', size: 9, z: 4 },
  /** A taught example (`source: 'taught'`): its own marker, so people see whether their senses separate. */
  taught: { symbol: 'roundRect', size: 10, z: 2 },
  document: { symbol: 'diamond', size: 18, z: 5 },
  // Above every other marker: a centroid sits among its sense's points (at their mean), where a
  // point or an occurrence would otherwise hide it.
  centroid: { symbol: 'triangle', size: 20, z: 6 },
} as const;

export interface PlotOptionInput {
  readonly data: PlotData;
  readonly groups: readonly SenseGroup[];
  readonly theme: PlotTheme;
  /** Legend selection by sense name. */
  readonly selected?: Readonly<Record<string, boolean>>;
  readonly zoom?: Zoom;
  /** The chart's width in CSS pixels: the legend wraps to it, left of the toolbox. */
  readonly width: number;
  /** Width of a legend text in pixels (the page measures with its font); default: an estimate. */
  readonly measure?: (text: string) => number;
  /** Tooltip content of a hovered item (on screen only). */
  readonly tooltip?: TooltipComponentOption['formatter'];
}

export function plotOption({ data, groups, theme: t, selected = {}, zoom = [], width, measure, tooltip }: PlotOptionInput): PlotOption {
  const fontFamily = cssFontFamily(t.fontFamily);
  const layout = legendLayout({ width, names: groups.map((g) => g.name), fontSize: t.fontSize, toolbox: true, top: LEGEND_TOP, measure });
  const axis = (component: 1 | 2) => ({
    type: 'value' as const,
    scale: true,
    name: axisTitle(data.projection.method, component, data.explained?.[component - 1]),
    nameLocation: 'middle' as const,
    nameGap: component === 1 ? 28 : 40,
    nameTextStyle: { color: t.foreground, fontFamily, fontSize: t.fontSize },
    axisLine: { lineStyle: { color: t.muted } },
    axisLabel: { color: t.muted, fontFamily },
    splitLine: { lineStyle: { color: t.lines, opacity: 0.5 } },
  });
  const zoomAt = (i: number) => zoom[i] ?? {};
  return {
    backgroundColor: t.background,
    textStyle: { color: t.foreground, fontFamily, fontSize: t.fontSize },
    animation: data.points.length < 3000,
    grid: { left: 64, right: 56, top: layout.gridTop, bottom: 72 },
    xAxis: axis(1),
    yAxis: axis(2),
    legend: {
      ...legendPlace(layout),
      textStyle: { color: t.foreground, fontFamily, fontSize: t.fontSize },
      inactiveColor: t.muted,
      pageIconColor: t.foreground,
      pageIconInactiveColor: t.muted,
      pageTextStyle: { color: t.muted },
      selected: { ...selected },
      data: groups.map((g) => ({ name: g.name, icon: 'circle' })),
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      className: 'plot-tooltip',
      backgroundColor: t.tooltipBackground,
      borderColor: t.tooltipBorder,
      textStyle: { color: t.foreground, fontFamily },
      ...(tooltip ? { formatter: tooltip } : {}),
    },
    toolbox: {
      ...TOOLBOX_STYLE,
      // From the right edge: given a `left`, ECharts wraps the icons into the width left of it.
      right: TOOLBOX_RIGHT,
      top: layout.toolbox?.top,
      iconStyle: { borderColor: t.muted },
      emphasis: { iconStyle: { borderColor: t.foreground } },
      feature: { dataZoom: { title: { zoom: 'Zoom to area', back: 'Undo zoom' } }, restore: { title: 'Reset' } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', ...zoomAt(0) },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none', ...zoomAt(1) },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 18, bottom: 8, showDetail: false, borderColor: t.lines, textStyle: { color: t.muted }, ...zoomAt(2) },
      { type: 'slider', yAxisIndex: 0, filterMode: 'none', width: 18, right: 12, showDetail: false, borderColor: t.lines, textStyle: { color: t.muted }, ...zoomAt(3) },
    ],
    series: groups.flatMap((g, i) => series(data.points, g, senseColor(i, t.palette, t.dark), t)),
  };
}

/**
 * The option of an exported image: a title saying what it shows (the word, then a subtitle with
 * projection, layers, pooling, examples per sense and model, wrapped to `width`), no toolbox or zoom sliders,
 * no animation. `title` is `exportTitle`'s "word · details".
 */
export function exportOption(option: PlotOption, title: string, theme: PlotTheme, width: number, measure?: (text: string) => number): PlotOption {
  const fontFamily = cssFontFamily(theme.fontFamily);
  const zooms = (option.dataZoom ?? []) as DataZoomComponentOption[];
  const [text = title, ...details] = title.split(' · ');
  const legend = option.legend as LegendComponentOption;
  const names = ((legend.data ?? []) as { name: string }[]).map((d) => d.name);
  const layout = legendLayout({ width, names, fontSize: theme.fontSize, toolbox: false, top: EXPORT_LEGEND_TOP, measure });
  return {
    ...option,
    animation: false,
    title: {
      text,
      subtext: details.join(' · '),
      left: 'center',
      top: 6,
      textStyle: { color: theme.foreground, fontFamily, fontSize: theme.fontSize + 2, fontWeight: 'bold' },
      subtextStyle: { color: theme.muted, fontFamily, fontSize: theme.fontSize - 1, width: Math.max(120, width - 32), overflow: 'break' },
    },
    legend: { ...legend, ...legendPlace(layout) },
    grid: { ...(option.grid as GridComponentOption), top: layout.gridTop, bottom: 48 },
    toolbox: { show: false },
    dataZoom: zooms.map((dz) => (dz.type === 'slider' ? { ...dz, show: false } : dz)),
  };
}

/** Top of the legend on screen, and in an export (below its title and subtitle). */
const LEGEND_TOP = 8;
const EXPORT_LEGEND_TOP = 66;

/** ECharts' legend position from the layout: its `width` is the content's, inside the padding. */
function legendPlace({ type, legend }: LegendLayout): LegendComponentOption & { type: 'plain' | 'scroll' } {
  return { type, ...LEGEND_STYLE, left: legend.left, top: legend.top, width: legend.width - 2 * LEGEND_STYLE.padding };
}

/** A standalone SVG file of `option` (ECharts' server-side rendering: no DOM needed). */
export function renderSvg(option: PlotOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${chart.renderToSVGString()}`;
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts writes the font family unescaped into `style="…"` attributes of its SVG, so a family in
 * double quotes (VS Code's `system-ui, "Ubuntu", …`) ends the attribute and the file is not XML.
 * Single quotes mean the same in CSS.
 */
export function cssFontFamily(family: string): string {
  return family.replace(/"/g, "'").replace(/[<>&]/g, '');
}

function series(points: readonly PlotPoint[], group: SenseGroup, color: string, t: PlotTheme): ScatterSeriesOption[] {
  const items = (indexes: readonly number[]): Item[] =>
    indexes.flatMap((i) => {
      const p = points[i];
      return p ? [[p.x, p.y, i] satisfies Item] : [];
    });
  const base = { type: 'scatter' as const, name: group.name, encode: { x: 0, y: 1 } };
  const taught = group.train.filter((i) => points[i]?.source === 'taught');
  const dataset = taught.length === 0 ? group.train : group.train.filter((i) => points[i]?.source !== 'taught');
  return [
    {
      ...base,
      ...sym('train'),
      data: items(dataset),
      itemStyle: { color, opacity: 0.6 },
      emphasis: { scale: 1.6, itemStyle: { opacity: 1 } },
      large: dataset.length > 5000,
    },
    { ...base, ...sym('taught'), data: items(taught), itemStyle: { color, borderColor: t.foreground, borderWidth: 1, opacity: 0.85 } },
    { ...base, ...sym('centroid'), data: items(group.centroid), itemStyle: { color, borderColor: t.foreground, borderWidth: 1.5, opacity: 1 } },
    { ...base, ...sym('gloss'), data: items(group.gloss), itemStyle: { color, borderColor: t.background, borderWidth: 1.5, opacity: 1 } },
    {
      ...base,
      ...sym('document'),
      data: items(group.document),
      itemStyle: { color, borderColor: t.foreground, borderWidth: 2, opacity: 1, shadowBlur: 6, shadowColor: t.background },
    },
  ];
}

function sym(kind: keyof typeof MARKERS): Pick<ScatterSeriesOption, 'symbol' | 'symbolSize' | 'z'> {
  const m = MARKERS[kind];
  return { symbol: m.symbol, symbolSize: m.size, z: m.z };
}
