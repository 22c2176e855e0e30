import assert from 'node:assert/strict';
import { LOW_CONFIDENCE } from '../../src/shared/confidence';
import { senseText } from '../../src/shared/senseLabels';
import { describe, it } from 'node:test';
import type { Classification } from '../../src/senses/types';
import { bar, commandUri, emphasiseTarget, escapeMarkdown, hoverMarkdown, plotLink } from '../../src/vscode/hoverMarkdown';

function classification(overrides: Partial<Classification> = {}): Classification {
  const geography = { sense: 'bank_bank_(geography)', label: 'bank (geography)', score: 0.81, examples: 120 };
  const finance = { sense: 'bank_bank_(finance)', label: 'bank (finance)', score: 0.64, examples: 200 };
  return {
    target: { word: 'bank', surface: 'bank', start: 10, end: 14 },
    context: 'We sat on the bank of the river.',
    contextStart: 14,
    contextEnd: 18,
    senses: [geography, finance],
    winner: geography,
    margin: 0.17,
    neighbours: [
      { sentence: 'The river bank was muddy.', targetStart: 10, targetEnd: 14, sense: geography.sense, label: geography.label, score: 0.9 },
      { sentence: 'Fish swam near the bank.', targetStart: 19, targetEnd: 23, sense: geography.sense, label: geography.label, score: 0.88 },
    ],
    vector: new Float32Array(4),
    options: { layers: 4, pooling: 'sum' },
    classifier: { method: 'centroid' },
    indexStage: 'full',
    ...overrides,
  } as Classification;
}

/** Markdown-significant characters left unescaped (a backslash before one makes it literal). */
function unescaped(md: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\') {
      i++;
      continue;
    }
    if (chars.includes(md[i]!)) found.push(md[i]!);
  }
  return found;
}

describe('escapeMarkdown', () => {
  it('escapes every markdown and HTML character', () => {
    const raw = '\\`*_{}[]()#+-.!|<>&~:$"\'=^%@/;,?';
    const escaped = escapeMarkdown(raw);
    assert.deepEqual(unescaped(escaped, raw), []);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), raw);
  });

  it('keeps a command link from forming', () => {
    const escaped = escapeMarkdown('[x](command:evil)');
    assert.equal(escaped, '\\[x\\]\\(command\\:evil\\)');
    assert.doesNotMatch(escaped, /(^|[^\\])\[/);
  });

  it('keeps HTML and entities literal', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('&amp;'), '\\&amp\\;');
  });

  it('turns line breaks into spaces so no block can start', () => {
    assert.equal(escapeMarkdown('a\n# heading\r\n    code\u2028x'), 'a \\# heading code x');
  });

  it('drops bidirectional overrides', () => {
    assert.equal(escapeMarkdown('ab\u202Ecd\u2066'), 'abcd');
  });

  it('breaks autolinks', () => {
    assert.equal(escapeMarkdown('https://evil.example'), 'https\\:\\/\\/evil\\.example');
  });
});

