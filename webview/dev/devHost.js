// Stub of the VS Code host for webview/dev/index.html (not shipped). Answers `ready` and `controls`
// like SensePlotPanel does, with synthetic PlotData; exports are kept in window.__exports.
(() => {
  const params = new URLSearchParams(location.search);
  const theme = params.get('theme') ?? 'dark';
  const perSense = Number(params.get('n') ?? 60);
  // ?senses=6: more senses (taught ones with long labels), to look at the legend's layout; ?note=…: a status note.
  const senseCount = Number(params.get('senses') ?? 3);
  const note = params.get('note') ?? undefined;
  const themes = {
    dark: {
      cls: 'vscode-dark',
      vars: {
        '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f',
        '--vscode-descriptionForeground': '#9d9d9d', '--vscode-widget-border': '#313131',
        '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185',
        '--vscode-charts-yellow': '#cca700', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7',
        '--vscode-charts-lines': 'rgba(204,204,204,0.5)', '--vscode-editorHoverWidget-background': '#202020',
        '--vscode-editorHoverWidget-border': '#454545', '--vscode-errorForeground': '#f85149',
        '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
        '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownForeground': '#cccccc',
        '--vscode-settings-dropdownBorder': '#3c3c3c', '--vscode-button-secondaryBackground': '#313131',
        '--vscode-button-secondaryForeground': '#cccccc',
      },
    },
    light: {
      cls: 'vscode-light',
      vars: {
        '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
        '--vscode-descriptionForeground': '#717171', '--vscode-widget-border': '#e5e5e5',
        '--vscode-charts-blue': '#1a85ff', '--vscode-charts-red': '#e51400', '--vscode-charts-green': '#388a34',
        '--vscode-charts-yellow': '#bf8803', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#652d90',
        '--vscode-charts-lines': 'rgba(59,59,59,0.5)', '--vscode-editorHoverWidget-background': '#f8f8f8',
        '--vscode-editorHoverWidget-border': '#c8c8c8', '--vscode-errorForeground': '#e51400',
        '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
        '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownForeground': '#3b3b3b',
        '--vscode-settings-dropdownBorder': '#cecece', '--vscode-settings-dropdownListBorder': '#cecece',
        '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
        '--vscode-button-secondaryHoverBackground': '#cccccc',
      },
    },
  };
  window.__setTheme = (name) => {
    const t = themes[name] ?? themes.dark;
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
    const apply = () => { document.body.className = t.cls; };
    if (document.body) apply(); else document.addEventListener('DOMContentLoaded', apply);
  };
  window.__setTheme(theme);

  // Deterministic pseudo-random numbers.
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

  function plotData(controls) {
    const senses = [
      { sense: 'bank_bank_(geography)', label: 'bank (geography)', cx: -3, cy: 1 },
      { sense: 'bank_bank', label: 'bank (finance)', cx: 3, cy: -0.5 },
      { sense: 'bank_bank_(aviation)', label: 'bank (aviation)', cx: 0.5, cy: 3.5 },
      { sense: 'blood-bank', label: 'bank (taught: a store of blood for transfusions)', cx: -2.5, cy: -3, source: 'taught' },
      { sense: 'snow-bank', label: 'bank (taught: a mass of snow)', cx: 3.5, cy: 3.5, source: 'taught' },
      { sense: 'keyboard-bank', label: 'bank (taught: a row of keys)', cx: 0, cy: -4, source: 'taught' },
    ].slice(0, senseCount);
    const n = controls.maxExamplesPerSense === 0 ? perSense * 3 : Math.min(perSense, controls.maxExamplesPerSense);
    const spread = controls.pooling === 'mean' ? 0.8 : 1.1;
    const points = [];
    for (const s of senses) {
      for (let i = 0; i < n; i++) {
        points.push({ x: s.cx + gauss() * spread, y: s.cy + gauss() * spread, kind: 'train', sense: s.sense, label: s.label, ...(s.source && { source: s.source }),
          sentence: `Example ${i} of ${s.label}: they sat on the <b>bank</b> & watched "the river", it's <script>alert(1)</script>.` });
      }
      points.push({ x: s.cx, y: s.cy, kind: 'centroid', sense: s.sense, label: s.label, sentence: '' });
    }
    points.push({ x: -2.2, y: 0.4, kind: 'document', sense: senses[0].sense, label: senses[0].label, sentence: 'We walked along the river bank at dusk.' });
    points.push({ x: 2.5, y: 0.3, kind: 'document', sense: senses[1].sense, label: senses[1].label, sentence: 'The bank raised its rates, <img src=x onerror=alert(1)>.' });
    return {
      word: controls.word, senses: senses.map(({ sense, label }) => ({ sense, label })), points,
      ...projectionOf(controls), options: { layers: controls.layers, pooling: controls.pooling }, maxExamplesPerSense: controls.maxExamplesPerSense,
    };
  }

  /** A WordNet plot (the word `run`): 15 synsets with examples, gloss points and sense vectors, 42 left out. */
  function wordNetPlotData(controls) {
    const glosses = ['move fast by using one\'s feet', 'flee; take to one\'s heels', 'stretch out over a distance', 'direct or control; projects, businesses',
      'a score in baseball made by a runner', 'have a particular form', 'move along, of liquids', 'perform as expected when applied',
      'change or be different within limits', 'run, stand, or compete for an office', 'the act of testing something', 'cause to emit recorded audio',
      'a race run on foot', 'an unbroken series of events', 'a regular trip'];
    const senses = glosses.map((gloss, i) => ({ sense: `${String(1000 + i).padStart(8, '0')}${i === 4 || i > 9 ? 'n' : 'v'}`, label: `${i === 4 || i > 9 ? 'noun' : 'verb'} ${i + 1}: ${gloss}`, gloss }));
    const points = [];
    senses.forEach((s, i) => {
      const cx = 4 * Math.cos(i * 0.9), cy = 3 * Math.sin(i * 1.3);
      for (let k = 0; k < 1 + (i % 3); k++) points.push({ x: cx + gauss() * 0.6, y: cy + gauss() * 0.6, kind: 'train', sense: s.sense, label: s.label, sentence: `Example ${k}: she will <b>run</b> home.` });
      points.push({ x: cx + 0.3, y: cy - 0.2, kind: 'gloss', sense: s.sense, label: s.label, sentence: `run: ${s.gloss}` });
      points.push({ x: cx + 0.3, y: cy - 0.2, kind: 'centroid', sense: s.sense, label: s.label, sentence: 'Sense vector: the gloss vector' });
    });
    points.push({ x: 3.6, y: 0.4, kind: 'document', sense: senses[0].sense, label: senses[0].label, sentence: 'They run along the beach every morning.' });
    return {
      word: 'run', senses, points, explained: [0.181, 0.094], options: { layers: controls.layers, pooling: controls.pooling },
      maxExamplesPerSense: 0, inventory: 'wordnet', omittedSenses: 42, projection: { method: 'pca' },
    };
  }

  // What the engine says about its layout: variance for PCA only, parameters for UMAP and t-SNE.
  function projectionOf(controls) {
    switch (controls.projection ?? 'pca') {
      case 'umap': return { projection: { method: 'umap', nNeighbors: 15, minDist: 0.1, epochs: 500, seed: 42 } };
      case 'tsne': return { projection: { method: 'tsne', perplexity: 30, iterations: 750, seed: 42 } };
      default: return { projection: { method: 'pca' }, explained: [0.234, 0.117] };
    }
  }

  const send = (message) => window.postMessage(message, '*');
  let controls = { word: params.get('word') ?? 'bank', layers: 4, pooling: 'sum', maxExamplesPerSense: 100, projection: params.get('projection') ?? 'pca' };
  const dataFor = (c) => (c.word === 'run' ? wordNetPlotData(c) : plotData(c));
  window.__exports = [];
  window.__sent = [];
  window.acquireVsCodeApi = () => {
    let state;
    return {
      getState: () => state,
      setState: (s) => (state = s),
      postMessage: (message) => {
        window.__sent.push(message);
        switch (message.type) {
          case 'ready':
            send({ type: 'init', words: ['apple', 'bank', 'bass', 'java', 'run', 'kernel'], taught: ['kernel'], maxLayers: 12, controls });
            send({ type: 'plot', data: dataFor(controls), controls, model: 'Xenova/bert-base-uncased', ...(note && { note }) });
            break;
          case 'controls':
            controls = message.controls;
            send({ type: 'loading', controls });
            send({ type: 'progress', message: 'Laying out the plot with t-SNE (375/750)' });
            setTimeout(() => send(controls.word === 'java'
              ? { type: 'error', message: 'The dataset has no word "java" (<b>not</b> HTML).' }
              : { type: 'plot', data: dataFor(controls), controls, model: 'Xenova/bert-base-uncased' }), 300);
            break;
          case 'export':
            window.__exports.push({ format: message.format, length: message.data.length, head: message.data.slice(0, 200), data: message.data });
            break;
        }
      },
    };
  };
})();
