// Child process of bench/perf/boundary.ts: runs the engine bundle (dist/engineWorker.js) in a
// child process instead of a worker thread, to compare the two ways of putting the engine off the
// extension host's thread. Stands in the worker's `parentPort` and `workerData` with the IPC
// channel and an environment variable; the engine code is the same.
//
//   fork('bench/engineChild.cjs', { env: { ENGINE_BUNDLE, ENGINE_WORKER_DATA } })
'use strict';
const workerThreads = require('node:worker_threads');

const port = {
  on: (event, listener) => process.on(event, listener),
  postMessage: (message) => process.send(message),
  close: () => process.disconnect(),
};
Object.defineProperty(workerThreads, 'parentPort', { value: port });
Object.defineProperty(workerThreads, 'workerData', { value: JSON.parse(process.env.ENGINE_WORKER_DATA) });
require(process.env.ENGINE_BUNDLE);
