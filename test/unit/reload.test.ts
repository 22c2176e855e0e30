/**
 * A window reload, on the fake `vscode` module: the plot's state (what the page keeps with
 * `setState`) brings back your occurrences, found again in their documents; Analyze Selection's
 * annotations come back when the text is the one analysed, and are said to be cleared when it is
 * not; the caps say what they cut.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { uninstallVscode } from '../fakes/installVscode';
import { FakeTextDocument } from '../fakes/textDocument';
import { fake, Uri, window, workspace } from '../fakes/vscode';
import type { Classification, EngineCalls, OccurrenceContext, PlotData } from '../../src/shared/engineProtocol';
import { callSettingsOf, DEFAULTS } from '../../src/shared/settings';
import type { HostMessage } from '../../src/shared/webviewMessages';
import { AnalysisMemory, contentHash } from '../../src/vscode/analysisMemory';
import { analyzeSelection, restoreAnalysis } from '../../src/vscode/commands/analyzeSelection';
import { pickDescription } from '../../src/vscode/commands/analyzeWorkspace';
import type { CommandDeps } from '../../src/vscode/commands/deps';
import { plotSenses, plotSerializer } from '../../src/vscode/commands/plotSenses';
import { MAX_FROM_DOCUMENT, MAX_PLOTTED_OCCURRENCES, plotOccurrences } from '../../src/vscode/documentOccurrences';
import type { EngineClient } from '../../src/vscode/engineClient';
import type { EngineHost } from '../../src/vscode/engineHost';
import { OccurrenceStore } from '../../src/vscode/occurrences';
import { SensePlotPanel } from '../../src/vscode/panels/SensePlotPanel';
import { inventory } from '../../src/vscode/wordInventory';

after(() => uninstallVscode());

const NOTES = 'file:///ws/notes.md';
const TEXT = 'We sat on the bank of the river.\nShe took her savings to the bank.';

/** A webview panel that records what the host posts and lets the test speak for the page. */
function fakePanel() {
  const posted: HostMessage[] = [];
  let receive: ((message: unknown) => Promise<void>) | undefined;
  let disposed = false;
  const panel = {
    title: '',
    webview: {
      options: {},
      html: '',
      cspSource: 'https://webview.test',
      asWebviewUri: (u: Uri) => u,
      postMessage: async (m: HostMessage) => void posted.push(m),
      onDidReceiveMessage: (listener: (message: unknown) => Promise<void>) => {
        receive = listener;
        return { dispose: () => (receive = undefined) };
      },
    },
    reveal: () => undefined,
    onDidDispose: () => ({ dispose: () => undefined }),
    dispose: () => void (disposed = true),
  };
  return {
    panel: panel as unknown as vscodeTypes.WebviewPanel,
    posted,
    ready: () => receive?.({ type: 'ready' }),
    get disposed() {
      return disposed;
    },
    lastPlot: () => posted.filter((m): m is Extract<HostMessage, { type: 'plot' }> => m.type === 'plot').at(-1),
  };
}

/** An engine whose plot has one point per occurrence it was given (and records them). */
function plotEngine(calls: OccurrenceContext[][]): EngineClient {
  return {
    loadedModel: { numLayers: 4 },
    call: async (kind: string, params: EngineCalls['plot']['params']) => {
      assert.equal(kind, 'plot');
      calls.push([...params.occurrences]);
      return {
        word: params.word,
        senses: [{ sense: 'bank_a', label: 'bank (a)' }],
        points: params.occurrences.map((o) => ({ x: 0, y: 0, kind: 'document', sense: 'bank_a', label: 'bank (a)', sentence: o.context, location: o.location })),
        projection: { method: 'pca' },
        options: params.run.vector,
        maxExamplesPerSense: params.run.maxExamplesPerSense,
      } satisfies PlotData;
    },
  } as unknown as EngineClient;
}

function deps(engine: EngineClient, store = new OccurrenceStore()): CommandDeps {
  const host = { settings: { wordnet: false, run: callSettingsOf(DEFAULTS), engine: { model: 'test-model' } }, engine: () => engine } as unknown as EngineHost;
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return { extensionUri: Uri.file('/ext'), host, occurrences: store, workspaceOccurrences: { occurrences: async () => [] }, taught: { last: undefined, onDidChange: () => ({ dispose() {} }) }, log } as unknown as CommandDeps;
}

