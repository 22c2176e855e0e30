/**
 * The top row of the plot: the legend never overlaps the toolbox, at any width and with any number of
 * senses; it wraps, then pages, and the plot area starts below it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTextWidth, legendLayout, MAX_LEGEND_LINES, overlaps } from '../../webview/chartLayout';

const SENSES = ['bank (geography)', 'bank (finance)', 'bank (aviation)', 'bank (taught: a store of blood for transfusions)', 'bank (taught: a mass of snow)', 'bank (taught: a row of keys)'];
const WORDNET = Array.from({ length: 12 }, (_, i) => `noun ${i + 1}: a long WordNet gloss number ${i + 1}`);

describe('legendLayout', () => {
  it('keeps the legend clear of the toolbox and above the plot area, from 240 to 1600 px, for 1 to 12 entries', () => {
    for (let width = 240; width <= 1600; width += 20) {
      for (const names of [...SENSES.map((_, n) => SENSES.slice(0, n + 1)), WORDNET]) {
        const layout = legendLayout({ width, names, fontSize: 13, toolbox: true, top: 8 });
        const what = `${width} px, ${names.length} entries`;
        assert.ok(layout.toolbox, what);
        assert.equal(overlaps(layout.legend, layout.toolbox), false, `${what}: ${JSON.stringify(layout)}`);
        assert.ok(layout.legend.left >= 0 && layout.legend.left + layout.legend.width <= layout.toolbox.left, `${what}: the legend ends left of the toolbox`);
        assert.ok(layout.toolbox.left + layout.toolbox.width <= width, `${what}: the toolbox is inside the chart`);
        assert.ok(layout.gridTop >= layout.legend.top + layout.legend.height, `${what}: the plot starts below the legend`);
      }
    }
  });

  it('centres a legend of one line, wraps a longer one and pages past its line limit', () => {
    const short = legendLayout({ width: 1200, names: SENSES.slice(0, 2), fontSize: 13, toolbox: true, top: 8 });
    assert.equal(short.type, 'plain');
    assert.ok(short.legend.left > 100, `centred: ${short.legend.left}`);
    const wrapped = legendLayout({ width: 500, names: SENSES.slice(0, 4), fontSize: 13, toolbox: true, top: 8 });
    assert.equal(wrapped.type, 'plain');
    assert.ok(wrapped.legend.height > short.legend.height, 'more lines, a taller legend');
    assert.ok(wrapped.gridTop > short.gridTop, 'and the plot starts lower');
    const paged = legendLayout({ width: 500, names: WORDNET, fontSize: 13, toolbox: true, top: 8 });
    assert.equal(paged.type, 'scroll');
    assert.equal(paged.legend.height, short.legend.height, 'a paged legend takes one line');
  });

  it('wraps as the measured text says: wider text, more lines, up to the limit', () => {
    const lines = (scale: number) => {
      const layout = legendLayout({ width: 800, names: SENSES.slice(0, 4), fontSize: 13, toolbox: true, top: 8, measure: (t) => estimateTextWidth(t, 13) * scale });
      return layout.type === 'scroll' ? MAX_LEGEND_LINES + 1 : layout.legend.height;
    };
    assert.ok(lines(0.5) < lines(1.5), 'wider text takes more room');
  });

  it('without a toolbox (exports) the legend may take the whole row', () => {
    const layout = legendLayout({ width: 640, names: SENSES, fontSize: 13, toolbox: false, top: 66 });
    assert.equal(layout.toolbox, undefined);
    assert.ok(layout.legend.left + layout.legend.width > 600);
    assert.ok(layout.gridTop > 66);
  });
});