describe('hoverMarkdown', () => {
  it('starts with the word and the winning sense in italics', () => {
    const md = hoverMarkdown(classification());
    assert.equal(md.split('\n')[0], '**bank** → *bank \\(geography\\)*');
  });

  it('lists every sense with a bar and its cosine, the winner in bold', () => {
    const md = hoverMarkdown(classification());
    assert.match(md, /^- `▰▰▰▰▰▰▰▰▱▱ 0\.81` \*\*bank \\\(geography\\\)\*\* · 120 examples$/m);
    assert.match(md, /^- `▰▰▰▰▰▰▱▱▱▱ 0\.64` bank \\\(finance\\\) · 200 examples$/m);
  });

  it('gives the margin over the runner-up', () => {
    assert.match(hoverMarkdown(classification()), /^Margin 0\.17 over \*bank \\\(finance\\\)\*$/m);
  });

  it('lists the substitutes after the margin, escaped, and nothing when there are none', () => {
    const substitutes = [
      { word: 'shore', probability: 0.3 },
      { word: 'side', probability: 0.2 },
      { word: '[x](command:evil)', probability: 0.1 },
    ];
    const lines = hoverMarkdown(classification({ substitutes })).split('\n');
    const at = lines.indexOf('BERT would also say: shore, side, \\[x\\]\\(command\\:evil\\)');
    assert.ok(at > 0, lines.join('\n'));
    assert.match(lines[at - 2]!, /^Margin /);
    for (const none of [undefined, []]) assert.doesNotMatch(hoverMarkdown(classification({ substitutes: none })), /would also say/);
  });

  it('shows the nearest training sentences the engine sent, with the target in bold', () => {
    const md = hoverMarkdown(classification());
    assert.match(md, /^- The river \*\*bank\*\* was muddy\\\. — \*bank \\\(geography\\\)\* \(0\.90\)$/m);
    assert.match(md, /Fish swam near the \*\*bank\*\*\\\./);
  });

  it('names the vector setting', () => {
    assert.match(hoverMarkdown(classification()), /^Vector: last 4 layers, sum · cosine to each sense vector$/m);
    assert.match(hoverMarkdown(classification({ options: { layers: 1, pooling: 'mean' } })), /^Vector: last 1 layer, mean · /m);
    assert.match(
      hoverMarkdown(classification({ classifier: { method: 'knn', k: 5, weighted: false } })),
      /· votes of the 5 nearest examples$/m,
    );
  });

  it('says when the answer comes from the first few examples per sense or a sample, not the full index', () => {
    assert.match(hoverMarkdown(classification({ indexStage: 'first' })), /· first answer from a few examples per sense, more are being embedded$/m);
    assert.match(hoverMarkdown(classification({ indexStage: 'capped' })), /· from a sample of the training sentences$/m);
    assert.doesNotMatch(hoverMarkdown(classification()), /few examples|a sample/);
  });

  it('labels probe scores as probabilities and says when the centroid stood in for the probe', () => {
    const probe = hoverMarkdown(classification({ classifier: { method: 'probe' } }));
    assert.match(probe, /^Probability of each sense \(linear probe\):$/m);
    assert.match(probe, /· probabilities of the linear probe$/m);
    const standIn = hoverMarkdown(classification({ requested: { method: 'probe' } }));
    assert.doesNotMatch(standIn, /Probability of each sense/);
    assert.match(standIn, /· cosine to each sense vector \(the probe is still training\)$/m);
    assert.doesNotMatch(hoverMarkdown(classification()), /still training/);
  });

  it('puts the plot link right under the answer (long hovers are cut at the bottom), with the word as argument', () => {
    const md = hoverMarkdown(classification());
    const lines = md.split('\n');
    const line = lines.findIndex((l) => l.includes('[Plot senses of'));
    assert.equal(line, 2, md);
    assert.ok(lines[line].endsWith(`[Plot senses of 'bank'](command:bertWordSense.plotSenses?%5B%22bank%22%5D "CoarseWSD-20 sense bank_bank_(geography)")`), lines[line]);
    const query = /\?([^) ]*)[ )]/.exec(lines[line])![1]!;
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), ['bank']);
  });

  it("describes the winning sense; the dataset's sense id is only the plot link's tooltip", () => {
    const md = hoverMarkdown(classification());
    const [, , line] = md.split('\n');
    const sense = classification().winner.sense;
    const text = senseText(sense);
    assert.ok(text, sense);
    assert.ok(line.startsWith(escapeMarkdown(text.description)), line);
    // What the hover shows (link titles are tooltips) has labels only, no id in any escaping.
    const shown = md.replace(/ "[^"]*"\)/g, ')').replace(/\\(.)/g, '$1');
    for (const id of ['bank_bank_(geography)', 'bank_bank_(finance)']) assert.ok(!shown.includes(id), shown);
    assert.ok(md.includes('"CoarseWSD-20 sense bank_bank_(geography)"'), md);
    const taught = { sense: 'river-bank', label: 'bank (of a river)', score: 0.9, examples: 3, source: 'taught' as const };
    assert.doesNotMatch(hoverMarkdown(classification({ senses: [taught], winner: taught })), /river-bank/);
  });

  it('shows the dataset sentences of the neighbours as people write them, taught ones as they are', () => {
    const sentence = "we walked along the bank , by the river 's edge .";
    const start = sentence.indexOf('bank');
    const geography = classification().winner;
    const neighbour = { sentence, targetStart: start, targetEnd: start + 4, sense: geography.sense, label: geography.label, score: 0.9 };
    const md = hoverMarkdown(classification({ neighbours: [neighbour, { ...neighbour, source: 'taught', sentence: 'a bank , here', targetStart: 2, targetEnd: 6 }] }));
    assert.ok(md.includes(`- we walked along the **bank**${escapeMarkdown(", by the river's edge.")} — `), md);
    assert.ok(md.includes(`- a **bank** ${escapeMarkdown(',')} here — `), md);
  });

  it('says plainly when the answer is weak: probe probability or margin under the threshold', () => {
    const low = /^\*\*Low confidence:\*\* none of the dataset's senses fits well/m;
    const probe = (score: number, margin: number) => {
      const base = classification();
      const winner = { ...base.winner, score };
      return hoverMarkdown(classification({ classifier: { method: 'probe' }, winner, senses: [winner, base.senses[1]!], margin }));
    };
    assert.match(probe(LOW_CONFIDENCE.probe.probability - 0.01, 0.5), low);
    assert.match(probe(0.95, LOW_CONFIDENCE.probe.margin - 0.01), low);
    assert.doesNotMatch(probe(LOW_CONFIDENCE.probe.probability + 0.01, LOW_CONFIDENCE.probe.margin + 0.01), /Low confidence/);
    assert.match(hoverMarkdown(classification({ margin: LOW_CONFIDENCE.centroid.margin / 2 })), low);
    assert.doesNotMatch(hoverMarkdown(classification({ margin: LOW_CONFIDENCE.centroid.margin * 2 })), /Low confidence/);
    const knn = (margin: number) => hoverMarkdown(classification({ classifier: { method: 'knn', k: 5, weighted: false }, margin }));
    assert.match(knn(0), low);
    assert.doesNotMatch(knn(0.4), /Low confidence/);
  });

  it('renders injected dataset text as plain text', () => {
    const evil = '[x](command:workbench.action.terminal.new) <img src=x> **b** `c`';
    const md = hoverMarkdown(
      classification({
        neighbours: [{ sentence: `${evil} bank ${evil}`, targetStart: evil.length + 1, targetEnd: evil.length + 5, sense: 's', label: evil, score: 0.5 }],
      }),
    );
    const line = md.split('\n').find((l) => l.includes('img'))!.replace(/ \(0\.50\)$/, '');
    // Only our own emphasis around the target and the label survive unescaped.
    assert.deepEqual(unescaped(line, '[]()<>`'), []);
    assert.equal(unescaped(line, '*').length, 6); // **bank** and *label*
    assert.equal((md.match(/\]\(command:/g) ?? []).length, 1, 'only the plot link is a command link');
  });

  it('escapes a hostile label in the first line and the sense list', () => {
    const winner = { sense: 'x', label: '<script>alert(1)</script>](command:evil)', score: 0.5, examples: 1 };
    const md = hoverMarkdown(classification({ senses: [winner], winner, margin: 0 }));
    assert.equal((md.match(/\]\(command:/g) ?? []).length, 1);
    assert.deepEqual(unescaped(md.split('\n')[0]!, '<>[]()'), []);
    assert.match(md, /^Margin 0\.00$/m);
  });
});

