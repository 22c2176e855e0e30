/**
 * SensePlotPanel against a minimal fake of the `vscode` module (only what the panel touches).
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { after, describe, it } from 'node:test';
import type { OccurrenceContext, PlotData } from '../../src/shared/engineProtocol';
import type { RunOptions } from '../../src/senses/types';
import type { PlotService } from '../../src/vscode/panels/SensePlotPanel';
import { COARSEWSD20_WORDS } from '../../src/shared/words';
import { callSettingsOf, DEFAULTS } from '../../src/shared/settings';

interface FakeUri {
  readonly fsPath: string;
  toString(): string;
}
const uri = (fsPath: string): FakeUri => ({ fsPath, toString: () => `file://${fsPath}` });

const fake = {
  posted: [] as Record<string, unknown>[],
  html: '',
  title: '',
  created: 0,
  revealed: 0,
  disposed: false,
  receive: undefined as ((message: unknown) => Promise<void> | void) | undefined,
  onDispose: undefined as (() => void) | undefined,
  written: [] as { path: string; bytes: Uint8Array }[],
  info: [] as string[],
  saveTo: uri('/ws/out.png') as FakeUri | undefined,
  saveDefault: undefined as FakeUri | undefined,
  opened: [] as { uri: string; line: number; character: number }[],
};

const vscodeFake = {
  Uri: {
    parse: (value: string) => uri(value.replace(/^file:\/\//, '')),
    file: (p: string) => uri(p),
    joinPath: (base: FakeUri, ...parts: string[]) => uri([base.fsPath, ...parts].join('/')),
  },
  ViewColumn: { Beside: -2, One: 1 },
  Position: class {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  },
  Range: class {
    constructor(
      readonly start: { line: number; character: number },
      readonly end: unknown,
    ) {}
  },
  window: {
    createWebviewPanel: (_viewType: string, title: string, _column: unknown, options: { localResourceRoots: FakeUri[] }) => {
      fake.created++;
      fake.title = title;
      assert.deepEqual(options.localResourceRoots.map((u) => u.fsPath), ['/ext/media/webview']);
      const webview = {
        cspSource: 'https://webview.test',
        asWebviewUri: (u: FakeUri) => uri(u.fsPath),
        set html(value: string) {
          fake.html = value;
        },
        postMessage: async (m: Record<string, unknown>) => {
          fake.posted.push(m);
          return true;
        },
        onDidReceiveMessage: (listener: (message: unknown) => Promise<void>) => {
          fake.receive = listener;
          return { dispose: () => (fake.receive = undefined) };
        },
      };
      return {
        webview,
        set title(value: string) {
          fake.title = value;
        },
        reveal: () => fake.revealed++,
        onDidDispose: (listener: () => void) => {
          fake.onDispose = listener;
          return { dispose: () => undefined };
        },
        dispose: () => {
          if (fake.disposed) return;
          fake.disposed = true;
          fake.onDispose?.();
        },
      };
    },
    showSaveDialog: async (options: { defaultUri: FakeUri }) => {
      fake.saveDefault = options.defaultUri;
      return fake.saveTo;
    },
    showTextDocument: async (u: FakeUri, options: { selection: { start: { line: number; character: number } } }) =>
      void fake.opened.push({ uri: u.toString(), ...options.selection.start }),
    showInformationMessage: async (m: string) => void fake.info.push(m),
    showErrorMessage: async (m: string) => void fake.info.push(`error: ${m}`),
  },
  workspace: {
    workspaceFolders: [{ uri: uri('/ws') }],
    asRelativePath: (u: FakeUri) => u.fsPath.replace('/ws/', ''),
    fs: { writeFile: async (u: FakeUri, bytes: Uint8Array) => void fake.written.push({ path: u.fsPath, bytes }) },
  },
};

const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscodeFake : originalLoad.call(this, request, ...rest);
};
after(() => {
  moduleWithLoad._load = originalLoad;
});

/** Like the engine: at most the model's 6 layers. */
const plotData = (word: string, options: RunOptions): PlotData => ({
  word,
  senses: [{ sense: `${word}_a`, label: `${word} (a)` }],
  points: [
    { x: 1, y: 2, kind: 'train', sense: `${word}_a`, label: `${word} (a)`, sentence: 's' },
    { x: 2, y: 1, kind: 'document', sense: `${word}_a`, label: `${word} (a)`, sentence: 'd', location: { uri: 'file:///ws/notes.md', line: 3, character: 7 } },
  ],
  projection: { method: 'pca' },
  explained: [0.5, 0.25],
  options: { ...options.vector, layers: Math.min(options.vector.layers, 6) },
  maxExamplesPerSense: options.maxExamplesPerSense,
});

function service(): PlotService & { calls: { word: string; occurrences: number; options: RunOptions }[] } {
  const calls: { word: string; occurrences: number; options: RunOptions }[] = [];
  return {
    calls,
    numLayers: 6,
    plot(word, occurrences, run, { signal }) {
      const options = { ...run, signal };
      calls.push({ word, occurrences: occurrences.length, options });
      if (word === 'bass') return Promise.reject(new Error('dataset missing for bass'));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(plotData(word, options)), 20);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('Cancelled.'));
        });
      });
    },
  };
}

