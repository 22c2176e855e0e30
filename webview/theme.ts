/**
 * Chart colours from VS Code's theme variables. Canvas cannot use `var(--…)`, so the values are read
 * once per theme and re-read when VS Code switches theme (it changes the body class and the
 * variables on <html>).
 */

import type { PlotTheme } from './chartOption';

export type { PlotTheme };

/** Palette variables first, then fallbacks for >6 senses and for pages outside VS Code. */
const PALETTE_VARS = ['blue', 'red', 'green', 'yellow', 'orange', 'purple'].map((c) => `--vscode-charts-${c}`);
const FALLBACK_DARK = ['#3794ff', '#f14c4c', '#89d185', '#cca700', '#d18616', '#b180d7'];
const FALLBACK_LIGHT = ['#1a85ff', '#e51400', '#388a34', '#bf8803', '#d18616', '#652d90'];
const EXTRA = ['#4ec9b0', '#c586c0', '#9cdcfe', '#ce9178'];

export function readTheme(): PlotTheme {
  const rootStyle = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  const css = (name: string): string =>
    rootStyle.getPropertyValue(name).trim() || bodyStyle.getPropertyValue(name).trim();
  const cls = document.body.classList;
  const dark = !(cls.contains('vscode-light') || cls.contains('vscode-high-contrast-light'));
  const fallback = dark ? FALLBACK_DARK : FALLBACK_LIGHT;
  const foreground = css('--vscode-foreground') || (dark ? '#cccccc' : '#3b3b3b');
  const background = css('--vscode-editor-background') || (dark ? '#1f1f1f' : '#ffffff');
  return {
    foreground,
    background,
    muted: css('--vscode-descriptionForeground') || foreground,
    lines: css('--vscode-charts-lines') || (dark ? 'rgba(204,204,204,0.25)' : 'rgba(0,0,0,0.15)'),
    tooltipBackground: css('--vscode-editorHoverWidget-background') || background,
    tooltipBorder: css('--vscode-editorHoverWidget-border') || css('--vscode-widget-border') || foreground,
    fontFamily: css('--vscode-font-family') || 'system-ui, sans-serif',
    fontSize: Number.parseFloat(css('--vscode-font-size')) || 13,
    palette: [...PALETTE_VARS.map((v, i) => css(v) || fallback[i] || '#888888'), ...EXTRA],
    dark,
  };
}

/** Calls `onChange` whenever VS Code changes theme; returns a function that stops watching. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
