/**
 * Trains one probe in a worker thread: at bert-base's 768 dimensions a 5-sense word takes seconds
 * of CPU, which must not run on the extension host's thread. Pure JS, so ending the thread early
 * (cancellation) is safe. One request, one answer, then the thread ends.
 */
import { parentPort } from 'node:worker_threads';
import { trainProbe, type Probe, type ProbeOptions, type ProbeTrainingSet } from './probe';

export interface ProbeWorkerRequest {
  readonly set: ProbeTrainingSet;
  readonly options: ProbeOptions;
}

export type ProbeWorkerResponse = { readonly ok: true; readonly probe: Probe } | { readonly ok: false; readonly message: string };

parentPort?.once('message', (request: ProbeWorkerRequest) => {
  trainProbe(request.set, request.options).then(
    (probe) => parentPort!.postMessage({ ok: true, probe } satisfies ProbeWorkerResponse, [probe.weights.buffer as ArrayBuffer]),
    (error: unknown) => parentPort!.postMessage({ ok: false, message: (error as Error).message ?? String(error) } satisfies ProbeWorkerResponse),
  );
});