const occurrence = (word: string) => ({ target: { word } }) as unknown as OccurrenceContext;
const types = () => fake.posted.map((m) => m.type).join(',');
const flush = () => new Promise((r) => setTimeout(r, 60));

describe('SensePlotPanel', async () => {
  const { SensePlotPanel } = await import('../../src/vscode/panels/SensePlotPanel');
  const engine = service();
  /** What the host would return now: replaced by a reset. */
  let current = engine;
  const resetListeners = new Set<() => void>();
  const taughtListeners = new Set<() => void>();
  /** Words with taught senses, as the host last listed them. */
  let taught: string[] = [];
  const host = {
    getService: async () => current,
    model: () => '/models/tiny-bert-uncased',
    onDidReset: (listener: () => void) => {
      resetListeners.add(listener);
      return { dispose: () => void resetListeners.delete(listener) };
    },
    words: () => [...COARSEWSD20_WORDS, ...taught.filter((w) => !(COARSEWSD20_WORDS as readonly string[]).includes(w))],
    taughtWords: () => taught,
    onDidChangeTaught: (listener: () => void) => {
      taughtListeners.add(listener);
      return { dispose: () => void taughtListeners.delete(listener) };
    },
  };
  const logs: string[] = [];
  const options = {
    word: 'bank',
    defaults: { layers: 4, pooling: 'sum' as const, maxExamplesPerSense: 100 },
    run: callSettingsOf(DEFAULTS),
    getOccurrences: () => ({ occurrences: [occurrence('bank'), occurrence('bass'), occurrence('bank')] }),
    log: (level: string, message: string) => void logs.push(`${level}: ${message}`),
  };
  const extensionUri = uri('/ext') as unknown as import('vscode').Uri;

  it('creates a locked-down page without data and waits for ready', () => {
    SensePlotPanel.createOrShow(extensionUri, host, options);
    assert.equal(fake.created, 1);
    assert.equal(resetListeners.size, 1, 'the panel listens for engine resets');
    assert.equal(fake.title, 'Senses: bank');
    assert.match(fake.html, /default-src 'none'; img-src https:\/\/webview\.test data:; style-src https:\/\/webview\.test 'nonce-([A-Za-z0-9+/=]{24})'; script-src 'nonce-\1'; font-src https:\/\/webview\.test/);
    assert.doesNotMatch(fake.html, /unsafe-|bank/);
    assert.equal(fake.posted.length, 0);
  });

  it('answers ready with init, loading and plot', async () => {
    await fake.receive?.({ type: 'ready' });
    assert.equal(types(), 'init,loading,plot');
    assert.deepEqual(fake.posted[0], {
      type: 'init',
      words: COARSEWSD20_WORDS,
      taught: [],
      maxLayers: 6,
      controls: { word: 'bank', layers: 4, pooling: 'sum', maxExamplesPerSense: 100 },
    });
    assert.deepEqual(engine.calls[0]?.options.vector, { layers: 4, pooling: 'sum' });
    assert.equal(engine.calls[0]?.options.maxExamplesPerSense, 100);
    assert.equal(engine.calls[0]?.occurrences, 2, 'occurrences of other words are dropped');
  });

  it('cancels the plot in flight when the controls change again', async () => {
    fake.posted.length = 0;
    const before = engine.calls.length;
    const first = fake.receive?.({ type: 'controls', controls: { word: 'bank', layers: 2, pooling: 'mean', maxExamplesPerSense: 10 } });
    const second = fake.receive?.({ type: 'controls', controls: { word: 'bank', layers: 9, pooling: 'mean', maxExamplesPerSense: 30 } });
    await Promise.all([first, second]);
    assert.equal(types(), 'loading,loading,plot');
    // The first plot was aborted, in the engine or before it got there.
    assert.ok(engine.calls.length > before);
    assert.ok(engine.calls.slice(before, -1).every((c) => c.options.signal?.aborted === true));
    assert.equal(engine.calls.at(-1)?.options.signal?.aborted, false);
    const plot = fake.posted.at(-1) as { controls: { layers: number; maxExamplesPerSense: number } };
    assert.equal(plot.controls.layers, 6, 'layers clamped to the model depth');
    assert.equal(plot.controls.maxExamplesPerSense, 30);
  });

  it('posts the engine error message', async () => {
    fake.posted.length = 0;
    await fake.receive?.({ type: 'controls', controls: { word: 'bass', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 } });
    assert.deepEqual(fake.posted.at(-1), { type: 'error', message: 'dataset missing for bass' });
    assert.equal(fake.title, 'Senses: bass');
  });

  it('logs and ignores invalid messages and unknown words', async () => {
    fake.posted.length = 0;
    const before = engine.calls.length;
    await fake.receive?.({ type: 'explode' });
    await fake.receive?.({ type: 'controls', controls: { word: 'zebra', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 } });
    await fake.receive?.({ type: 'export', format: 'png', data: 'javascript:alert(1)' });
    assert.equal(fake.posted.length, 0);
    assert.equal(engine.calls.length, before);
    assert.equal(logs.filter((l) => l.startsWith('warn: Plot view: ignored')).length, 3);
  });

  it('exports a PNG data URL as bytes into the workspace', async () => {
    fake.saveTo = uri('/ws/senses-bank.png'); // named after the last plotted word
    await fake.receive?.({ type: 'export', format: 'png', data: `data:image/png;base64,${Buffer.from('PNGDATA').toString('base64')}` });
    assert.equal(fake.saveDefault?.fsPath, '/ws/senses-bank.png');
    assert.equal(Buffer.from(fake.written.at(-1)?.bytes ?? []).toString(), 'PNGDATA');
    assert.deepEqual(fake.info, ['Saved senses-bank.png']);
    fake.saveTo = undefined;
    await fake.receive?.({ type: 'export', format: 'csv', data: 'x,y\r\n' });
    assert.equal(fake.written.length, 1, 'nothing written when the dialog is cancelled');
  });

  it('plots again with the new engine when the host replaces it (settings change, Clear Cache)', async () => {
    fake.posted.length = 0;
    const old = engine.calls.length;
    current = service();
    for (const listener of resetListeners) listener();
    await flush();
    assert.equal(types(), 'loading,error', 'the current controls (bass) are plotted again');
    assert.deepEqual(current.calls.map((c) => c.word), ['bass']);

    fake.posted.length = 0;
    await fake.receive?.({ type: 'controls', controls: { word: 'bank', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 } });
    assert.equal(types(), 'loading,plot');
    assert.deepEqual(current.calls.map((c) => c.word), ['bass', 'bank']);
    assert.equal(engine.calls.length, old, 'the replaced engine is not used again');
  });

  it('offers taught words once taught, plots one, and plots it again when its senses change', async () => {
    fake.posted.length = 0;
    const calls = () => current.calls.map((c) => c.word).join(',');
    const before = calls();
    await fake.receive?.({ type: 'controls', controls: { word: 'kernel', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 } });
    assert.equal(fake.posted.length, 0, 'not a word of the control yet');
    assert.equal(calls(), before);

    taught = ['kernel', 'seal'];
    for (const listener of taughtListeners) listener();
    await flush();
    const init = fake.posted.find((m) => m.type === 'init') as { words: string[]; taught: string[] };
    assert.deepEqual(init.words, [...COARSEWSD20_WORDS, 'kernel']);
    assert.deepEqual(init.taught, ['kernel'], 'only words without dataset senses are labelled taught');
    assert.equal(calls().split(',').length, before.split(',').length, 'the plotted word has no taught senses: not plotted again');

    fake.posted.length = 0;
    await fake.receive?.({ type: 'controls', controls: { word: 'kernel', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 } });
    assert.equal(types(), 'loading,plot');
    assert.equal(fake.title, 'Senses: kernel');
    fake.posted.length = 0;
    for (const listener of taughtListeners) listener();
    await flush();
    assert.equal(types(), 'init,loading,plot', 'a taught word is plotted again when the taught senses change');
    assert.equal(current.calls.at(-1)?.word, 'kernel');
  });

  it('opens the file of a clicked occurrence at its word, and nothing for a point without a file', async () => {
    await fake.receive?.({ type: 'open', point: 1 });
    assert.deepEqual(fake.opened, [{ uri: 'file:///ws/notes.md', line: 3, character: 7 }]);
    await fake.receive?.({ type: 'open', point: 0 });
    await fake.receive?.({ type: 'open', point: 99 });
    assert.equal(fake.opened.length, 1);
    assert.ok(logs.some((l) => /point 0 has no file/.test(l)));
  });

  it('reveals the open panel and switches word, keeping the controls', async () => {
    fake.posted.length = 0;
    const panel = SensePlotPanel.createOrShow(extensionUri, host, { ...options, word: 'bank' });
    assert.equal(fake.created, 1);
    assert.equal(fake.revealed, 1);
    assert.equal(fake.title, 'Senses: bank');
    await flush();
    assert.equal(types(), 'init,loading,plot');
    assert.deepEqual((fake.posted[0] as { controls: unknown }).controls, { word: 'bank', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 });
    // A reload of the hidden page gets the cached plot without recomputing.
    const before = current.calls.length;
    fake.posted.length = 0;
    await fake.receive?.({ type: 'ready' });
    assert.equal(types(), 'init,plot');
    assert.equal(current.calls.length, before);
    panel.dispose();
    assert.equal(fake.disposed, true);
    assert.equal(SensePlotPanel.current, undefined);
    assert.equal(fake.receive, undefined, 'listeners disposed');
    assert.equal(resetListeners.size, 0, 'reset listener disposed');
  });
});
