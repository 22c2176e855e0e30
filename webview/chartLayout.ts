/**
 * Where the legend, the toolbox and the plot area go at the top of the chart, from the chart's width
 * and the legend's entries: the legend wraps inside the row left of the toolbox (never under it),
 * centred when it fits on one line, and pages with arrows once it would take more than
 * `MAX_LEGEND_LINES`; the plot area starts below its last line. Pure: test/unit/chartLayout.test.ts
 * checks that the boxes never overlap at any width.
 */

/**
 * The legend's sizes, set in the chart's option too (ECharts' defaults): an icon 25 × 14, 10 px
 * between items and between lines, 5 px padding; ECharts puts 5 px between an icon and its text.
 */
export const LEGEND_STYLE = { itemWidth: 25, itemHeight: 14, itemGap: 10, padding: 5 } as const;
/** The toolbox's: zoom, undo zoom and reset, 15 px icons 8 px apart, 5 px padding. */
export const TOOLBOX_STYLE = { itemSize: 15, itemGap: 8, padding: 5 } as const;
const TOOLBOX_ICONS = 3;
const ITEM_WIDTH = LEGEND_STYLE.itemWidth;
const ITEM_HEIGHT = LEGEND_STYLE.itemHeight;
const ICON_GAP = 5;
const ITEM_GAP = LEGEND_STYLE.itemGap;
const PADDING = LEGEND_STYLE.padding;
const EDGE = 8;
/** The toolbox's distance from the chart's right edge. */
export const TOOLBOX_RIGHT = EDGE;
/** Space kept between the legend and the toolbox (also room for ECharts drawing the icons a little wider). */
const SEPARATION = 24;
/** More lines than this and the legend becomes one line with page arrows. */
export const MAX_LEGEND_LINES = 3;
/** Between the legend's last line and the plot area (room for the y axis' top label). */
const GRID_GAP = 24;

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface LegendLayoutInput {
  /** The chart's width in CSS pixels. */
  readonly width: number;
  readonly names: readonly string[];
  readonly fontSize: number;
  /** Whether the toolbox is shown (exports have none). */
  readonly toolbox: boolean;
  /** Top of the legend (exports put a title above it). */
  readonly top: number;
  /** Width of a legend text in pixels; default: an estimate from the font size. */
  readonly measure?: (text: string) => number;
}

export interface LegendLayout {
  readonly type: 'plain' | 'scroll';
  /** The legend's box (ECharts' `left`, `top` and `width`, padding included). */
  readonly legend: Box;
  /** The toolbox's box; undefined without a toolbox. */
  readonly toolbox: Box | undefined;
  /** Top of the plot area. */
  readonly gridTop: number;
}

/** A generous estimate for a proportional font: wide enough that a wrapped line is never longer than thought. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

export function legendLayout({ width, names, fontSize, toolbox, top, measure }: LegendLayoutInput): LegendLayout {
  const textWidth = measure ?? ((text: string) => estimateTextWidth(text, fontSize));
  const { itemSize, itemGap, padding } = TOOLBOX_STYLE;
  const toolboxWidth = 2 * padding + TOOLBOX_ICONS * itemSize + (TOOLBOX_ICONS - 1) * itemGap;
  const toolboxBox = toolbox ? { left: width - TOOLBOX_RIGHT - toolboxWidth, top: Math.max(0, top - 4), width: toolboxWidth, height: 2 * padding + itemSize } : undefined;
  const right = toolboxBox ? toolboxBox.left - SEPARATION : width - EDGE;
  const available = Math.max(ITEM_WIDTH + 2 * PADDING, right - EDGE);
  const inner = available - 2 * PADDING;
  const lineHeight = Math.max(ITEM_HEIGHT, Math.ceil(fontSize * 1.2));
  const items = names.map((name) => Math.min(inner, ITEM_WIDTH + ICON_GAP + textWidth(name)));

  // ECharts' box layout: items left to right, a new line when the next one does not fit.
  const lines: number[] = [];
  for (const item of items) {
    const last = lines.pop();
    if (last === undefined) lines.push(item);
    else if (last + ITEM_GAP + item <= inner) lines.push(last + ITEM_GAP + item);
    else lines.push(last, item);
  }
  const scroll = lines.length > MAX_LEGEND_LINES;
  const shown = scroll ? 1 : Math.max(1, lines.length);
  const height = 2 * PADDING + shown * lineHeight + (shown - 1) * ITEM_GAP;
  // One line: centred in its row, as a short legend looks best. Wrapped or paged: the whole row.
  const oneLine = !scroll && lines.length <= 1;
  const boxWidth = oneLine ? Math.min(available, (lines[0] ?? 0) + 2 * PADDING) : available;
  const left = oneLine ? EDGE + Math.floor((available - boxWidth) / 2) : EDGE;
  const legend = { left, top, width: boxWidth, height };
  return { type: scroll ? 'scroll' : 'plain', legend, toolbox: toolboxBox, gridTop: top + height + GRID_GAP };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}
