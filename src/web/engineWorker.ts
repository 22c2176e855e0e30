/**
 * The sense engine's Web Worker in a browser's extension host (vscode.dev, github.dev, code-server's
 * web worker host): the service of src/senses/engineService.ts on the worker's scope. The extension
 * (src/web/extension.ts) starts it from a Blob of this bundle whose first line sets
 * `engineWorkerData`: a browser cannot start a worker from an extension's own URL there.
 */
import type { EngineWorkerData } from '../shared/engineProtocol';
import { webWorkerScope, type WebWorkerScope } from '../shared/webWorkers';
import { serveEngine } from '../senses/engineService';

const scope = globalThis as unknown as WebWorkerScope & { readonly engineWorkerData: EngineWorkerData };
serveEngine(webWorkerScope(scope), scope.engineWorkerData);
