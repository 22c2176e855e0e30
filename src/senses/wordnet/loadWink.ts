/**
 * `wink.ts`, required on first use rather than imported: esbuild.mjs turns this `require` into
 * `require("./wink.js")`, a bundle of its own, so loading the engine does not parse the tagger's
 * model and the lemmatizer's lexicon; the first WordNet lookup does. Node caches the module.
 */
export function loadWink(): typeof import('./wink') {
  return require('./wink') as typeof import('./wink');
}