const plain = (list: readonly OccurrenceContext[]) => list.map(({ target, context, contextStart, contextEnd, location }) => ({ target, context, contextStart, contextEnd, location }));

describe('the plot after a window reload', () => {
  const win = window as unknown as { createWebviewPanel: unknown; activeTextEditor: unknown };
  let panels: ReturnType<typeof fakePanel>[] = [];
  beforeEach(() => {
    SensePlotPanel.current?.dispose();
    panels = [];
    win.createWebviewPanel = () => {
      const p = fakePanel();
      panels.push(p);
      return p.panel;
    };
  });

  /** Plots "bank" from notes.md and gives the page's state as VS Code keeps it (JSON). */
  async function plotAndSave(calls: OccurrenceContext[][]): Promise<unknown> {
    const document = new FakeTextDocument(TEXT, { uri: NOTES }).asDocument();
    workspace.textDocuments = [document];
    win.activeTextEditor = { document, selection: { active: { line: 0, character: 0 } } };
    await plotSenses(deps(plotEngine(calls)), 'bank');
    await panels[0].ready();
    const plot = panels[0].lastPlot();
    assert.ok(plot, 'a plot was posted');
    SensePlotPanel.current?.dispose();
    win.activeTextEditor = undefined;
    // What webview/main.ts keeps: the controls and the saved places of the plot it shows.
    return JSON.parse(JSON.stringify({ controls: plot.controls, saved: plot.saved }));
  }

  it('keeps the places of your occurrences and finds them again in their document: 2 of yours, then 2 again', async () => {
    const calls: OccurrenceContext[][] = [];
    const state = await plotAndSave(calls);
    assert.deepEqual((state as { saved: unknown }).saved, {
      word: 'bank',
      document: NOTES,
      places: [
        { uri: NOTES, line: 0, character: 14 },
        { uri: NOTES, line: 1, character: 28 },
      ],
    });
    const restored = fakePanel();
    await plotSerializer(deps(plotEngine(calls), new OccurrenceStore())).deserializeWebviewPanel(restored.panel, state);
    await restored.ready();
    assert.equal(calls.length, 2);
    assert.equal(calls[1].length, 2, 'the restored plot embeds both occurrences again');
    assert.deepEqual(plain(calls[1]), plain(calls[0]), 'the same sentences, spans and places as before the reload');
    assert.equal(restored.lastPlot()?.note, undefined, 'nothing to say');
    assert.deepEqual(restored.lastPlot()?.saved, (state as { saved: unknown }).saved, 'and the page keeps them for the next reload');
  });

  it('says how many it could not find when a document changed', async () => {
    const calls: OccurrenceContext[][] = [];
    const state = await plotAndSave(calls);
    // The first line was edited while the window was closed: its "bank" is gone, the second one is where it was.
    workspace.textDocuments = [new FakeTextDocument('We sat on the shore of the river.\nShe took her savings to the bank.', { uri: NOTES }).asDocument()];
    const restored = fakePanel();
    await plotSerializer(deps(plotEngine(calls))).deserializeWebviewPanel(restored.panel, state);
    await restored.ready();
    assert.deepEqual(calls[1].map((o) => o.context), ['She took her savings to the bank.']);
    assert.equal(restored.lastPlot()?.note, '1 of your 2 occurrences from before the reload is no longer in its document');
  });

  it('a document that is gone: none found, said so; a state that is no plot closes the panel', async () => {
    const calls: OccurrenceContext[][] = [];
    const state = await plotAndSave(calls);
    workspace.textDocuments = [];
    const restored = fakePanel();
    await plotSerializer(deps(plotEngine(calls))).deserializeWebviewPanel(restored.panel, state);
    await restored.ready();
    assert.equal(calls[1].length, 0);
    assert.match(restored.lastPlot()?.note ?? '', /^2 of your 2 occurrences from before the reload are no longer in their documents$/);
    const broken = fakePanel();
    await plotSerializer(deps(plotEngine(calls))).deserializeWebviewPanel(broken.panel, { controls: { word: 'bank' } });
    assert.equal(broken.disposed, true);
  });

  it('a panel back without its state (a browser reload can lose it) is closed, and the log says why', async () => {
    const logged: string[] = [];
    const d = deps(plotEngine([]));
    const withLog = { ...d, log: { ...d.log, info: (message: string) => logged.push(message) } } as CommandDeps;
    const bare = fakePanel();
    await plotSerializer(withLog).deserializeWebviewPanel(bare.panel, undefined);
    assert.equal(bare.disposed, true);
    assert.deepEqual(logged, ['The plot panel came back from the reload without a plot it could show, so it was closed: run Plot Senses again.']);
  });
});