describe('pieces', () => {
  it('bar clamps and rounds', () => {
    assert.equal(bar(0.8), '▰▰▰▰▰▰▰▰▱▱');
    assert.equal(bar(-0.3), '▱▱▱▱▱▱▱▱▱▱');
    assert.equal(bar(1.7, 4), '▰▰▰▰');
    assert.equal(bar(Number.NaN, 2), '▱▱');
  });

  it('command URIs cannot close the markdown link', () => {
    const uri = commandUri('bertWordSense.plotSenses', ["it's (odd)"]);
    assert.doesNotMatch(uri.slice('command:'.length), /[()' ]/);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1]!)), ["it's (odd)"]);
    assert.equal(plotLink('bass'), "[Plot senses of 'bass'](command:bertWordSense.plotSenses?%5B%22bass%22%5D)");
  });

  it('emphasiseTarget shortens long sentences around the target', () => {
    const long = `${'a '.repeat(300)}bank${' z'.repeat(300)}`;
    const out = emphasiseTarget({ sentence: long, targetStart: 600, targetEnd: 604 });
    assert.match(out, /^….*\*\*bank\*\*.*…$/);
    assert.ok(out.length < 300);
  });

  it('emphasiseTarget tolerates offsets out of range', () => {
    assert.equal(emphasiseTarget({ sentence: 'no target', targetStart: 50, targetEnd: 60 }), 'no target');
  });
});
