/**
 * jsonc-parser through its ES module build: its package `main` is a UMD build whose inner
 * `require('./impl/…')` calls esbuild cannot follow, so the bundled engine failed to load.
 */
export { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
export type { JSONPath, Node, ParseError } from 'jsonc-parser/lib/esm/main.js';