describe('caps say what they cut', () => {
  const occurrenceIn = (uri: string, line: number): OccurrenceContext => ({ target: { word: 'bank', surface: 'bank', start: 0, end: 4 }, context: 'bank', contextStart: 0, contextEnd: 4, location: { uri, line, character: 0 } });

  it(`the plot keeps at most ${MAX_PLOTTED_OCCURRENCES} occurrences and says so`, () => {
    const workspaceFound = Array.from({ length: MAX_PLOTTED_OCCURRENCES + 4 }, (_, i) => occurrenceIn(`file:///ws/f${i % 7}.md`, i));
    const found = plotOccurrences(new OccurrenceStore(), undefined, 'bank', workspaceFound);
    assert.equal(found.occurrences.length, MAX_PLOTTED_OCCURRENCES);
    assert.deepEqual(found.notes, ['500 of 504 occurrences shown — the plot keeps at most 500']);
    assert.deepEqual(plotOccurrences(new OccurrenceStore(), undefined, 'bank', workspaceFound.slice(0, 20)).notes, [], 'nothing cut, nothing said');
  });

  it(`a document gives at most ${MAX_FROM_DOCUMENT} and says so`, () => {
    const document = new FakeTextDocument(Array.from({ length: 130 }, () => 'The bank.').join('\n')).asDocument();
    const found = plotOccurrences(new OccurrenceStore(), document, 'bank');
    assert.equal(found.occurrences.length, MAX_FROM_DOCUMENT);
    assert.equal(found.yours.length, MAX_FROM_DOCUMENT);
    assert.deepEqual(found.notes, ['100 of 130 occurrences of this document shown — the plot takes at most 100']);
  });

  it('a WordNet plot says when the engine took only the first of a document\'s occurrences', async () => {
    const calls: OccurrenceContext[][] = [];
    const plot = plotEngine(calls).call as unknown as (kind: string, params: unknown) => Promise<unknown>;
    const engine = {
      loadedModel: { numLayers: 4 },
      call: async (kind: string, params: EngineCalls['plotWordNet']['params'] & { text: string }) => {
        if (kind === 'wordNetOccurrences') {
          const occurrences = [{ target: { word: 'kernel', surface: 'kernel', start: 4, end: 10 }, context: 'The kernel.', contextStart: 4, contextEnd: 10 }];
          return { occurrences, found: 3 };
        }
        assert.equal(kind, 'plotWordNet');
        return plot('plot', params);
      },
    } as unknown as EngineClient;
    const d = deps(engine);
    (d.host.settings as { wordnet: boolean }).wordnet = true;
    const document = new FakeTextDocument('The kernel. A kernel. Kernels.', { uri: NOTES }).asDocument();
    (window as unknown as { activeTextEditor: unknown }).activeTextEditor = { document, selection: { active: { line: 0, character: 0 } } };
    const panels: ReturnType<typeof fakePanel>[] = [];
    (window as unknown as { createWebviewPanel: unknown }).createWebviewPanel = () => {
      const p = fakePanel();
      panels.push(p);
      return p.panel;
    };
    SensePlotPanel.current?.dispose();
    await plotSenses(d, 'kernel');
    await panels[0].ready();
    assert.equal(panels[0].lastPlot()?.note, '1 of 3 occurrences of this document shown — the plot takes at most 1');
    assert.deepEqual(calls[0].map((o) => o.location), [{ uri: NOTES, line: 0, character: 4 }]);
    SensePlotPanel.current?.dispose();
    (window as unknown as { activeTextEditor: unknown }).activeTextEditor = undefined;
  });

  it("the workspace picker says it before the plot opens", () => {
    assert.equal(pickDescription(504, 3), '504 occurrences in 3 files · 500 of 504 occurrences shown — the plot keeps at most 500');
    assert.equal(pickDescription(1, 1), '1 occurrence in 1 file');
  });
});

/** workspaceState: a Memento over a Map. */
class Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : fallback;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

/** An engine that classifies every target of the text as the first sense (and counts its calls). */
function classifyEngine(calls: string[]): EngineClient {
  return {
    call: async (kind: string, params: EngineCalls['classifyAll']['params']) => {
      assert.equal(kind, 'classifyAll');
      calls.push(params.text);
      const results = inventory.findAll(params.text).map((target) => {
        const winner = { sense: `${target.word}_a`, label: `${target.word} (a)`, score: 1, examples: 1 };
        return { target, context: params.text, contextStart: target.start, contextEnd: target.end, senses: [winner], winner, margin: 1, neighbours: [], vector: new Float32Array(), options: { layers: 4, pooling: 'sum' }, classifier: { method: 'centroid' }, indexStage: 'full' } as Classification;
      });
      return { results, found: results.length, maxOccurrences: 5_000 };
    },
  } as unknown as EngineClient;
}

describe("Analyze Selection's annotations after a window reload", () => {
  beforeEach(() => fake.reset());
  const host = (engine: EngineClient) =>
    ({ engine: () => engine, settings: { engine: { model: 'test', dtype: 'q8' }, run: callSettingsOf(DEFAULTS), wordnetInAnalysis: false }, fail: (what: string, error: unknown) => assert.fail(`${what}: ${String(error)}`) }) as unknown as EngineHost;
  const ranges = (store: OccurrenceStore, document: vscodeTypes.TextDocument) => store.forDocument(document.uri).map((o) => document.getText(o.range) + '@' + document.offsetAt(o.range.start));

  it('come back by themselves when the text is the one analysed, over the range analysed', async () => {
    const state = new Memento();
    const calls: string[] = [];
    const document = new FakeTextDocument(TEXT, { uri: NOTES }).asDocument();
    // The second line selected.
    window.activeTextEditor = { document, selection: { isEmpty: false, start: { line: 1, character: 0 }, end: { line: 1, character: 33 } } };
    const before = new OccurrenceStore();
    await analyzeSelection(host(classifyEngine(calls)), { store: before, memory: new AnalysisMemory(state as unknown as vscodeTypes.Memento) });
    assert.deepEqual(ranges(before, document), ['bank@61']);

    // The reload: a new window with nothing in memory but the workspace state.
    const after = new OccurrenceStore();
    const memory = new AnalysisMemory(state as unknown as vscodeTypes.Memento);
    await restoreAnalysis(host(classifyEngine(calls)), { store: after, memory }, new FakeTextDocument(TEXT, { uri: NOTES }).asDocument());
    assert.deepEqual(ranges(after, document), ['bank@61'], 'the same annotation, from the same range only');
    assert.deepEqual(calls, ['She took her savings to the bank.', 'She took her savings to the bank.']);
    assert.deepEqual(fake.messages, [], 'quietly');

    // Open again while annotated: nothing runs.
    await restoreAnalysis(host(classifyEngine(calls)), { store: after, memory }, document);
    assert.equal(calls.length, 2);
  });

  it('are said to be cleared, once, when the text changed', async () => {
    const state = new Memento();
    const document = new FakeTextDocument(TEXT, { uri: NOTES }).asDocument();
    window.activeTextEditor = { document, selection: { isEmpty: true } };
    const calls: string[] = [];
    await analyzeSelection(host(classifyEngine(calls)), { store: new OccurrenceStore(), memory: new AnalysisMemory(state as unknown as vscodeTypes.Memento) });
    const changed = new FakeTextDocument(`${TEXT}\nA new line.`, { uri: NOTES }).asDocument();
    const memory = new AnalysisMemory(state as unknown as vscodeTypes.Memento);
    const store = new OccurrenceStore();
    await restoreAnalysis(host(classifyEngine(calls)), { store, memory }, changed);
    await restoreAnalysis(host(classifyEngine(calls)), { store, memory }, changed);
    assert.equal(calls.length, 1, 'not analysed again');
    assert.equal(store.forDocument(changed.uri).length, 0);
    assert.deepEqual(fake.messages.map((m) => m.message), ['BERT Word Sense: the annotations of /ws/notes.md were cleared: its text changed since Analyze Selection ran. Run it again to see them.']);
  });

  it('hashes the text with SHA-256 (Web Crypto, which the web host has too)', async () => {
    assert.equal(await contentHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('a document never analysed stays as it is', async () => {
    const calls: string[] = [];
    await restoreAnalysis(host(classifyEngine(calls)), { store: new OccurrenceStore(), memory: new AnalysisMemory(new Memento() as unknown as vscodeTypes.Memento) }, new FakeTextDocument(TEXT).asDocument());
    assert.deepEqual([calls, fake.messages], [[], []]);
  });
});
